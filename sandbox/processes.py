"""Processes of the sandbox, found and stopped by what they are, never by a number alone.

A recorded PID can be reused by an unrelated process, and a killed child lingers as a
zombie until its parent reaps it: neither may be taken for a live emulator or update.
"""

from __future__ import annotations

import os
import signal
from pathlib import Path


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie (exited, not yet reaped by its parent) still answers kill(0).
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except (FileNotFoundError, IndexError):
        return True


def arguments(pid: int) -> list[str]:
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return []
    return [part.decode(errors="replace") for part in raw.split(b"\0") if part]


def environment_of(pid: int) -> dict[str, str]:
    try:
        raw = Path(f"/proc/{pid}/environ").read_bytes()
    except OSError:
        return {}
    pairs = (item.decode(errors="replace").partition("=") for item in raw.split(b"\0") if item)
    return {key: value for key, _, value in pairs}


def processes_with(marker: str) -> list[int]:
    """Live processes whose command line holds `marker` (none where there is no /proc)."""
    found = []
    for entry in Path("/proc").glob("[0-9]*"):
        pid = int(entry.name)
        if pid != os.getpid() and marker in arguments(pid) and pid_alive(pid):
            found.append(pid)
    return found


def signal_group(pid: int, sig: signal.Signals) -> None:
    # start() made the emulator a session leader, so its group id is its PID.
    try:
        os.killpg(pid, sig)
    except ProcessLookupError:
        pass
    except PermissionError:
        os.kill(pid, sig)
