"""Offline sandbox: run the Pulumi program under mocks that create real resources in ministack.

    from sandbox import Emulator, SandboxMocks
    mocks = SandboxMocks.started()            # starts or reuses .sandbox/ emulator
    pulumi.runtime.set_mocks(mocks, project="cognito-auth", stack="dev", preview=False)
    ...                                        # build the program, then drive boto3 at mocks.clients
    mocks.teardown()

The emulator's quirks are listed in sandbox/README.md.
"""

from .clients import EmulatorClients
from .emulator import ACCOUNT_ID, MINISTACK_VERSION, REGION, Emulator, EmulatorError, EmulatorRecord
from .ledger import Entry, Ledger, TeardownError
from .provisioner import SandboxError, SandboxMocks, UnsupportedResourceError

__all__ = [
    "ACCOUNT_ID",
    "MINISTACK_VERSION",
    "REGION",
    "Emulator",
    "EmulatorClients",
    "EmulatorError",
    "EmulatorRecord",
    "Entry",
    "Ledger",
    "SandboxError",
    "SandboxMocks",
    "TeardownError",
    "UnsupportedResourceError",
]
