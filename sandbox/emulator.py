"""Run ministack, the local AWS emulator the sandbox provisions into.

ministack pins an exact botocore, so it lives in a virtual environment of its own
(`.sandbox/venv`) and never in the project's. Everything it writes (record, log,
state, temp files) stays under `.sandbox/` in the repository root.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

from .processes import arguments, environment_of, pid_alive, processes_with, signal_group

MINISTACK_VERSION = "1.5.33"
"""The only ministack release the sandbox was checked against; its quirks are in sandbox/README.md."""

REQUIREMENTS_FILE = Path(__file__).resolve().parent / "emulator-requirements.txt"
REQUIREMENTS = tuple(
    line
    for line in REQUIREMENTS_FILE.read_text().splitlines()
    if line.strip() and not line.startswith("#")
)
assert f"ministack=={MINISTACK_VERSION}" in REQUIREMENTS, (
    "pin ministack in " + REQUIREMENTS_FILE.name
)

REPO_ROOT = Path(__file__).resolve().parents[1]
# One sandbox per checkout by default; COGNITO_AUTH_SANDBOX_HOME gives parallel sessions
# (or test runs) their own emulator, state and stacks.
DEFAULT_HOME = Path(os.environ.get("COGNITO_AUTH_SANDBOX_HOME") or REPO_ROOT / ".sandbox")

LOOPBACK = "127.0.0.1"
"""ministack binds 0.0.0.0 unless told otherwise; nothing here may listen beyond loopback."""

# ministack treats these as the root caller under AUTH=true. They are set explicitly in
# the emulator's environment so a real AWS_ACCESS_KEY_ID in the caller's shell can't
# change which key the emulator accepts.
ROOT_ACCESS_KEY_ID = "test"
ROOT_SECRET_ACCESS_KEY = "test"
ACCOUNT_ID = "000000000000"
REGION = "us-east-1"


# ministack's switches that make it behave as AWS does, where its default is laxer. A
# running emulator started without one of them is restarted rather than reused.
AS_AWS_DOES = {
    # A PreTokenGeneration function that raises refuses the sign-in or refresh (AWS answers
    # UserLambdaValidationException); ministack's default logs it and issues the tokens
    # anyway, which would hide the allow-list's check at sign-in.
    "MINISTACK_COGNITO_PRETOKEN_STRICT": "1",
}


class EmulatorError(RuntimeError):
    """The emulator could not be installed, started, reached or stopped."""


@dataclass(frozen=True)
class EmulatorRecord:
    """What `.sandbox/emulator.json` holds about the running emulator."""

    pid: int
    port: int
    persist: bool
    version: str
    started_at: float

    @property
    def endpoint(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"


class Emulator:
    """One ministack process per sandbox home, found again through its record file.

    `start()` is idempotent: a healthy emulator from an earlier run (even another
    process) is reused, so test sessions and scripts share one without coordinating.
    """

    def __init__(
        self,
        home: Path | None = None,
        *,
        port: int | None = None,
        persist: bool = False,
        startup_timeout: float = 30.0,
    ) -> None:
        self.home = (home or DEFAULT_HOME).resolve()
        self.requested_port = port
        self.persist = persist
        self.startup_timeout = startup_timeout

    # -- paths ---------------------------------------------------------------------------

    @property
    def venv(self) -> Path:
        return self.home / "venv"

    @property
    def python(self) -> Path:
        return self.venv / "bin" / "python"

    @property
    def record_path(self) -> Path:
        return self.home / "emulator.json"

    @property
    def log_path(self) -> Path:
        return self.home / "emulator.log"

    @property
    def state_dir(self) -> Path:
        return self.home / "state"

    # -- install ---------------------------------------------------------------------------

    @property
    def _installed_marker(self) -> Path:
        return self.venv / "sandbox-requirements.txt"

    def is_installed(self) -> bool:
        # Written only after a successful install, so a half-built venv is rebuilt.
        try:
            return self.python.exists() and self._installed_marker.read_text().split() == list(
                REQUIREMENTS
            )
        except FileNotFoundError:
            return False

    def install(self) -> None:
        """Create `.sandbox/venv` with the pinned requirements unless it is already there."""
        if self.is_installed():
            return
        if self.venv.is_symlink():
            # `venv --clear` would empty the linked venv (another sandbox's) and then fail.
            raise EmulatorError(
                f"{self.venv} links to {self.venv.resolve()}, which does not hold the pinned "
                f"requirements; install them there, or remove the link to get a venv of its own"
            )
        self.home.mkdir(parents=True, exist_ok=True)
        # A venv built from a venv's interpreter still points at the base Python.
        _run([sys.executable, "-m", "venv", "--clear", str(self.venv)], "create the ministack venv")
        _run(
            [
                str(self.python),
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                *REQUIREMENTS,
            ],
            "pip install " + " ".join(REQUIREMENTS),
        )
        self._installed_marker.write_text("\n".join(REQUIREMENTS) + "\n")

    # -- lifecycle -------------------------------------------------------------------------

    @property
    def marker(self) -> str:
        """Put on the emulator's command line (`python -X <marker> -m ministack`), so this
        sandbox's emulator is known by its process, whatever becomes of its record file,
        and no other sandbox's emulator is ever taken for it."""
        return f"cognito_auth_sandbox={self.home}"

    def running(self) -> EmulatorRecord | None:
        """This sandbox's emulator if it is alive and answers health checks.

        Found by its record file, or, when the record is gone or garbage, by its process
        (the record is then written again): a lost record never starts a second emulator.
        """
        record = self._read_record()
        if record is None or not self._is_ours(record.pid):
            record = self._recover_record()
        if record is None:
            return None
        return record if _is_healthy(record.endpoint) else None

    def _is_ours(self, pid: int) -> bool:
        return pid_alive(pid) and self.marker in arguments(pid)

    def _recover_record(self) -> EmulatorRecord | None:
        for pid in processes_with(self.marker):
            environment = environment_of(pid)
            if "GATEWAY_PORT" not in environment:
                continue
            record = EmulatorRecord(
                pid=pid,
                port=int(environment["GATEWAY_PORT"]),
                persist=environment.get("PERSIST_STATE") == "1",
                version=MINISTACK_VERSION if self.is_installed() else "unknown",
                started_at=time.time(),
            )
            self.record_path.write_text(json.dumps(asdict(record), indent=2) + "\n")
            return record
        return None

    def start(self) -> EmulatorRecord:
        """Return a healthy emulator, reusing a running one or starting a new one."""
        with self._locked():  # parallel test workers must not start one emulator each
            return self._start()

    def _start(self) -> EmulatorRecord:
        current = self.running()
        if current is not None and self._fits(current):
            return current
        if current is not None:
            self._stop()  # alive but started with another port or persistence setting
        self._forget_record()
        self.install()

        port = self.requested_port or _free_port()
        self.home.mkdir(parents=True, exist_ok=True)
        (self.home / "tmp").mkdir(exist_ok=True)
        began = time.monotonic()
        with self.log_path.open("ab") as log:
            process = subprocess.Popen(
                [str(self.python), "-X", self.marker, "-m", "ministack"],
                env=self._environment(port),
                cwd=self.home,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                # Its own session: the emulator outlives this process (so the next run can
                # reuse it), and stop() can signal the Lambda workers it spawns as one group.
                start_new_session=True,
            )
        record = EmulatorRecord(
            pid=process.pid,
            port=port,
            persist=self.persist,
            version=MINISTACK_VERSION,
            started_at=time.time(),
        )
        self.record_path.write_text(json.dumps(asdict(record), indent=2) + "\n")

        deadline = began + self.startup_timeout
        while time.monotonic() < deadline:
            if process.poll() is not None:
                self._forget_record()
                raise EmulatorError(
                    f"ministack exited with code {process.returncode} during start-up on port {port}; "
                    f"last log lines:\n{self._log_tail()}"
                )
            if _is_healthy(record.endpoint):
                return record
            time.sleep(0.05)
        self._stop()
        raise EmulatorError(
            f"ministack did not answer {record.endpoint}/_ministack/health within "
            f"{self.startup_timeout:.0f}s; last log lines:\n{self._log_tail()}"
        )

    def stop(self, *, clear_state: bool = False, timeout: float = 10.0) -> None:
        """Stop the recorded emulator and forget it.

        SIGTERM first: with persistence on, ministack saves its state only on a clean
        shutdown. `clear_state=True` also deletes the persisted state directory.
        """
        with self._locked():
            self._stop(clear_state=clear_state, timeout=timeout)

    def _stop(self, *, clear_state: bool = False, timeout: float = 10.0) -> None:
        record = self._read_record()
        # Exactly this sandbox's emulator: the recorded process if it is ours, and any other
        # process carrying this sandbox's marker (one whose record was lost), never another's.
        pids = set(processes_with(self.marker))
        if record is not None and self._is_ours(record.pid):
            pids.add(record.pid)
        for pid in pids:
            signal_group(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and any(pid_alive(pid) for pid in pids):
            time.sleep(0.05)
        for pid in pids:
            if pid_alive(pid):
                signal_group(pid, signal.SIGKILL)
        self._forget_record()
        if clear_state:
            shutil.rmtree(self.state_dir, ignore_errors=True)

    # -- internals ---------------------------------------------------------------------------

    @contextmanager
    def _locked(self) -> Iterator[None]:
        self.home.mkdir(parents=True, exist_ok=True)
        with (self.home / "emulator.lock").open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def _fits(self, record: EmulatorRecord) -> bool:
        return (
            record.persist == self.persist
            and record.version == MINISTACK_VERSION
            and (self.requested_port is None or record.port == self.requested_port)
            # Pins changed since it started (e.g. a package added): restart on the new venv.
            and self.is_installed()
            and AS_AWS_DOES.items() <= environment_of(record.pid).items()
        )

    def _environment(self, port: int) -> dict[str, str]:
        # Only what a process needs to run: tokens or credentials in the caller's shell
        # must not reach the emulator or the handlers it spawns.
        env = {k: v for k, v in os.environ.items() if k in _PASSED_ENVIRONMENT}
        env.update(
            GATEWAY_PORT=str(port),
            BIND_HOST=LOOPBACK,
            # With cryptography installed ministack also opens an IoT mTLS listener on
            # 0.0.0.0:8883 at boot, ignoring BIND_HOST; the sandbox needs no IoT.
            IOT_MTLS_ENABLED="0",
            SFTP_ENABLED="0",  # Transfer's SFTP listener would bind 0.0.0.0 as well
            LAMBDA_EXECUTOR="local",  # handlers run as subprocesses; no Docker here
            AUTH="true",  # enforce SigV4 and the client's explicit auth flows, as AWS does
            AWS_ACCESS_KEY_ID=ROOT_ACCESS_KEY_ID,
            AWS_SECRET_ACCESS_KEY=ROOT_SECRET_ACCESS_KEY,
            MINISTACK_REGION=REGION,
            MINISTACK_ACCOUNT_ID=ACCOUNT_ID,
            # ministack defaults both to shared /tmp paths (Cognito signing keys live in
            # STATE_DIR even without persistence); keep them inside this sandbox.
            STATE_DIR=str(self.state_dir),
            TMPDIR=str(self.home / "tmp"),
            PYTHONUNBUFFERED="1",
            **AS_AWS_DOES,
        )
        if self.persist:
            env["PERSIST_STATE"] = "1"
        return env

    def _read_record(self) -> EmulatorRecord | None:
        try:
            return EmulatorRecord(**json.loads(self.record_path.read_text()))
        except (FileNotFoundError, ValueError, TypeError):
            return None

    def _forget_record(self) -> None:
        self.record_path.unlink(missing_ok=True)

    def _log_tail(self, lines: int = 20) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except FileNotFoundError:
            return "(no log)"


_PASSED_ENVIRONMENT = ("PATH", "HOME", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "TMPDIR", "SYSTEMROOT")


def _run(command: list[str], purpose: str) -> None:
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise EmulatorError(
            f"could not {purpose} (exit {result.returncode}):\n{result.stderr.strip()}"
        )


def _free_port() -> int:
    # Another process may take the port before ministack binds it; start() then fails
    # with ministack's "already in use" in the log, and a retry picks a new port.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((LOOPBACK, 0))
        return int(probe.getsockname()[1])


def _http(url: str, *, method: str = "GET", timeout: float = 5.0) -> bytes:
    request = urllib.request.Request(url, method=method, data=b"" if method == "POST" else None)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.read()
    except (urllib.error.URLError, OSError) as error:
        raise EmulatorError(f"{method} {url} failed: {error}") from error


def _is_healthy(endpoint: str) -> bool:
    try:
        _http(f"{endpoint}/_ministack/health", timeout=1.0)
        return True
    except EmulatorError:
        return False
