"""One stack of this program, run by the real Pulumi engine against the emulator.

`pulumi up` and `pulumi preview` run the repository's own `__main__.py` through the
Automation API's inline path (the Python process serves the program to the CLI: the Go
module proxy serves no Python language host); every other command (`config`, `stack
output`, `refresh`, `destroy`, `import`, `cancel`) is the CLI itself.

The CLI runs in `.sandbox/stacks/<stack>/`, where `Pulumi.yaml` is a link to the
repository's own and `Pulumi.<stack>.yaml` a copy of the repository's stack file plus the
sandbox's encryption salt. The CLI writes the salt (and re-quotes values) into the stack
file of the directory it runs in, so the committed stack files are never touched, and a
stack's settings are still exactly the text the user wrote.

Nothing here reads the user's `~/.pulumi`, AWS profile or credentials: the CLI gets a
sandbox-private PULUMI_HOME, a file backend and a passphrase under `.sandbox/`, and an
environment without AWS_* variables.
"""

from __future__ import annotations

import json
import os
import re
import runpy
import secrets
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .emulator import DEFAULT_HOME, REPO_ROOT, ROOT_ACCESS_KEY_ID, ROOT_SECRET_ACCESS_KEY, Emulator
from .provider.plugin import ENDPOINT_VARIABLE, install_policy_launcher, install_provider
from .pulumi_cli import CLI, ensure_cli
from .refusals import protected_pool_refusal
from .stack_file import secrets_lines, settings_lines, with_overrides

STACK_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,99}")


class SandboxError(RuntimeError):
    """Something the user must fix or be told; the message is one sentence, shown as is."""


def check_stack_name(name: str) -> str:
    """Refuses a name that is not a stack name, and so could lead outside `.sandbox/`."""
    if not STACK_NAME.fullmatch(name or ""):
        raise SandboxError(
            f"--stack is {name!r}; it must be 1 to 100 letters, digits, _ or -, starting with "
            "a letter or digit (the name of a Pulumi.<stack>.yaml in the project)"
        )
    return name


def stack_file_of(name: str, project_dir: Path = REPO_ROOT) -> Path:
    """The project's Pulumi.<name>.yaml, which must exist."""
    path = project_dir / f"Pulumi.{check_stack_name(name)}.yaml"
    if not path.is_file():
        known = sorted(
            p.name[len("Pulumi.") : -len(".yaml")] for p in project_dir.glob("Pulumi.*.yaml")
        )
        raise SandboxError(
            f"there is no stack file {path.name} in {project_dir}; stacks: {', '.join(known)}"
        )
    return path


