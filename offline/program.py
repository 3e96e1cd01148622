"""Evaluate Pulumi code under mocks, with no CLI, and return resolved values."""

import functools
import runpy
import sys
from collections.abc import Callable
from pathlib import Path

import pulumi
from pulumi.runtime import mocks as pulumi_mocks
from pulumi.runtime import settings
from pulumi.runtime.stack import run_pulumi_func
from pulumi.runtime.sync_await import _sync_await

from .stack_config import PROJECT_DIR, load_stack_config, project_name


class Resolved(dict):
    """Resolved values by name; `secret` names those Pulumi marks secret, so a caller can
    show them as `pulumi stack output` would ("[secret]")."""

    secret: frozenset[str] = frozenset()


def evaluate(
    mocks: pulumi.runtime.Mocks,
    build: Callable[[], dict],
    stack: str = "test",
    project: str = "cognito-auth",
    monitor: pulumi_mocks.MockMonitor | None = None,
    config: dict[str, str] | None = None,
    root_directory: Path | None = None,
    secret_keys: list[str] | None = None,
) -> Resolved:
    """Call `build` under `mocks` with preview off (so every apply runs) and return the
    dict it returns with each Output resolved. Raises whatever `build` raises.

    `root_directory` is the project directory, as the language host gives it to a real
    program (`pulumi.get_root_directory()`); None leaves the program to find its own."""
    # A fresh root stack per run, so exports of an earlier run cannot leak into this one.
    settings.ROOT.set(None)
    pulumi.runtime.set_mocks(mocks, project=project, stack=stack, preview=False, monitor=monitor)
    # set_mocks leaves the root directory as an earlier run set it.
    settings.SETTINGS.root_directory = str(root_directory) if root_directory else None
    # set_mocks keeps the pending outputs of an earlier run; after a failed run they would
    # re-raise its error in this one (pulumi.runtime.test clears them the same way).
    settings.SETTINGS.rpc_manager.clear()
    settings.SETTINGS.outputs.clear()
    # [] rather than None: None would keep an earlier program's secret keys.
    pulumi.runtime.set_all_config(config or {}, secret_keys or [])
    resolved = Resolved()
    secret: set[str] = set()

    async def program():
        for name, value in build().items():
            output = pulumi.Output.from_input(value)
            resolved[name] = await output.future()
            if await output.is_secret():
                secret.add(name)

    _sync_await(run_pulumi_func(program))
    resolved.secret = frozenset(secret)
    return resolved


@functools.cache
def _project_name(project_dir: Path, modified_ns: int) -> str:
    # Parsing Pulumi.yaml is most of a run that stops at validation; tables of such runs
    # read the same file hundreds of times.
    return project_name(project_dir)


def run_program(
    mocks: pulumi.runtime.Mocks,
    stack: str,
    project_dir: Path = PROJECT_DIR,
    monitor: pulumi_mocks.MockMonitor | None = None,
    config_overrides: dict | None = None,
    stack_file: str | None = None,
    check_types: bool = True,
    secret_keys: list[str] | None = None,
) -> Resolved:
    """Run the real `__main__.py` as stack `stack` and return its exports.

    Config comes from Pulumi.<stack_file or stack>.yaml plus `config_overrides`, so a test
    can run a variant of a stack under its own name (its own resource names). Values of the
    wrong declared type are refused first, as the CLI refuses them (StackConfigError);
    `check_types=False` hands them to the program anyway, to show its own checks."""
    if str(project_dir) not in sys.path:
        sys.path.insert(0, str(project_dir))

    def build() -> dict:
        runpy.run_path(str(project_dir / "__main__.py"), run_name="__main__")
        return dict(settings.get_root_resource().outputs)

    return evaluate(
        mocks,
        build,
        stack=stack,
        project=_project_name(project_dir, (project_dir / "Pulumi.yaml").stat().st_mtime_ns),
        monitor=monitor,
        secret_keys=secret_keys,
        config=load_stack_config(
            stack_file or stack, project_dir, config_overrides, check_types=check_types
        ),
        root_directory=project_dir,
    )
