"""python -m sandbox — this program, deployed by the real Pulumi engine into a local AWS emulator.

up       --stack dev   start (or reuse) ministack on 127.0.0.1, then `pulumi up --yes` the stack
preview  --stack dev   `pulumi preview` (--diff, --policy-pack DIR) without changing anything
check    --stack dev   the sign-up/sign-in check (python -m authcheck --stack) against its outputs;
                        --flow client-credentials: a machine client's token instead
pulumi   --stack dev -- ARGS   any other CLI command (config, stack output, refresh, destroy,
                        import, cancel) with the sandbox's home, backend and emulator
down                   destroy every unprotected stack, then stop the emulator by its PID
status                 the emulator and the stacks in the sandbox's backend
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys

from .emulator import ROOT_ACCESS_KEY_ID, ROOT_SECRET_ACCESS_KEY, EmulatorError
from .engine import Sandbox, SandboxError
from .pulumi_cli import CLIError


def _parser() -> argparse.ArgumentParser:
    lines = __doc__.splitlines()
    parser = argparse.ArgumentParser(
        prog="python -m sandbox",
        description=lines[0].split("— ", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="\n".join(lines[2:]),
    )
    parser.add_argument("command", choices=["up", "preview", "check", "pulumi", "down", "status"])
    parser.add_argument(
        "--stack", default="dev", help="the stack, configured by Pulumi.<stack>.yaml (default dev)"
    )
    parser.add_argument(
        "--persist", action="store_true", help="up: keep the emulator's state across restarts"
    )
    parser.add_argument("--json", action="store_true", help="check: one JSON report")
    parser.add_argument(
        "--flow",
        choices=("password", "client-credentials"),
        default="password",
        help="check: a throwaway user signs up and in (password), or a machine client gets a "
        "token (client-credentials)",
    )
    parser.add_argument("--diff", action="store_true", help="preview: show each property change")
    parser.add_argument("--policy-pack", action="append", default=[], metavar="DIR",
                        help="preview: run a policy pack (repeatable)")  # fmt: skip
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # Everything after `--` is the CLI's own (`pulumi --stack dev -- config set ...`).
    split = argv.index("--") if "--" in argv else len(argv)
    options = _parser().parse_args(argv[:split])
    options.args = argv[split + 1 :]
    try:
        return _run(options)
    except (SandboxError, EmulatorError, CLIError) as error:
        print(f"sandbox: error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(
            "sandbox: interrupted; `python -m sandbox up` again settles what was in flight",
            file=sys.stderr,
        )
        return 130


def _run(options: argparse.Namespace) -> int:
    from .emulator import Emulator

    sandbox = Sandbox(emulator=Emulator(persist=options.persist), log=_say)
    if options.command == "status":
        record = sandbox.emulator.running()
        print(
            json.dumps(
                {"emulator": record.__dict__ if record else None, "stacks": sandbox.stacks()},
                indent=2,
            )
        )
        return 0
    if options.command == "down":
        return _down(sandbox)

    stack = sandbox.stack(options.stack)
    if options.command == "up":
        from .recovery import release_stale_lock, settle

        endpoint = stack.ensure()
        release_stale_lock(stack, endpoint, log=_say)
        settle(stack, endpoint, log=_say)
        # --refresh first: an emulator restarted without --persist has lost what the state holds.
        stack.up(on_output=_echo, refresh=True)
        print(f"\nstack {stack.name} is up in ministack at {endpoint}; outputs "
              "(`pulumi stack output --json`, secrets masked):")  # fmt: skip
        print(json.dumps(stack.outputs(), indent=2, sort_keys=True))
        return 0
    if options.command == "preview":
        packs = [os.path.abspath(p) for p in options.policy_pack]
        stack.preview(on_output=_echo, diff=options.diff, policy_packs=packs or None)
        return 0
    if options.command == "check":
        record = sandbox.emulator.running()
        if record is None or not stack.exists():
            raise SandboxError(
                f"stack {stack.name} is not up: run `python -m sandbox up --stack {stack.name}` first"
            )
        env = sandbox.environment(record.endpoint)
        # The emulator's own key: the shell's credentials, real or fake, never reach it.
        env.update(AWS_ACCESS_KEY_ID=ROOT_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY=ROOT_SECRET_ACCESS_KEY,
                   PYTHONPATH=str(sandbox.project_dir))  # fmt: skip
        command = [
            sys.executable,
            "-m",
            "authcheck",
            "--stack",
            stack.name,
            "--endpoint-url",
            record.endpoint,
        ]
        command += ["--flow", options.flow] + (["--json"] if options.json else [])
        return subprocess.run(command, cwd=stack.folder, env=env).returncode
    # pulumi: everything but running the program goes straight to the CLI.
    if options.args[:1] in (["up"], ["preview"], ["update"]):
        raise SandboxError(
            f"use `python -m sandbox {options.args[0]}`: it serves the program to the CLI"
        )
    endpoint = stack.ensure(sync=False)
    return stack.pulumi(*options.args, endpoint=endpoint, check=False, stream=True).returncode


def _down(sandbox: Sandbox) -> int:
    left = []
    if sandbox.emulator.running() is not None:
        for name in sandbox.stacks():
            try:
                stack = sandbox.stack(name)
            except SandboxError:
                stack = None  # a stack whose file is gone: its resources go with the emulator
            protected = stack is not None and _protected(stack)
            if stack is None or protected:
                left.append(name)
                continue
            stack.destroy()
            stack.remove()
            print(f"destroyed stack {name}")
    sandbox.emulator.stop(clear_state=True)
    for name in left:
        print(f"left stack {name} in the sandbox's state: it holds protected resources "
              "(the emulator's copy of them is gone with the emulator)")  # fmt: skip
    print("emulator stopped")
    return 0


def _protected(stack) -> bool:
    resources = stack.export().get("deployment", {}).get("resources") or []
    return any(resource.get("protect") for resource in resources)


def _echo(line: str) -> None:
    print(line, end="" if line.endswith("\n") else "\n", flush=True)


def _say(message: str) -> None:
    print(f"sandbox: {message}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
