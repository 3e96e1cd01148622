"""Figures of the sandbox through the real engine, quoted in the README.

    python bench/engine.py preview [--runs 7]   `pulumi preview` of the dev stack with no
                                                changes, against the same CLI previewing an
                                                empty Python program (the floor): medians, ratio
    python bench/engine.py demo [--runs 5]      `make demo`'s two commands on a warm machine
    python bench/engine.py cold                 a fresh machine: the CLI built from Go modules
                                                with empty Go caches, the emulator's venv, then
                                                the demo (one run: it takes minutes)

Every run is timed from outside, as a user's shell would time it (fresh interpreters,
the CLI and its plugins started anew), in a sandbox home of its own under a temp directory.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable

EMPTY_PROGRAM = """
import sys
sys.path.insert(0, {root!r})
from sandbox import Sandbox
# A stack of its own that never had resources: the engine's floor for a Python program.
Sandbox().stack("bench-empty", stack_file="dev").preview(program=lambda: None)
"""
DEV_PREVIEW = """
import sys
sys.path.insert(0, {root!r})
from sandbox import Sandbox
result = Sandbox().stack("dev").preview()
assert set(result.change_summary) == {{"same"}}, result.change_summary
"""


def _timed(command: list[str], env: dict[str, str]) -> float:
    began = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - began
    if done.returncode != 0:
        raise SystemExit(
            f"`{' '.join(command)}` failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}"
        )
    return elapsed


def _home_env(home: Path, **extra: str) -> dict[str, str]:
    return {**os.environ, "COGNITO_AUTH_SANDBOX_HOME": str(home), **extra}


def _link_emulator_venv(home: Path) -> None:
    """Reuse the checkout's ministack venv (installed by make emulator): its pip install is
    the `cold` figure's business, not these."""
    venv = ROOT / ".sandbox" / "venv"
    if not (venv / "sandbox-requirements.txt").is_file():
        raise SystemExit("run `make emulator` first")
    home.mkdir(parents=True, exist_ok=True)
    (home / "venv").symlink_to(venv, target_is_directory=True)


def _stop(home: Path) -> None:
    subprocess.run(
        [PYTHON, "-m", "sandbox", "down"], cwd=ROOT, env=_home_env(home), capture_output=True
    )


def preview(runs: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="cognito-auth-bench-") as folder:
        home = Path(folder) / "sandbox"
        _link_emulator_venv(home)
        env = _home_env(home)
        try:
            _timed([PYTHON, "-m", "sandbox", "up", "--stack", "dev"], env)
            dev, empty = [], []
            for _ in range(runs):  # interleaved, so drift in the machine's load hits both alike
                dev.append(_timed([PYTHON, "-c", DEV_PREVIEW.format(root=str(ROOT))], env))
                empty.append(_timed([PYTHON, "-c", EMPTY_PROGRAM.format(root=str(ROOT))], env))
        finally:
            _stop(home)
    dev_median, empty_median = statistics.median(dev), statistics.median(empty)
    return {
        "runs": runs,
        "devPreviewNoChangesSeconds": round(dev_median, 2),
        "emptyProgramPreviewSeconds": round(empty_median, 2),
        "ratio": round(dev_median / empty_median, 2),
    }


def demo(runs: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="cognito-auth-bench-") as folder:
        home = Path(folder) / "sandbox"
        _link_emulator_venv(home)
        env = _home_env(home)
        try:
            first_up = _timed([PYTHON, "-m", "sandbox", "up", "--stack", "dev"], env)
            ups, checks = [], []
            for _ in range(runs):
                ups.append(_timed([PYTHON, "-m", "sandbox", "up", "--stack", "dev"], env))
                checks.append(_timed([PYTHON, "-m", "sandbox", "check", "--stack", "dev"], env))
        finally:
            _stop(home)
    return {
        "runs": runs,
        "firstUpSeconds": round(first_up, 2),
        "upNoChangesSeconds": round(statistics.median(ups), 2),
        "checkSeconds": round(statistics.median(checks), 2),
        "demoWarmSeconds": round(
            statistics.median(u + c for u, c in zip(ups, checks, strict=True)), 2
        ),
    }


def cold() -> dict:
    """A fresh machine as far as this project goes: no Go module or build cache, no CLI
    build, no emulator venv (pip's own download cache is kept: PyPI is not ours to time)."""
    with tempfile.TemporaryDirectory(prefix="cognito-auth-cold-") as folder:
        base = Path(folder)
        env = _home_env(
            base / "sandbox",
            GOMODCACHE=str(base / "gomodcache"),
            GOCACHE=str(base / "gocache"),
            COGNITO_AUTH_CACHE=str(base / "cache"),
            COGNITO_AUTH_BUILD_PULUMI="1",
        )
        try:
            figures = {
                "cliBuildSeconds": _timed([PYTHON, "-m", "sandbox.pulumi_cli"], env),
                "cliCachedSeconds": _timed([PYTHON, "-m", "sandbox.pulumi_cli"], env),
                "emulatorInstallSeconds": _timed(
                    [PYTHON, "-c", "from sandbox import Emulator; Emulator().install()"], env
                ),
                "upSeconds": _timed([PYTHON, "-m", "sandbox", "up", "--stack", "dev"], env),
                "checkSeconds": _timed([PYTHON, "-m", "sandbox", "check", "--stack", "dev"], env),
            }
        finally:
            _stop(base / "sandbox")
            # The module cache is read-only by design; make it removable.
            subprocess.run(["chmod", "-R", "u+w", str(base)], capture_output=True)
            shutil.rmtree(base, ignore_errors=True)
    figures = {key: round(value, 1) for key, value in figures.items()}
    figures["demoColdSeconds"] = round(
        figures["cliBuildSeconds"]
        + figures["emulatorInstallSeconds"]
        + figures["upSeconds"]
        + figures["checkSeconds"],
        1,
    )
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("figure", choices=["preview", "demo", "cold"])
    parser.add_argument("--runs", type=int, default=7)
    options = parser.parse_args(argv)
    if options.figure == "preview":
        result = preview(options.runs)
    elif options.figure == "demo":
        result = demo(options.runs)
    else:
        result = cold()
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
