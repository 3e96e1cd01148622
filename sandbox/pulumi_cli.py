"""The Pulumi CLI the sandbox drives: the user's own when it is new enough, else one built
from Go modules at the version `sandbox/pulumi-cli/go.mod` pins.

The build goes to a cache outside the repository (`~/.cache/cognito-auth/` unless
`COGNITO_AUTH_CACHE` or `XDG_CACHE_HOME` say otherwise), keyed by that version and the
go.sum it was built from, so a second run, CI and the next clone reuse it.
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
from dataclasses import dataclass
from pathlib import Path

MODULE_DIR = Path(__file__).resolve().parent / "pulumi-cli"
CLI_PACKAGE = "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
VERSION_SYMBOL = "github.com/pulumi/pulumi/sdk/v3/go/common/version.Version"
# `type: object` settings in Pulumi.yaml (the triggers, clients, groups maps) need this.
MINIMUM_VERSION = (3, 187, 0)


class CLIError(RuntimeError):
    """No usable Pulumi CLI, and none could be built; the message says what to install."""


def pinned_version(module_dir: Path = MODULE_DIR) -> str:
    """The pkg/v3 version go.mod requires: the CLI version the sandbox builds."""
    match = re.search(
        r"github\.com/pulumi/pulumi/pkg/v3 (v[0-9][^\s]*)", (module_dir / "go.mod").read_text()
    )
    if match is None:
        raise CLIError(f"{module_dir / 'go.mod'} does not require github.com/pulumi/pulumi/pkg/v3")
    return match.group(1)


def parse_version(text: str) -> tuple[int, int, int] | None:
    match = re.search(r"v?(\d+)\.(\d+)\.(\d+)", text)
    return tuple(int(part) for part in match.groups()) if match else None  # type: ignore[return-value]


@dataclass(frozen=True)
class CLI:
    path: Path
    version: str
    origin: str  # "PATH", "cache" or "built"

    @property
    def directory(self) -> Path:
        return self.path.parent


def cache_root() -> Path:
    explicit = os.environ.get("COGNITO_AUTH_CACHE")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "cognito-auth"


def build_dir(module_dir: Path = MODULE_DIR) -> Path:
    """Where this pin's build lives: the version plus a digest of go.sum, so a changed
    dependency set never reuses a binary built from another."""
    digest = hashlib.sha256((module_dir / "go.sum").read_bytes()).hexdigest()[:12]
    return cache_root() / "pulumi-cli" / f"{pinned_version(module_dir)}-{digest}"


def _version_of(binary: str | Path) -> str | None:
    try:
        result = subprocess.run(
            [str(binary), "version"], capture_output=True, text=True, timeout=60,
            env={**os.environ, "PULUMI_SKIP_UPDATE_CHECK": "true"},
        )  # fmt: skip
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout.strip() if result.returncode == 0 else None


def find_on_path() -> CLI | None:
    """The `pulumi` on PATH, if it is new enough for this project's Pulumi.yaml."""
    found = shutil.which("pulumi")
    if not found:
        return None
    version = _version_of(found)
    parsed = parse_version(version or "")
    if parsed is None or parsed < MINIMUM_VERSION:
        return None
    return CLI(Path(found), version, "PATH")  # type: ignore[arg-type]


def ensure_cli(*, use_path: bool = True, log=print) -> CLI:
    """A Pulumi CLI to run: PATH's (3.187.0+), else the cached build, else build it now."""
    if use_path and os.environ.get("COGNITO_AUTH_BUILD_PULUMI") != "1":
        on_path = find_on_path()
        if on_path is not None:
            return on_path
    target = build_dir() / "bin" / "pulumi"
    version = pinned_version()
    if target.is_file():
        return CLI(target, version, "cache")
    if shutil.which("go") is None:
        raise CLIError(
            "the sandbox needs the Pulumi CLI 3.187.0 or newer on PATH, or Go 1.26 or newer "
            "to build it: install one (https://www.pulumi.com/docs/iac/download-install/ or "
            "https://go.dev/dl/) and run the command again"
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    with (target.parent.parent / "build.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # a second caller waits, then finds the binary
        if not target.is_file():
            _build(target, version, log)
    return CLI(target, version, "built")


def _build(target: Path, version: str, log) -> None:
    log(f"building the Pulumi CLI {version} from Go modules into {target.parent} "
        "(once per version; a few minutes on a cold Go cache)")  # fmt: skip
    began = time.monotonic()
    partial = target.with_name(target.name + ".partial")
    env = {**os.environ, "CGO_ENABLED": "0", "GOFLAGS": "-mod=readonly"}
    command = [
        "go", "build", "-trimpath", "-o", str(partial),
        "-ldflags", f"-s -w -X {VERSION_SYMBOL}={version}", CLI_PACKAGE,
    ]  # fmt: skip
    result = subprocess.run(command, cwd=MODULE_DIR, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        partial.unlink(missing_ok=True)
        tail = "\n".join(result.stderr.strip().splitlines()[-15:])
        raise CLIError(
            f"building the Pulumi CLI {version} failed (`{' '.join(command)}` in {MODULE_DIR}):\n{tail}"
        )
    partial.replace(target)  # atomic: a killed build never leaves a half-written `pulumi`
    log(f"built the Pulumi CLI {version} in {time.monotonic() - began:.0f} s")


def main() -> int:
    """`python -m sandbox.pulumi_cli`: print the CLI the sandbox would use, building it if needed."""
    try:
        cli = ensure_cli(log=lambda message: print(message, file=sys.stderr))
    except CLIError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"{cli.path} {cli.version} ({cli.origin})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
