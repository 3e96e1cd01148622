"""An example program of another language (`examples/<language>/`), deployed into the sandbox
by the real CLI as a user runs it: `pulumi package add` of the component package, then
`pulumi up`, with that language's host from `language_hosts.py`.

Each run works in a copy under the sandbox's home (`.sandbox/examples/<stack>/`), so what
`pulumi package add` writes (the package entry, an SDK) never touches the repository. In
that copy the package is the sandbox's executable plugin for `provider/`
(`component_plugin.py`): the Python language host a full install would run it with
cannot be had here.
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

import yaml

from .component_plugin import install_component_plugin
from .emulator import REGION, REPO_ROOT
from .engine import Sandbox, SandboxError, _cli_failure, check_stack_name
from .language_hosts import ensure_host

EXAMPLES_DIR = REPO_ROOT / "examples"


def runtime_of(language: str) -> str:
    project = yaml.safe_load((EXAMPLES_DIR / language / "Pulumi.yaml").read_text())
    runtime = project["runtime"]
    return runtime["name"] if isinstance(runtime, dict) else runtime


@dataclass
class ExampleStack:
    sandbox: Sandbox
    language: str
    name: str

    @property
    def folder(self) -> Path:
        return self.sandbox.home / "examples" / self.name

    def environment(self, endpoint: str | None) -> dict[str, str]:
        env = self.sandbox.environment(endpoint)
        host = ensure_host(runtime_of(self.language), log=self.sandbox.log)
        env["PATH"] = os.pathsep.join([str(host.parent), env["PATH"]])
        return env

    def pulumi(self, *args: str, endpoint: str | None = None, stack: bool = True):
        command = [str(self.sandbox.cli.path), *args, "--non-interactive"]
        if stack:
            command += ["--stack", self.name]
        done = subprocess.run(
            command, cwd=self.folder, env=self.environment(endpoint), text=True, capture_output=True
        )  # fmt: skip
        if done.returncode != 0:
            raise SandboxError(_cli_failure(args, done, self.name))
        return done

    @property
    def config_file(self) -> Path:
        return self.folder / f"Pulumi.{self.name}.yaml"

    def prepare(self, config: dict[str, Any] | None = None) -> str:
        """The emulator, a fresh copy of the example, the package added, the stack made with
        `config` (the program's own keys, typed: {"protect": False}) in its stack file."""
        endpoint = self.sandbox.prepare()
        shutil.rmtree(self.folder, ignore_errors=True)
        shutil.copytree(EXAMPLES_DIR / self.language, self.folder)
        plugin = install_component_plugin(self.sandbox.home)
        self.pulumi("package", "add", str(plugin), stack=False)
        self.pulumi(
            "stack", "init", self.name, "--secrets-provider", "passphrase", "--no-select", stack=False
        )  # fmt: skip
        # The stack file as a user writes it: typed YAML values, beside the CLI's salt.
        stack_file = yaml.safe_load(self.config_file.read_text()) or {}
        project = yaml.safe_load((self.folder / "Pulumi.yaml").read_text())["name"]
        stack_file["config"] = {
            "aws:region": REGION,
            **{f"{project}:{key}": value for key, value in (config or {}).items()},
        }
        self.config_file.write_text(yaml.safe_dump(stack_file, sort_keys=False))
        return endpoint

    def up(self) -> float:
        """`pulumi up --yes` (the CLI previews first); returns its wall time in seconds."""
        endpoint = self.sandbox.emulator.running().endpoint
        began = time.monotonic()
        self.pulumi("up", "--yes", endpoint=endpoint)
        return time.monotonic() - began

    def outputs(self) -> dict[str, Any]:
        done = self.pulumi("stack", "output", "--json", "--show-secrets")
        return json.loads(done.stdout or "{}")

    def forget(self) -> None:
        """Destroyed if it can be (a protected pool cannot: it goes with the emulator)."""
        with contextlib.suppress(SandboxError):
            self.pulumi("destroy", "--yes")
        with contextlib.suppress(SandboxError):
            self.pulumi("stack", "rm", "--yes", "--force")
        shutil.rmtree(self.folder, ignore_errors=True)


def example_stack(sandbox: Sandbox, language: str, name: str) -> ExampleStack:
    if not (EXAMPLES_DIR / language / "Pulumi.yaml").is_file():
        raise SandboxError(f"there is no example {language!r} in {EXAMPLES_DIR}")
    return ExampleStack(sandbox, language, check_stack_name(name))
