"""The language hosts the sandbox's CLI runs other languages' programs with, built from Go
modules the way the CLI is (`pulumi_cli.py`): pinned in `sandbox/language-hosts/go.mod`
(go.sum beside it), built into the same cache outside the repository, keyed by the host's
version and go.sum, under the same kind of lock.

The hosts' module is not the CLI's: pulumi-yaml v1.25.0 does not compile against pkg/v3
v3.274.1 (`schema.NewPluginLoader` and `plugin.NewContextWithRoot` changed), so it is built
with the pkg/v3 it requires itself (v3.206.0). Host and CLI speak gRPC, which keeps them
compatible across versions.

Only the hosts the Go module proxy serves are listed in HOSTS. It refuses (403 "This module
version is not available") the Node.js, Go and Python hosts of pulumi/pulumi at the release's
version and at a release commit, and pulumi-java's module; the README's languages table
quotes the commands and answers.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

from .pulumi_cli import CLIError, cache_root

MODULE_DIR = Path(__file__).resolve().parent / "language-hosts"
# Pulumi.yaml `runtime:` name -> the Go package of its host (go.mod's `tool` lines).
HOSTS = {"yaml": "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml"}


def pinned_version(module_dir: Path = MODULE_DIR) -> str:
    """The pulumi-yaml version go.mod requires."""
    match = re.search(r"github\.com/pulumi/pulumi-yaml (v[0-9][^\s]*)", (module_dir / "go.mod").read_text())  # fmt: skip
    if match is None:
        raise CLIError(f"{module_dir / 'go.mod'} does not require github.com/pulumi/pulumi-yaml")
    return match.group(1)


def build_dir(module_dir: Path = MODULE_DIR) -> Path:
    """This pin's build: pulumi-yaml's version plus a digest of go.sum, so a changed
    dependency set never reuses a binary built from another."""
    digest = hashlib.sha256((module_dir / "go.sum").read_bytes()).hexdigest()[:12]
    return cache_root() / "language-hosts" / f"yaml-{pinned_version(module_dir)}-{digest}"


def host_binary(runtime: str) -> Path:
    return build_dir() / "bin" / f"pulumi-language-{runtime}"


def ensure_host(runtime: str, *, log=print) -> Path:
    """The host for `runtime`, built once per pin; a second caller waits on the lock."""
    if runtime not in HOSTS:
        raise CLIError(
            f"no language host for runtime {runtime!r} can be built here (the Go module proxy "
            f"refuses it); hosts: {', '.join(sorted(HOSTS))}"
        )
    target = host_binary(runtime)
    if target.is_file():
        return target
    if shutil.which("go") is None:
        raise CLIError(f"building pulumi-language-{runtime} needs Go 1.26 or newer on PATH")
    target.parent.mkdir(parents=True, exist_ok=True)
    with (target.parent.parent / "build.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not target.is_file():
            _build(HOSTS[runtime], target, log)
    return target


def _build(package: str, target: Path, log) -> None:
    log(f"building {target.name} from Go modules into {target.parent} (once per pin)")
    began = time.monotonic()
    partial = target.with_name(target.name + ".partial")
    env = {**os.environ, "CGO_ENABLED": "0", "GOFLAGS": "-mod=readonly"}
    command = ["go", "build", "-trimpath", "-o", str(partial), "-ldflags", "-s -w", package]
    result = subprocess.run(command, cwd=MODULE_DIR, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        partial.unlink(missing_ok=True)
        tail = "\n".join(result.stderr.strip().splitlines()[-15:])
        raise CLIError(f"building {target.name} failed (`{' '.join(command)}` in {MODULE_DIR}):\n{tail}")  # fmt: skip
    partial.replace(target)
    log(f"built {target.name} in {time.monotonic() - began:.0f} s")


def main() -> int:
    """`python -m sandbox.language_hosts`: build every host the proxy serves; print each path."""
    try:
        for runtime in HOSTS:
            print(ensure_host(runtime, log=lambda message: print(message, file=sys.stderr)))
    except CLIError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