class Sandbox:
    """The emulator, the CLI and the Pulumi home and backend that every sandbox stack shares."""

    def __init__(
        self,
        home: Path | None = None,
        *,
        emulator: Emulator | None = None,
        project_dir: Path = REPO_ROOT,
        log: Callable[[str], None] = print,
    ) -> None:
        self.home = (home or DEFAULT_HOME).resolve()
        self.emulator = emulator or Emulator(self.home)
        self.project_dir = project_dir
        self.log = log
        self._cli: CLI | None = None

    @property
    def pulumi_dir(self) -> Path:
        return self.home / "pulumi"

    @property
    def pulumi_home(self) -> Path:
        return self.pulumi_dir / "home"

    @property
    def backend_dir(self) -> Path:
        return self.pulumi_dir / "state"

    @property
    def passphrase_file(self) -> Path:
        return self.pulumi_dir / "passphrase"

    @property
    def cli(self) -> CLI:
        if self._cli is None:
            self._cli = ensure_cli(log=self.log)
        return self._cli

    def prepare(self) -> str:
        """Start (or reuse) the emulator, install the plugins; returns the emulator's endpoint."""
        cli = self.cli
        record = self.emulator.start()
        install_provider(self.pulumi_home)
        self.backend_dir.mkdir(parents=True, exist_ok=True)
        if not self.passphrase_file.is_file():
            # Secrets in the sandbox's state are encrypted with a passphrase of its own.
            self.passphrase_file.touch(mode=0o600)
            self.passphrase_file.write_text(secrets.token_urlsafe(24))
        del cli
        return record.endpoint

    def environment(self, endpoint: str | None = None) -> dict[str, str]:
        """What every CLI run gets: only the sandbox's Pulumi settings, no AWS credentials."""
        env = {
            k: v for k, v in os.environ.items()
            if not k.startswith(("AWS_", "PULUMI_")) and k != ENDPOINT_VARIABLE
        }  # fmt: skip
        env.update(
            PULUMI_HOME=str(self.pulumi_home),
            PULUMI_BACKEND_URL=f"file://{self.backend_dir}",
            PULUMI_CONFIG_PASSPHRASE_FILE=str(self.passphrase_file),
            PULUMI_SKIP_UPDATE_CHECK="true",
            PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION="true",
            # A pulumi-resource-aws on the user's PATH is the real provider, which would talk to
            # AWS: only the plugin directory of the sandbox's own PULUMI_HOME counts.
            PULUMI_IGNORE_AMBIENT_PLUGINS="true",
            PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK="true",
            # Should anything still reach for AWS credentials, there are none to find.
            AWS_CONFIG_FILE=os.devnull,
            AWS_SHARED_CREDENTIALS_FILE=os.devnull,
            AWS_EC2_METADATA_DISABLED="true",
            PATH=os.pathsep.join([str(self.cli.directory), os.environ.get("PATH", "")]),
        )
        if endpoint:
            env[ENDPOINT_VARIABLE] = endpoint
        return env

    def stack(
        self, name: str, *, stack_file: str | None = None, config: dict[str, Any] | None = None
    ) -> SandboxStack:
        """Stack `name`, configured from Pulumi.<stack_file or name>.yaml of the project, with
        `config` (full keys, e.g. "cognito-auth:mfa") set over it."""
        check_stack_name(name)
        copy = self.home / "stacks" / name / f"Pulumi.{name}.yaml"
        if (
            stack_file is None
            and not (self.project_dir / f"Pulumi.{name}.yaml").is_file()
            and copy.is_file()
        ):
            # A variant made earlier (a test's): it lives on in the sandbox's copy of its file.
            return SandboxStack(self, name, None, config or {})
        source = stack_file_of(stack_file or name, self.project_dir)
        return SandboxStack(self, name, source, config or {})

    def stacks(self) -> list[str]:
        """The stacks in the sandbox's backend."""
        project = self.backend_dir / ".pulumi" / "stacks"
        return sorted(p.stem for p in project.glob("*/*.json") if not p.name.endswith(".bak"))


