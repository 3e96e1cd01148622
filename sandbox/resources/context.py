"""What every resource creator needs: clients, the account, naming, and its result type."""

from __future__ import annotations

import itertools
import secrets
import threading
import time
from dataclasses import dataclass
from typing import Any

from ..clients import EmulatorClients
from ..ledger import UndoStep

_counter = itertools.count(1)
_counter_lock = threading.Lock()


@dataclass
class Created:
    """A resource the emulator now holds: its id and its Pulumi state."""

    id: str
    outputs: dict[str, Any]


class Undo:
    """How to remove what a creator made, pushed the moment each AWS object exists.

    A creation that fails halfway (say the role exists but its inline policy was
    refused) is rolled back from these steps, so a failed resource leaves nothing.
    """

    def __init__(self, region: str) -> None:
        self.region = region
        self.steps: list[UndoStep] = []

    def push(self, service: str, operation: str, **params: Any) -> None:
        self.steps.append(UndoStep(service, operation, params, self.region))


@dataclass(frozen=True)
class Context:
    clients: EmulatorClients
    account_id: str
    partition: str = "aws"

    def region(self, inputs: dict[str, Any]) -> str:
        # pulumi_aws v7 lets a resource name its own region; the provider's otherwise.
        return str(inputs.get("region") or self.clients.region)

    def client(self, service: str, inputs: dict[str, Any]) -> Any:
        return self.clients(service, self.region(inputs))


def physical_name(logical: str, inputs: dict[str, Any], *, max_length: int = 64) -> str:
    """The name the real provider would choose.

    Under mocks the engine's auto-naming never runs, so an unnamed resource arrives
    without `name`: use it, else `namePrefix` + a unique suffix (Terraform's style),
    else Pulumi's `<logical>-<7 hex>`.
    """
    if inputs.get("name"):
        return str(inputs["name"])
    if inputs.get("namePrefix"):
        return str(inputs["namePrefix"]) + unique_suffix()
    name = f"{logical}-{secrets.token_hex(4)[:7]}"
    if len(name) > max_length:
        # The real provider refuses it ("... plus 7 random chars is longer than maximum
        # length"); truncating here would let the sandbox accept what AWS would not.
        raise ValueError(
            f"autonamed {logical!r} plus 7 random characters is longer than {max_length}"
        )
    return name


def unique_suffix() -> str:
    """Terraform's PrefixedUniqueId tail: a timestamp plus a counter, 26 digits."""
    with _counter_lock:
        count = next(_counter)
    return (
        time.strftime("%Y%m%d%H%M%S", time.gmtime())
        + f"{time.time_ns() % 10**4:04d}"
        + f"{count:08d}"
    )


def without_none(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None}
