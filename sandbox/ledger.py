"""What the sandbox created, and the boto3 calls that undo it.

Undo steps are plain data (service, operation, parameters), so the ledger can be written
to disk after every creation and a run that died halfway can still be torn down from
another process (`python -m sandbox teardown`).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

# Errors that mean "already gone": teardown is idempotent, so they are not failures.
_GONE = {
    "NoSuchEntity",
    "NoSuchEntityException",
    "ResourceNotFoundException",
    "NotFoundException",
}


@dataclass(frozen=True)
class UndoStep:
    service: str
    operation: str  # the boto3 client method, e.g. "delete_role"
    params: dict[str, Any]
    region: str | None = None


@dataclass
class Entry:
    type: str
    name: str
    id: str
    undo: list[UndoStep] = field(default_factory=list)  # in creation order; undone newest first


class TeardownError(RuntimeError):
    """Some undo steps failed; the message lists each one."""


class Ledger:
    """Append-only record of created resources; `teardown` undoes them newest first."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self.entries: list[Entry] = []
        self._lock = threading.Lock()  # Pulumi registers resources from several threads

    @classmethod
    def load(cls, path: Path) -> Ledger:
        ledger = cls(path)
        if path.exists():
            for raw in json.loads(path.read_text()):
                steps = [UndoStep(**step) for step in raw.pop("undo")]
                ledger.entries.append(Entry(**raw, undo=steps))
        return ledger

    def record(self, entry: Entry) -> None:
        with self._lock:
            self.entries.append(entry)
            self._save()

    def clear(self) -> None:
        """Forget every entry, e.g. after the emulator itself was reset."""
        with self._lock:
            self.entries = []
            self._save()

    def teardown(self, client_for: Callable[[str, str | None], Any]) -> list[Entry]:
        """Undo every entry newest first; keep going past failures, then report them all."""
        failures: list[str] = []
        removed: list[Entry] = []
        with self._lock:
            for entry in reversed(self.entries):
                problems = run_undo(entry.undo, client_for)
                if problems:
                    failures.extend(
                        f"{entry.type} {entry.name} ({entry.id}): {p}" for p in problems
                    )
                else:
                    removed.append(entry)
            self.entries = [e for e in self.entries if e not in removed]
            self._save()
        if failures:
            raise TeardownError(
                "sandbox teardown left resources behind:\n  " + "\n  ".join(failures)
            )
        return removed

    def _save(self) -> None:
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(
            json.dumps([asdict(e) for e in self.entries], indent=2, default=str) + "\n"
        )


def run_undo(steps: list[UndoStep], client_for: Callable[[str, str | None], Any]) -> list[str]:
    """Run undo steps newest first, past failures; the failures, described."""
    return [problem for step in reversed(steps) if (problem := _undo(step, client_for))]


def _undo(step: UndoStep, client_for: Callable[[str, str | None], Any]) -> str | None:
    try:
        getattr(client_for(step.service, step.region), step.operation)(**step.params)
    except ClientError as error:
        code = error.response.get("Error", {}).get("Code", "")
        if code not in _GONE:
            return f"{step.service}.{step.operation} failed: {code}: {error.response['Error'].get('Message')}"
    except BotoCoreError as error:  # e.g. the emulator is not running: the step stays in the ledger
        return f"{step.service}.{step.operation} failed: {error}"
    return None
