"""Installing the sandbox's plugins into its own PULUMI_HOME, never the user's ~/.pulumi.

- `resource-aws-v<version>/pulumi-resource-aws`: the engine finds a provider plugin for
  package `aws` at the version the pulumi-aws SDK asks for in the plugin directory, so this
  is the one the engine starts for every aws resource of a sandbox stack.
- `policy-packs/<pack>/pulumi-analyzer-<pack>`: the CLI runs a policy pack directory through
  the pack's language host, and the module proxy serves no Python language host; it runs an
  executable pack directly, so the sandbox hands it a launcher for the pack's `__main__.py`.

Both are two-line shell scripts naming this checkout's Python: they are written at run
time under `.sandbox/`, never committed.
"""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

from .provider import VERSION

ENDPOINT_VARIABLE = "COGNITO_AUTH_SANDBOX_ENDPOINT"
REPO_ROOT = Path(__file__).resolve().parents[2]


def _write_script(path: Path, body: str) -> Path:
    text = "#!/bin/sh\n# Written by `python -m sandbox`; rewritten on every run.\n" + body
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.is_file() or path.read_text() != text:
        partial = path.with_name(path.name + ".partial")
        partial.write_text(text)
        partial.chmod(0o755)
        partial.replace(path)
    return path


def install_provider(pulumi_home: Path, python: str = sys.executable) -> Path:
    script = pulumi_home / "plugins" / f"resource-aws-v{VERSION}" / "pulumi-resource-aws"
    body = (
        f"PYTHONPATH={shlex.quote(str(REPO_ROOT))} "
        f'exec {shlex.quote(python)} ${{SANDBOX_PROVIDER_DEBUG:--m sandbox.provider}} "$@"\n'
    )
    return _write_script(script, body)


def install_policy_launcher(pulumi_dir: Path, pack: Path, python: str = sys.executable) -> Path:
    """An executable that starts the Python policy pack in `pack`: what `--policy-pack` is
    given in the sandbox, since the CLI runs a pack directory through its language host.

    The engine runs an executable policy pack directly (as it runs a provider) and reads the
    PulumiPolicy.yaml beside it, so the pack's own file is linked there.
    """
    folder = pulumi_dir / "policy-packs" / pack.name
    link = folder / "PulumiPolicy.yaml"
    _write_script(
        folder / f"pulumi-analyzer-{pack.name}",
        # A pulumi_policy pack needs no argument: it serves and prints its port.
        f"cd {shlex.quote(str(pack))} && exec {shlex.quote(python)} __main__.py\n",
    )
    if not link.is_symlink():
        link.symlink_to(pack / "PulumiPolicy.yaml")
    return folder / f"pulumi-analyzer-{pack.name}"
