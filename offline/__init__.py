"""Run this Pulumi program without the Pulumi CLI: load a stack's config the way the CLI
does, and evaluate `__main__.py` against a `pulumi.runtime.Mocks` (fake ids in the unit
tests, real resources in the local sandbox)."""

from .program import evaluate, run_program
from .stack_config import StackConfigError, load_stack_config

__all__ = ["StackConfigError", "evaluate", "load_stack_config", "run_program"]
