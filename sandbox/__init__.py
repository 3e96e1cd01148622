"""The local sandbox: this program deployed by the real Pulumi engine into ministack.

    python -m sandbox up --stack dev       # or, from Python:
    from sandbox import Sandbox
    stack = Sandbox().stack("dev")
    stack.up(on_output=print)
    stack.outputs(show_secrets=True)

`engine.py` runs the CLI, `provider/` is the `aws` plugin the engine starts, `resources/`
holds one row per resource type it manages, `emulator.py` runs ministack. The emulator's
differences from AWS are listed in sandbox/README.md.
"""

from .clients import EmulatorClients
from .emulator import ACCOUNT_ID, MINISTACK_VERSION, REGION, Emulator, EmulatorError, EmulatorRecord
from .engine import Sandbox, SandboxError, SandboxStack

__all__ = [
    "ACCOUNT_ID",
    "MINISTACK_VERSION",
    "REGION",
    "Emulator",
    "EmulatorClients",
    "EmulatorError",
    "EmulatorRecord",
    "Sandbox",
    "SandboxError",
    "SandboxStack",
]
