"""The component package's SDK for TypeScript and Go, made without their language hosts.

`pulumi package add` has a language host generate the SDK (`GeneratePackage`), and the Go
module proxy refuses the Node.js and Go hosts (the README's languages table). The SDK is the
same code either way: Pulumi's own generators (`pkg/v3/codegen/nodejs`, `.../codegen/go`, in
the pkg/v3 module and version the sandbox's CLI is built from) run by `sandbox/sdkgen`, a small
Go command pinned by its go.mod/go.sum and built into the same cache outside the repository
as the CLI and the YAML host. The schema is the one the engine gets: `pulumi package
get-schema` of the sandbox's component plugin (`component_plugin.py`).

The engine finds the plugin for the SDK's `cognito-auth` resources the way it finds the
sandbox's `aws` provider: in the sandbox's PULUMI_HOME, at the version the SDK names.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

from .component_plugin import PLUGIN_NAME, install_component_plugin
from .engine import Sandbox, SandboxError
from .language_hosts import _build, print_builds
from .pulumi_cli import CLIError, cache_root

MODULE_DIR = Path(__file__).resolve().parent / "sdkgen"
LANGUAGES = ("nodejs", "go")


def sdkgen_binary(*, log=print) -> Path:
    """sdkgen, built once per go.sum and main.go; a second caller waits on the lock."""
    digest = hashlib.sha256(
        (MODULE_DIR / "go.sum").read_bytes() + (MODULE_DIR / "main.go").read_bytes()
    ).hexdigest()[:12]
    target = cache_root() / "sdkgen" / digest / "bin" / "sdkgen"
    if target.is_file():
        return target
    if shutil.which("go") is None:
        raise CLIError("building sandbox/sdkgen needs Go 1.26 or newer on PATH")
    target.parent.mkdir(parents=True, exist_ok=True)
    with (target.parent.parent / "build.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not target.is_file():
            _build(".", target, log, module_dir=MODULE_DIR)
    return target


def component_version(sandbox: Sandbox) -> str:
    return json.loads(component_schema(sandbox).read_text())["version"]


def component_schema(sandbox: Sandbox) -> Path:
    """The package's schema as the engine reads it from the plugin, written once per run of
    the plugin's sources (the plugin's own install marker names them)."""
    plugin = install_component_plugin(sandbox.home)
    marker = (plugin.parent / "installed").read_text()
    path = sandbox.home / "component-sdk" / f"schema-{marker}.json"
    if not path.is_file():
        done = subprocess.run(
            [str(sandbox.cli.path), "package", "get-schema", str(plugin)],
            env=sandbox.environment(), capture_output=True, text=True,
        )  # fmt: skip
        if done.returncode != 0:
            raise SandboxError(f"pulumi package get-schema {plugin} failed:\n{done.stderr[-2000:]}")
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".partial")
        partial.write_text(done.stdout)
        partial.replace(path)
    return path


def generate_sdk(sandbox: Sandbox, language: str, out_dir: Path, go_import_base: str = "") -> None:
    """The SDK for `language` written into `out_dir` (replaced); for Go, as a package of the
    program's own module at `go_import_base`."""
    if language not in LANGUAGES:
        raise SandboxError(f"no SDK generator for {language!r}; languages: {', '.join(LANGUAGES)}")
    shutil.rmtree(out_dir, ignore_errors=True)
    command = [str(sdkgen_binary(log=sandbox.log)), language, str(component_schema(sandbox)), str(out_dir)]  # fmt: skip
    if go_import_base:
        command.append(go_import_base)
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise SandboxError(f"`{' '.join(command)}` failed:\n{done.stderr[-2000:]}")


def install_component_provider(sandbox: Sandbox) -> Path:
    """The component plugin linked where the engine looks for the SDK's provider:
    `PULUMI_HOME/plugins/resource-cognito-auth-v<version>/` (ambient plugins are ignored)."""
    plugin = install_component_plugin(sandbox.home)
    version = component_version(sandbox)
    link = sandbox.pulumi_home / "plugins" / f"resource-{PLUGIN_NAME}-v{version}" / plugin.name
    link.parent.mkdir(parents=True, exist_ok=True)
    if not link.is_symlink() or link.resolve() != plugin.resolve():
        link.unlink(missing_ok=True)
        link.symlink_to(plugin)
    return link


def main() -> int:
    """`python -m sandbox.component_sdk`: build sdkgen (cached); print its path."""
    return print_builds(lambda log: sdkgen_binary(log=log))


if __name__ == "__main__":
    sys.exit(main())