class SandboxStack:
    def __init__(
        self,
        sandbox: Sandbox,
        name: str,
        source: Path | None,
        overrides: dict[str, Any] | None = None,
    ) -> None:
        self.sandbox = sandbox
        self.name = name
        self.source = source
        self.overrides = overrides or {}

    @property
    def folder(self) -> Path:
        return self.sandbox.home / "stacks" / self.name

    @property
    def config_file(self) -> Path:
        return self.folder / f"Pulumi.{self.name}.yaml"

    def _link_project(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        link = self.folder / "Pulumi.yaml"
        target = self.sandbox.project_dir / "Pulumi.yaml"
        if not link.is_symlink() or link.resolve() != target.resolve():
            link.unlink(missing_ok=True)
            link.symlink_to(target)

    # -- the CLI ------------------------------------------------------------------------------

    def pulumi(
        self,
        *args: str,
        endpoint: str | None = None,
        check: bool = True,
        stream: bool = False,
        timeout: float | None = None,
    ) -> subprocess.CompletedProcess:
        """`pulumi <args> --stack <name>` in the project directory, with the sandbox's setup."""
        command = [str(self.sandbox.cli.path), *args, "--stack", self.name, "--non-interactive"]
        result = subprocess.run(
            command,
            cwd=self.folder,
            env=self.sandbox.environment(endpoint or self._endpoint()),
            text=True,
            capture_output=not stream,
            timeout=timeout,
        )
        if check and result.returncode != 0:
            raise SandboxError(_cli_failure(args, result, self.name))
        return result

    def _endpoint(self) -> str | None:
        record = self.sandbox.emulator.running()
        return record.endpoint if record else None

    # -- lifecycle ---------------------------------------------------------------------------

    def exists(self) -> bool:
        return self.name in self.sandbox.stacks()

    def ensure(self, *, sync: bool = True) -> str:
        """Emulator up, plugins installed, the stack created and its config copied."""
        endpoint = self.sandbox.prepare()
        self._link_project()
        if not self.exists():
            result = subprocess.run(
                [str(self.sandbox.cli.path), "stack", "init", self.name, "--secrets-provider",
                 "passphrase", "--no-select", "--non-interactive"],
                cwd=self.folder, env=self.sandbox.environment(), text=True, capture_output=True,
            )  # fmt: skip
            # Another process may have created it a moment ago: that is as good.
            if result.returncode != 0 and not self.exists():
                raise SandboxError(_cli_failure(("stack", "init"), result, self.name))
            sync = True  # `stack init` rewrote the file it wrote its salt into: restore the text
        if sync or not self.config_file.is_file():
            self.sync_config()
        return endpoint

    def sync_config(self) -> None:
        """The stack's config file: the repository's, byte for byte, plus the sandbox's salt
        (and, for a test's variant of a stack, the keys it sets over it)."""
        if self.source is None:
            return  # a variant whose source is its own copy
        salt = secrets_lines(self.config_file.read_text()) if self.config_file.is_file() else []
        settings = with_overrides(settings_lines(self.source.read_text()), self.overrides)
        self.folder.mkdir(parents=True, exist_ok=True)
        # Atomically: a concurrent run of the same stack must never read half a file.
        partial = self.config_file.with_name(f".{self.config_file.name}.{os.getpid()}")
        partial.write_text("\n".join(settings + salt) + "\n")
        partial.replace(self.config_file)

    def config_set(self, key: str, value: str, *, path: bool = False, secret: bool = False) -> None:
        """`pulumi config set` on the sandbox's copy of the stack file (as a user would on theirs)."""
        flags = [*(["--path"] if path else []), *(["--secret"] if secret else [])]
        self.pulumi("config", "set", *flags, key, value)

    def config_json(self) -> dict[str, Any]:
        """`pulumi config --json`: every key with the value the CLI passes the program."""
        result = self.pulumi("config", "--json", "--show-secrets")
        return json.loads(result.stdout)

    def outputs(self, *, show_secrets: bool = False) -> dict[str, Any]:
        result = self.pulumi(
            "stack", "output", "--json", *(["--show-secrets"] if show_secrets else [])
        )
        return json.loads(result.stdout or "{}")

    def export(self) -> dict[str, Any]:
        """`pulumi stack export`: the engine's own record of the stack."""
        return json.loads(self.pulumi("stack", "export").stdout)

    # -- running the program ---------------------------------------------------------------------

    def _workspace(self, endpoint: str, program: Callable[[], None] | None):
        from pulumi import automation as auto

        cli = self.sandbox.cli
        workspace = auto.LocalWorkspace(
            work_dir=str(self.folder),
            pulumi_home=str(self.sandbox.pulumi_home),
            program=program or run_project_program(self.sandbox.project_dir),
            env_vars=self.sandbox.environment(endpoint),
            pulumi_command=auto.PulumiCommand(
                root=str(cli.directory.parent), skip_version_check=True
            ),
        )
        return auto.Stack.select(self.name, workspace)

    def up(
        self,
        *,
        on_output: Callable[[str], None] | None = None,
        program=None,
        preview_first: bool = True,
        **options: Any,
    ):
        """`pulumi up --yes` of the project's program; returns the automation UpResult.

        Like the CLI's `pulumi up`, and unlike the Automation API's, it previews first, so a
        program the provider refuses (a type or an input it cannot apply) changes nothing.
        """
        endpoint = self.ensure(sync=options.pop("sync", True))
        stack = self._workspace(endpoint, program)
        if preview_first:
            # No refresh here: the preview is there to stop a program the provider refuses
            # before anything changes; the update itself refreshes when asked.
            _automation(lambda: stack.preview(on_output=on_output, color=_color()), "up", self.name)
        return _automation(lambda: stack.up(on_output=on_output, color=_color(), **options), "up", self.name)  # fmt: skip

    def preview(
        self, *, on_output: Callable[[str], None] | None = None, program=None, **options: Any
    ):
        """`pulumi preview` (options: diff=True, policy_packs=[dirs], ...); the PreviewResult."""
        endpoint = self.ensure(sync=options.pop("sync", True))
        if options.get("policy_packs"):
            options["policy_packs"] = [
                str(install_policy_launcher(self.sandbox.pulumi_dir, Path(pack).resolve()))
                for pack in options["policy_packs"]
            ]
        stack = self._workspace(endpoint, program)
        return _automation(lambda: stack.preview(on_output=on_output, color=_color(), **options), "preview", self.name)  # fmt: skip

    def destroy(self, *, stream: bool = False) -> subprocess.CompletedProcess:
        self.ensure(sync=False)
        return self.pulumi("destroy", "--yes", stream=stream)

    def remove(self) -> None:
        """Forget the stack (after a destroy): its state and the sandbox's copy of its config."""
        self.pulumi("stack", "rm", "--yes", "--force", check=False)
        shutil.rmtree(self.folder, ignore_errors=True)


def run_project_program(project_dir: Path) -> Callable[[], None]:
    """The inline program: the project's own `__main__.py`, as its language host would run it."""

    def program() -> None:
        import pulumi.runtime.settings as settings

        if str(project_dir) not in sys.path:
            sys.path.insert(0, str(project_dir))
        # The language host tells a program where its project is; the inline path does not.
        settings.SETTINGS.root_directory = str(project_dir)
        runpy.run_path(str(project_dir / "__main__.py"), run_name="__main__")

    return program


def _color() -> str:
    return "always" if sys.stdout.isatty() else "never"


def _automation(run: Callable[[], Any], command: str, stack: str) -> Any:
    from pulumi import automation as auto

    try:
        return run()
    except auto.CommandError as error:
        raise SandboxError(_command_error(command, stack, error)) from None


def _error_lines(text: str) -> list[str]:
    """The CLI's errors, each joined with the lines that continue it (up to a blank line)."""
    errors: list[str] = []
    continuing = False
    for raw in text.splitlines():
        # CommandError's text labels the CLI's stderr as "stderr: " on the line it begins.
        line = raw.strip().removeprefix("stderr: ")
        if line.startswith("error:"):
            errors.append(line)
            continuing = True
        elif continuing and line:
            errors[-1] += " " + line
        else:
            continuing = False
    # The inline path hands a program's error back to the CLI, which reports it once more
    # as "an unhandled error occurred: <the same>"; the language host would not.
    echo = "error: an unhandled error occurred: "
    return [e for e in errors if not (e.startswith(echo) and f"error: {e[len(echo) :]}" in errors)]


# The CLI's refusal when another update holds the stack's lock: one that took it after the
# sandbox looked (recovery.release_stale_lock refuses those it sees) gets the same sentence.
_LOCKED = re.compile(r"the stack is currently locked by .*?\(pid (\d+)\) at (\S+)", re.S)


def _command_error(command: str, stack: str, error: Exception) -> str:
    text = str(getattr(error, "stderr", "") or error)
    if locked := _LOCKED.search(text):
        return (
            f"another update of stack {stack} is running (pid {locked[1]}, since {locked[2]}): "
            "wait for it to finish; the sandbox never runs two at once"
        )
    if refusal := protected_pool_refusal(" ".join(text.split()), command, stack):
        return refusal
    errors = _error_lines(text)
    lines = [line.strip().removeprefix("stderr: ") for line in text.splitlines() if line.strip()]
    detail = " ".join(errors[:3]) or (lines[-1] if lines else str(error))
    return f"`pulumi {command}` of stack {stack} failed: {detail}"


def _cli_failure(args, result: subprocess.CompletedProcess, stack: str) -> str:
    """The CLI's own error lines, in one sentence that names the command and the stack."""
    text = result.stderr or result.stdout or ""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    errors = _error_lines(text) or lines[-1:]
    return (
        f"`pulumi {' '.join(args)}` of stack {stack} failed (exit {result.returncode}): "
        f"{' '.join(errors[:3])}"
    )


__all__ = [
    "ROOT_ACCESS_KEY_ID",
    "ROOT_SECRET_ACCESS_KEY",
    "Sandbox",
    "SandboxError",
    "SandboxStack",
    "check_stack_name",
    "stack_file_of",
    "run_project_program",
]
