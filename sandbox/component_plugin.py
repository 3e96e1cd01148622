"""The component package `provider/` as the engine starts it in the sandbox.

`provider/PulumiPlugin.yaml` says `runtime: python`, so a full Pulumi install runs the
plugin through pulumi-language-python, which first makes the plugin's virtualenv with
`pip install -r requirements.txt` in `provider/`. The Go module proxy serves no Python
language host, so the sandbox does those two steps itself, the same way, and hands the
engine an executable plugin (`pulumi-resource-cognito-auth`) that runs `provider/__main__.py`
on that virtualenv's Python. What the package resolves to is therefore exactly what
requirements.txt names (the repository root, `..`), installed as a package: nothing of the
checkout is on the provider's import path.

Everything lives under the sandbox's home (`.sandbox/component-plugin/`), never committed;
the package is reinstalled when its sources change.
"""

from __future__ import annotations

import fcntl
import hashlib
import shlex
import subprocess
import sys
from pathlib import Path

from .emulator import REPO_ROOT

PROVIDER_DIR = REPO_ROOT / "provider"
PLUGIN_NAME = "cognito-auth"
# What the installed package is built from: a change to any of these reinstalls it.
SOURCES = ("components", "functions", "pyproject.toml", "provider")


class ComponentPluginError(RuntimeError):
    """The provider's environment could not be made; the message names the pip command."""


def sources_digest(root: Path = REPO_ROOT) -> str:
    digest = hashlib.sha256()
    for name in SOURCES:
        path = root / name
        files = [path] if path.is_file() else sorted(path.rglob("*"))
        for file in files:
            if file.is_file() and "__pycache__" not in file.parts and "venv" not in file.parts:
                digest.update(str(file.relative_to(root)).encode() + b"\0" + file.read_bytes())
    for pins in ("constraints.txt",):
        digest.update((root / pins).read_bytes())
    return digest.hexdigest()[:16]


def _pip(python: Path, *args: str) -> None:
    command = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *args]
    done = subprocess.run(command, cwd=PROVIDER_DIR, capture_output=True, text=True)
    if done.returncode != 0:
        tail = "\n".join(done.stderr.strip().splitlines()[-10:])
        raise ComponentPluginError(f"`{' '.join(command)}` in {PROVIDER_DIR} failed:\n{tail}")


def install_component_plugin(home: Path) -> Path:
    """The plugin executable for `pulumi package add` (the CLI takes the package's name
    from `pulumi-resource-<name>`); its virtualenv made or refreshed."""
    folder = home / "component-plugin"
    venv = folder / "venv"
    python = venv / "bin" / "python"
    marker = folder / "installed"
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "install.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # parallel test processes share one virtualenv
        digest = sources_digest()
        if not python.is_file():
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
            marker.unlink(missing_ok=True)
            # As the Python language host does, in the plugin's directory; pinned like the project.
            _pip(python, "-r", "requirements.txt", "-c", str(REPO_ROOT / "constraints.txt"))
        elif not marker.is_file() or marker.read_text() != digest:
            # Same version number, new sources: pip would keep the old copy unless forced.
            _pip(python, "--no-deps", "--force-reinstall", "..")
        marker.write_text(digest)
    script = folder / f"pulumi-resource-{PLUGIN_NAME}"
    text = (
        "#!/bin/sh\n# Written by the sandbox: provider/ run as its Python language host would.\n"
        f'cd {shlex.quote(str(PROVIDER_DIR))} && exec {shlex.quote(str(python))} __main__.py "$@"\n'
    )
    if not script.is_file() or script.read_text() != text:
        script.write_text(text)
        script.chmod(0o755)
    return script
