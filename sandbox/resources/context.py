"""What every resource module needs: clients, the account, its result type and rollback."""

from __future__ import annotations

import itertools
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

from ..clients import EmulatorClients

_counter = itertools.count(1)
_counter_lock = threading.Lock()


@dataclass
class Created:
    """A resource the emulator now holds: its id and its Pulumi state."""

    id: str
    outputs: dict[str, Any]


@dataclass
class Undo:
    """How to remove what a creation made so far, pushed the moment each AWS object exists.

    A creation that fails halfway (say the role exists but a later call was refused) is
    rolled back from these steps, so a failed Create leaves nothing behind in the emulator
    that the engine's state does not know about.
    """

    region: str
    steps: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)

    def push(self, service: str, operation: str, **params: Any) -> None:
        self.steps.append((service, operation, params))

    def rollback(self, clients: EmulatorClients) -> list[str]:
        """Run the steps newest first; returns the ones that failed, as sentences."""
        failures = []
        for service, operation, params in reversed(self.steps):
            try:
                getattr(clients(service, self.region), operation)(**params)
            except (ClientError, BotoCoreError) as error:
                failures.append(f"{service}.{operation}: {error}")
        return failures


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


def iso(value: Any) -> Any:
    """A datetime from boto3 as the provider writes it (RFC 3339, Z)."""
    return value.isoformat().replace("+00:00", "Z") if hasattr(value, "isoformat") else value


def retag(old: dict[str, str], new: dict[str, str], tag, untag) -> None:
    """Apply a change of a tag map with the service's own tag and untag calls."""
    removed = sorted(set(old) - set(new))
    if removed:
        untag(removed)
    changed = {k: v for k, v in new.items() if old.get(k) != v}
    if changed:
        tag(changed)
