"""python -m sandbox up|check|down|status — the real program in a local AWS emulator.

up     --stack dev   start (or reuse) ministack and create the stack's resources in it
check  --stack dev   run the auth check (python -m authcheck) against that stack
down                 stop the emulator by its PID and remove all sandbox state
status               the running emulator and the stacks created in it
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys

from authcheck.cli import main as authcheck_main

from .clients import EmulatorClients
from .emulator import Emulator
from .stack import StackPaths, up


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m sandbox",
        description=__doc__.splitlines()[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="\n".join(__doc__.splitlines()[2:]),
    )
    parser.add_argument("command", choices=["up", "check", "down", "status"])
    parser.add_argument(
        "--stack", default="dev", help="stack file Pulumi.<stack>.yaml (default dev)"
    )
    parser.add_argument(
        "--persist", action="store_true", help="up: keep emulator state across restarts"
    )
    parser.add_argument("--json", action="store_true", help="check: one JSON report")
    options = parser.parse_args(argv)
    emulator = Emulator(persist=options.persist)
    paths = StackPaths(emulator.home, options.stack)

    if options.command == "up":
        exports = up(options.stack, emulator)
        record = emulator.running()
        print(f"stack {options.stack} is up in ministack at {record.endpoint}")
        print(f"outputs ({paths.outputs.relative_to(emulator.home.parent)}):")
        # As `pulumi stack output` shows them: secrets masked (the file has them, for tests).
        shown = {k: "[secret]" if k in exports.secret else v for k, v in exports.items()}
        print(json.dumps(shown, indent=2, sort_keys=True))
        return 0
    if options.command == "check":
        record = emulator.running()
        if record is None or not paths.outputs.is_file():
            print(f"stack {options.stack} is not up: run `python -m sandbox up --stack "
                  f"{options.stack}` first", file=sys.stderr)  # fmt: skip
            return 2
        args = ["--outputs", str(paths.outputs), "--endpoint-url", record.endpoint]
        # The emulator's own credentials: the shell's (a real profile) must not reach it.
        idp = EmulatorClients(record.endpoint)("cognito-idp")
        return authcheck_main(args + (["--json"] if options.json else []), idp=idp)
    if options.command == "down":
        emulator.stop(clear_state=True)
        shutil.rmtree(emulator.home / "stacks", ignore_errors=True)
        print("emulator stopped; sandbox state removed")
        return 0
    record = emulator.running()
    stacks = sorted(
        p.name for p in (emulator.home / "stacks").glob("*") if (p / "outputs.json").exists()
    )
    print(json.dumps({"emulator": record.__dict__ if record else None, "stacks": stacks}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
