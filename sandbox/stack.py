"""`up` and `down` for one stack of the real program in the emulator.

`up` runs `__main__.py` under SandboxMocks, so every resource the program declares is
created in ministack in the order its outputs dictate, and writes the stack's exports
to `.sandbox/stacks/<stack>/outputs.json`, which is what `pulumi stack output --json`
would print after a real `pulumi up`. Each stack has its own ledger: `up` again tears
the previous copy down first (so it is idempotent), and a failed `up` tears down what it
had created, so a half-created sandbox is never left behind.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from offline import run_program
from offline.program import Resolved

from .emulator import Emulator
from .ledger import Ledger
from .provisioner import SandboxMocks


@dataclass
class StackPaths:
    home: Path
    stack: str

    @property
    def folder(self) -> Path:
        return self.home / "stacks" / self.stack

    @property
    def outputs(self) -> Path:
        return self.folder / "outputs.json"

    @property
    def ledger(self) -> Path:
        return self.folder / "ledger.json"


def up(
    stack: str,
    emulator: Emulator | None = None,
    *,
    stack_file: str | None = None,
    config_overrides: dict | None = None,
) -> Resolved:
    """Create `stack` in the emulator (started or reused) and return its exports."""
    emulator = emulator or Emulator()
    record = emulator.start()
    paths = StackPaths(emulator.home, stack)
    paths.folder.mkdir(parents=True, exist_ok=True)
    ledger = Ledger.load(paths.ledger)
    mocks = SandboxMocks(record.endpoint, ledger=ledger)
    mocks.teardown()  # the previous copy of this stack, if any
    paths.outputs.unlink(missing_ok=True)
    try:
        exports = run_program(
            mocks, stack, stack_file=stack_file, config_overrides=config_overrides
        )
    except BaseException:
        mocks.teardown()
        raise
    paths.outputs.write_text(json.dumps(exports, indent=2, sort_keys=True) + "\n")
    return exports


def down(stack: str, emulator: Emulator | None = None) -> int:
    """Remove `stack`'s resources from a running emulator; returns how many were removed."""
    emulator = emulator or Emulator()
    paths = StackPaths(emulator.home, stack)
    record = emulator.running()
    removed = 0
    if record is not None:
        removed = len(SandboxMocks(record.endpoint, ledger=Ledger.load(paths.ledger)).teardown())
    paths.outputs.unlink(missing_ok=True)
    return removed
