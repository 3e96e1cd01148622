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
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .component_plugin import PLUGIN_NAME, install_component_plugin
from .emulator import REGION, REPO_ROOT
from .engine import Sandbox, SandboxError, _cli_failure, check_stack_name
from .language_hosts import ensure_host, pinned_version

EXAMPLES_DIR = REPO_ROOT / "examples"


def runtime_of(project_dir: Path) -> str:
    project = yaml.safe_load((project_dir / "Pulumi.yaml").read_text())
    runtime = project["runtime"]
    return runtime["name"] if isinstance(runtime, dict) else runtime


@dataclass
class ExampleStack:
    sandbox: Sandbox
    language: str
    name: str
    source: Path | None = None  # a program of this language elsewhere (a test's own)

    @property
    def project_dir(self) -> Path:
        return self.source or EXAMPLES_DIR / self.language

    @property
    def folder(self) -> Path:
        return self.sandbox.home / "examples" / self.name

    def install_host(self) -> Path:
        """The language host, linked into the sandbox's own plugin directory: the sandbox's
        CLI ignores plugins on PATH (PULUMI_IGNORE_AMBIENT_PLUGINS), hosts included."""
        runtime = runtime_of(self.project_dir)
        host = ensure_host(runtime, log=self.sandbox.log)
        version = pinned_version().removeprefix("v")
        link = self.sandbox.pulumi_home / "plugins" / f"language-{runtime}-v{version}" / host.name
        link.parent.mkdir(parents=True, exist_ok=True)
        if not link.is_symlink() or link.resolve() != host.resolve():
            link.unlink(missing_ok=True)
            link.symlink_to(host)
        return link

    def pulumi(self, *args: str, endpoint: str | None = None, stack: bool = True):
        command = [str(self.sandbox.cli.path), *args, "--non-interactive"]
        if stack:
            command += ["--stack", self.name]
        done = subprocess.run(
            command, cwd=self.folder, env=self.sandbox.environment(endpoint), text=True,
            capture_output=True,
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
        self.install_host()
        shutil.rmtree(self.folder, ignore_errors=True)
        shutil.copytree(self.project_dir, self.folder)
        # The copy starts as a project that has not added the package yet: the example's own
        # entry is a path from its place in the repository, which the CLI resolves first.
        project_file = self.folder / "Pulumi.yaml"
        project = yaml.safe_load(project_file.read_text())
        project.pop("packages", None)
        project_file.write_text(yaml.safe_dump(project, sort_keys=False))
        plugin = install_component_plugin(self.sandbox.home)
        self.add_package(plugin)
        init = ("stack", "init", self.name, "--secrets-provider", "passphrase", "--no-select")
        try:
            self.pulumi(*init, stack=False)
        except SandboxError as error:
            if "already exists" not in str(error):
                raise
            # A run that stopped half-way left it: destroyed (where it can be) and made anew.
            self.forget(keep_folder=True)
            self.pulumi(*init, stack=False)
        # The stack file as a user writes it: typed YAML values, beside the CLI's salt.
        stack_file = yaml.safe_load(self.config_file.read_text()) or {}
        project = yaml.safe_load((self.folder / "Pulumi.yaml").read_text())["name"]
        stack_file["config"] = {
            "aws:region": REGION,
            **{f"{project}:{key}": value for key, value in (config or {}).items()},
        }
        self.config_file.write_text(yaml.safe_dump(stack_file, sort_keys=False))
        return endpoint

    def add_package(self, plugin: Path) -> None:
        """`pulumi package add <plugin>`. The CLI asks the plugin for its schema, has the
        language host generate the SDK, then link it into the project, then records the
        package in Pulumi.yaml. pulumi-yaml v1.25.0, the newest YAML host served, has no Link
        (the CLI's v3.274.1 calls it and stops on "method Link not implemented"); for YAML,
        linking has nothing to do, so only that refusal is passed over, and the entry the
        CLI would have recorded is written here."""
        try:
            self.pulumi("package", "add", str(plugin), stack=False)
        except SandboxError as error:
            unlinked = "method Link not implemented" in str(error)
            if runtime_of(self.project_dir) != "yaml" or not unlinked:
                raise
            project_file = self.folder / "Pulumi.yaml"
            project = yaml.safe_load(project_file.read_text())
            project["packages"] = {PLUGIN_NAME: str(plugin.parent)}
            project_file.write_text(yaml.safe_dump(project, sort_keys=False))

    def up(self) -> float:
        """`pulumi up --yes` (the CLI previews first); returns its wall time in seconds."""
        endpoint = self.sandbox.emulator.running().endpoint
        began = time.monotonic()
        self.pulumi("up", "--yes", endpoint=endpoint)
        return time.monotonic() - began

    def outputs(self) -> dict[str, Any]:
        done = self.pulumi("stack", "output", "--json", "--show-secrets")
        return json.loads(done.stdout or "{}")

    def forget(self, *, keep_folder: bool = False) -> None:
        """Destroyed if it can be (a protected pool cannot: it goes with the emulator)."""
        with contextlib.suppress(SandboxError):
            self.pulumi("destroy", "--yes")
        with contextlib.suppress(SandboxError):
            self.pulumi("stack", "rm", "--yes", "--force")
        if not keep_folder:
            shutil.rmtree(self.folder, ignore_errors=True)


def example_stack(
    sandbox: Sandbox, language: str, name: str, source: Path | None = None
) -> ExampleStack:
    stack = ExampleStack(sandbox, language, check_stack_name(name), source)
    if not (stack.project_dir / "Pulumi.yaml").is_file():
        raise SandboxError(f"there is no Pulumi project in {stack.project_dir}")
    return stack
