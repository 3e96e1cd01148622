"""The TypeScript and Go examples (`examples/typescript/`, `examples/go/`), deployed into the
sandbox by the real CLI through each SDK's Automation API: the example is a program that
runs its Pulumi program inline (`LocalWorkspace.createOrSelectStack({program})`,
`auto.UpsertStackInlineSource`), the SDK serving it to the CLI as a language host would. The
Go module proxy refuses pulumi-language-nodejs and pulumi-language-go, so `pulumi package
add` and a plain `pulumi up` cannot run these languages here; the Python project runs the
same way (`engine.py`).

Each run works in a copy under the sandbox's home (`.sandbox/examples/<stack>/`): the
component's SDK is generated into it (`component_sdk.py`), then it is built (tsc; go build),
then run with the sandbox's CLI, PULUMI_HOME, backend and passphrase (`Sandbox.environment`).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .component_sdk import generate_sdk, install_component_provider
from .emulator import REGION
from .engine import Sandbox, SandboxError, check_stack_name
from .examples import EXAMPLES_DIR

# language -> the program's project name (the examples' own constant).
PROJECTS = {"typescript": "cognito-auth-typescript", "go": "cognito-auth-go"}
# What is never copied: installed packages (linked instead) and earlier builds.
LEFT_OUT = ("node_modules", "sdk", "bin", "cognito-auth-go", "Pulumi.yaml", "Pulumi.*.yaml")


@dataclass
class AutomationExample:
    sandbox: Sandbox
    language: str
    name: str

    @property
    def source(self) -> Path:
        return EXAMPLES_DIR / self.language

    @property
    def folder(self) -> Path:
        return self.sandbox.home / "examples" / self.name

    def _run(self, command: list[str], *, endpoint: str | None = None, timeout: int = 600):
        done = subprocess.run(
            command, cwd=self.folder, env=self.sandbox.environment(endpoint), text=True,
            capture_output=True, timeout=timeout,
        )  # fmt: skip
        if done.returncode != 0:
            tail = "\n".join((done.stderr or done.stdout).strip().splitlines()[-40:])
            raise SandboxError(f"`{' '.join(command)}` in {self.folder} failed:\n{tail}")
        return done

    def prepare(self, config: dict[str, Any] | None = None) -> str:
        """The emulator, a fresh copy of the example with its SDK generated and built, the
        component plugin where the engine looks for it; `config` (the program's own keys)
        written for `up`."""
        endpoint = self.sandbox.prepare()
        install_component_provider(self.sandbox)
        shutil.rmtree(self.folder, ignore_errors=True)
        shutil.copytree(self.source, self.folder, ignore=shutil.ignore_patterns(*LEFT_OUT))
        project = PROJECTS[self.language]
        (self.folder / "config.json").write_text(json.dumps({
            "aws:region": REGION,
            **{f"{project}:{key}": value for key, value in (config or {}).items()},
        }))  # fmt: skip
        if self.language == "typescript":
            modules = self.source / "node_modules"
            if not modules.is_dir():
                raise SandboxError(f"{modules} is missing: run make typescript-example (npm ci)")
            (self.folder / "node_modules").symlink_to(modules)
            generate_sdk(self.sandbox, "nodejs", self.folder / "sdk")
            self._run(["node", "node_modules/typescript/bin/tsc"])
            # The SDK reads its version from the package.json beside its compiled code.
            shutil.copy(self.folder / "sdk" / "package.json", self.folder / "bin" / "sdk")
        else:
            generate_sdk(self.sandbox, "go", self.folder / "sdk", f"{project}/sdk/cognitoauth")
            env = {"CGO_ENABLED": "0", "GOFLAGS": "-mod=readonly"}
            build = ["go", "build", "-trimpath", "-o", "cognito-auth-go", "."]
            done = subprocess.run(
                build, cwd=self.folder, env={**os.environ, **env}, capture_output=True, text=True
            )
            if done.returncode != 0:
                raise SandboxError(f"`{' '.join(build)}` in {self.folder} failed:\n{done.stderr[-3000:]}")  # fmt: skip
        return endpoint

    def program(self, action: str) -> list[str]:
        if self.language == "typescript":
            return ["node", "bin/deploy.js", action, self.name, "config.json"]
        return ["./cognito-auth-go", action, self.name, "config.json"]

    def up(self) -> tuple[float, dict[str, Any]]:
        """The example's `up` (the CLI previews first); its wall time in seconds and the
        stack's outputs (the program prints them)."""
        endpoint = self.sandbox.emulator.running().endpoint
        began = time.monotonic()
        done = self._run(self.program("up"), endpoint=endpoint)
        return time.monotonic() - began, json.loads(done.stdout)

    def pulumi(self, *args: str):
        """The sandbox's CLI in the copy (the workspace wrote its Pulumi.yaml there)."""
        return self._run([str(self.sandbox.cli.path), *args, "--non-interactive", "--stack", self.name])  # fmt: skip

    def forget(self) -> None:
        endpoint = self.sandbox.emulator.running().endpoint
        with contextlib.suppress(SandboxError, subprocess.TimeoutExpired):
            self._run(self.program("destroy"), endpoint=endpoint)
        with contextlib.suppress(SandboxError):
            self.pulumi("stack", "rm", "--yes", "--force")
        shutil.rmtree(self.folder, ignore_errors=True)


def automation_example(sandbox: Sandbox, language: str, name: str) -> AutomationExample:
    if language not in PROJECTS:
        raise SandboxError(f"no Automation API example for {language!r}: {', '.join(PROJECTS)}")
    return AutomationExample(sandbox, language, check_stack_name(name))
