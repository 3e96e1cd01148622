"""Faults against the real program in the emulator: a trigger that raises, a trigger slower
than its timeout, the emulator killed in the middle of an auth check (and `sandbox up`
recovering from it), and a persisted emulator restarted under a signed-up user.

The first two change the deployed function's code with UpdateFunctionCode, on stacks of
their own, so no other test sees the fault. The last two kill or restart an emulator, so
each runs its own (in a home under tmp_path) and leaves the session's emulator alone.
"""

import io
import json
import os
import secrets
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import jwt
import pytest
from botocore.exceptions import ClientError
from sandbox.stack import StackPaths

from authcheck import cli, run_check
from sandbox import Emulator, EmulatorClients, EmulatorError
from sandbox import stack as sandbox_stack

REPO_ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "Test1234!"
# What the raising handler shows the end user, and what it only logs.
SAFE_MESSAGE = "Sign-up is unavailable right now. Please try again later."
INTERNAL_DETAIL = "allow-list table unreachable at 10.0.0.7:5432"
RAISING_HANDLER = f"""
def handler(event, context):
    print({INTERNAL_DETAIL!r})
    raise RuntimeError({SAFE_MESSAGE!r})
"""
SLOW_HANDLER = """
import time

def handler(event, context):
    time.sleep(2)
    return event
"""


def _email() -> str:
    return f"fault+{secrets.token_hex(4)}@example.com"


def _error(call) -> tuple[str, str]:
    with pytest.raises(ClientError) as error:
        call()
    return error.value.response["Error"]["Code"], error.value.response["Error"]["Message"]


def _users(deployed) -> list[dict]:
    return deployed.idp.list_users(UserPoolId=deployed.pool_id)["Users"]


def replace_trigger_code(deployed, source: str, timeout: float = 10.0) -> None:
    """Swap the trigger's code for `source` under its configured handler name; wait until live."""
    lam = deployed.clients("lambda")
    name = deployed.outputs["triggerFunctionName"]
    module, function = lam.get_function_configuration(FunctionName=name)["Handler"].rsplit(".", 1)
    assert f"def {function}(" in source
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr(module.replace(".", "/") + ".py", source)
    lam.update_function_code(FunctionName=name, ZipFile=archive.getvalue())
    deadline = time.monotonic() + timeout
    while (status := lam.get_function_configuration(FunctionName=name)["LastUpdateStatus"]) != (
        "Successful"
    ):
        assert status == "InProgress", f"updating {name} ended {status}"
        assert time.monotonic() < deadline, f"{name} still {status} after {timeout:.0f}s"
        time.sleep(0.1)


def trigger_log_lines(deployed) -> list[str]:
    logs = deployed.clients("logs")
    group = deployed.trigger_log_group
    lines = []
    for stream in logs.describe_log_streams(logGroupName=group)["logStreams"]:
        events = logs.get_log_events(
            logGroupName=group, logStreamName=stream["logStreamName"], startFromHead=True
        )["events"]
        lines += [event["message"] for event in events]
    return lines


# ------------------------------------------------------------------ a trigger that raises


def test_raising_trigger_refuses_sign_up_with_its_safe_message_only(deploy):
    faulty = deploy("e2e-fault-raise")
    replace_trigger_code(faulty, RAISING_HANDLER)

    code, message = _error(
        lambda: faulty.idp.sign_up(ClientId=faulty.client_id, Username=_email(), Password=PASSWORD)
    )
    assert code == "UserLambdaValidationException"
    assert SAFE_MESSAGE in message
    # ministack wraps it as {'errorMessage': ..., 'errorType': 'Runtime.HandlerError'}
    # (AWS: "PreSignUp failed with error <message>."); either way no internals reach the user.
    assert INTERNAL_DETAIL not in message and "Traceback" not in message, message
    assert _users(faulty) == []
    # The details went to the function's log, where an operator looks.
    assert any(INTERNAL_DETAIL in line for line in trigger_log_lines(faulty))

    report = run_check(
        faulty.pool_id, faulty.client_id, endpoint_url=faulty.endpoint, idp=faulty.idp
    )
    assert report.exit_code == 1
    assert report.steps[0].detail.startswith(
        "sign up: UserLambdaValidationException: the PreSignUp trigger failed"
    )
    assert SAFE_MESSAGE in report.steps[0].detail
    assert [s.status for s in report.steps[1:]] == ["not run"] * 6
    assert _users(faulty) == []


# ------------------------------------------------------- a trigger slower than its timeout


def test_trigger_slower_than_its_timeout_fails_sign_up_as_a_timeout(emulator, deploy, capsys):
    slow = deploy("e2e-fault-timeout", triggerTimeoutSeconds=1)
    replace_trigger_code(slow, SLOW_HANDLER)

    started = time.monotonic()
    code, message = _error(
        lambda: slow.idp.sign_up(ClientId=slow.client_id, Username=_email(), Password=PASSWORD)
    )
    assert time.monotonic() - started < 1.9, "sign-up waited for the handler, not its timeout"
    assert code == "UserLambdaValidationException"
    assert "Task timed out after 1.00 seconds" in message, message
    assert _users(slow) == []

    outputs = StackPaths(emulator.home, slow.stack).outputs
    exit_code = cli.main(["--outputs", str(outputs), "--endpoint-url", slow.endpoint], idp=slow.idp)
    lines = capsys.readouterr().out.splitlines()
    assert exit_code == 1
    assert lines[0].startswith("✗ sign up")
    assert (
        "sign up: UserLambdaValidationException: the PreSignUp trigger timed out (Cognito waits "
        "5 seconds at most: keep the handler fast and its timeout at 5 s or less)"
    ) in lines[0]
    assert "Task timed out after 1.00 seconds" in lines[0]
    assert lines[-1] == "0 passed, 1 failed, 6 not run"
    assert _users(slow) == []


# ------------------------------------------------------------ emulators of the tests' own


@pytest.fixture(scope="session")
def installed_venv(emulator, tmp_path_factory) -> Path:
    """A ministack venv holding today's pinned requirements: the session emulator's, unless
    that one was reused from before the pins changed (then one of the session's own)."""
    if emulator.is_installed():
        return emulator.venv
    fresh = Emulator(home=tmp_path_factory.mktemp("ministack"))
    fresh.install()
    return fresh.venv


@pytest.fixture
def own_emulator(installed_venv, tmp_path):
    """Emulator(home=tmp_path/<name>, ...) linked to an installed venv (a pip install per
    test would take longer than the tests), stopped at the end. Emulator.install refuses
    to rebuild a linked venv, so a link can never empty the venv it points to."""
    started: list[Emulator] = []

    def make(name: str, **options) -> Emulator:
        home = tmp_path / name
        home.mkdir()
        (home / "venv").symlink_to(installed_venv, target_is_directory=True)
        own = Emulator(home=home, **options)
        started.append(own)
        return own

    yield make
    for own in started:
        own.stop(clear_state=True)


def sandbox_cli(home: Path, *args: str) -> subprocess.CompletedProcess:
    """`python -m sandbox ...` as a user runs it, against the sandbox in `home`."""
    credentials = ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE")
    env = {k: v for k, v in os.environ.items() if k not in credentials}
    env["COGNITO_AUTH_SANDBOX_HOME"] = str(home)
    return subprocess.run(
        [sys.executable, "-m", "sandbox", *args],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


class KillAfterSignUp:
    """A cognito-idp client that SIGKILLs the emulator as soon as sign-up has returned,
    so the auth check loses its endpoint between two steps, deterministically."""

    def __init__(self, idp, emulator: Emulator):
        self._idp = idp
        self._emulator = emulator

    def sign_up(self, **kwargs):
        response = self._idp.sign_up(**kwargs)
        pid = json.loads(self._emulator.record_path.read_text())["pid"]
        os.killpg(pid, signal.SIGKILL)  # the emulator and its Lambda workers: one group
        deadline = time.monotonic() + 5
        while self._emulator.running() is not None:
            assert time.monotonic() < deadline, f"ministack {pid} survived SIGKILL"
            time.sleep(0.02)
        return response

    def __getattr__(self, name):
        return getattr(self._idp, name)


# ------------------------------------------------------ the emulator killed in mid-check


def test_emulator_killed_mid_check_is_unreachable_and_sandbox_up_recovers(own_emulator):
    killed = own_emulator("killed")
    outputs = sandbox_stack.up("dev", killed)
    before = killed.running()
    endpoint = before.endpoint

    idp = KillAfterSignUp(EmulatorClients(endpoint)("cognito-idp"), killed)
    report = run_check(outputs["userPoolId"], outputs["clientId"], endpoint_url=endpoint, idp=idp)

    unreachable = f"EndpointConnectionError: endpoint {endpoint}/ is unreachable"
    assert [(s.name, s.status, s.detail) for s in report.steps if s.status != "not run"] == [
        ("sign up", "passed", report.steps[0].detail),
        ("user confirmed", "failed", f"user confirmed: {unreachable}"),
        # Cleanup is still attempted (the user exists) and says why it could not happen.
        ("delete test user", "failed", f"delete test user: {unreachable}"),
    ]
    assert report.exit_code == 1
    assert report.user["deleted"] is False

    # The sandbox knows its emulator is gone and says what to do.
    done = sandbox_cli(killed.home, "check", "--stack", "dev")
    assert done.returncode == 2
    assert (
        done.stderr.strip() == "stack dev is not up: run `python -m sandbox up --stack dev` first"
    )

    # `up` again: the stale emulator.json is replaced by a new emulator, and the ledger's
    # entries (resources of the dead one) are torn down as already gone, not as failures.
    assert json.loads(killed.record_path.read_text())["pid"] == before.pid
    assert json.loads(StackPaths(killed.home, "dev").ledger.read_text()), "ledger is empty"
    done = sandbox_cli(killed.home, "up", "--stack", "dev")
    assert done.returncode == 0, done.stderr
    after = killed.running()
    assert after is not None and after.pid != before.pid
    assert f"stack dev is up in ministack at {after.endpoint}" in done.stdout
    # Printed as `pulumi stack output` would print it: the secret output masked.
    assert '"clientSecrets": "[secret]"' in done.stdout

    done = sandbox_cli(killed.home, "check", "--stack", "dev", "--json")
    assert done.returncode == 0, done.stdout + done.stderr
    assert json.loads(done.stdout)["summary"]["text"] == "7 passed, 0 failed"

    done = sandbox_cli(killed.home, "down")
    assert done.returncode == 0 and killed.running() is None


# ------------------------------------------------- a persisted emulator, restarted


def test_persisted_emulator_restarted_keeps_the_user_and_its_keys(own_emulator):
    persisted = own_emulator("persisted", persist=True)
    # Confirmation by code, as a user without auto-confirm does it.
    sandbox_stack.up(
        "e2e-persist",
        persisted,
        stack_file="dev",
        config_overrides={
            "cognito-auth:autoConfirmUsers": False,
            "cognito-auth:autoVerifyEmail": False,
        },
    )
    outputs_file = StackPaths(persisted.home, "e2e-persist").outputs
    outputs = json.loads(outputs_file.read_text())
    pool_id, client_id = outputs["userPoolId"], outputs["clientId"]
    first = persisted.running()
    idp = EmulatorClients(first.endpoint)("cognito-idp")

    email = _email()
    assert (
        idp.sign_up(ClientId=client_id, Username=email, Password=PASSWORD)["UserConfirmed"] is False
    )
    # ministack's verification code is always 123456 (also at GET /_ministack/ses/messages).
    idp.confirm_sign_up(ClientId=client_id, Username=email, ConfirmationCode="123456")
    before = idp.initiate_auth(
        ClientId=client_id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": email, "PASSWORD": PASSWORD},
    )["AuthenticationResult"]

    persisted.stop()  # SIGTERM: ministack saves its state on a clean shutdown
    assert persisted.running() is None
    assert (persisted.state_dir / "cognito.json").is_file()
    # Not sandbox_stack.up again: that would tear the stack down and create a new pool.
    second = persisted.start()
    assert second.pid != first.pid
    assert json.loads(outputs_file.read_text()) == outputs
    idp = EmulatorClients(second.endpoint)("cognito-idp")

    user = idp.admin_get_user(UserPoolId=pool_id, Username=email)
    assert user["UserStatus"] == "CONFIRMED"
    after = idp.initiate_auth(
        ClientId=client_id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": email, "PASSWORD": PASSWORD},
    )["AuthenticationResult"]
    refreshed = idp.initiate_auth(
        ClientId=client_id,
        AuthFlow="REFRESH_TOKEN_AUTH",
        AuthParameters={"REFRESH_TOKEN": before["RefreshToken"]},
    )["AuthenticationResult"]

    # The signing key survived too: tokens from before and after verify with today's JWKS.
    keys = jwt.PyJWKClient(f"{second.endpoint}/{pool_id}/.well-known/jwks.json")
    for tokens in (before, after, refreshed):
        claims = jwt.decode(
            tokens["IdToken"],
            keys.get_signing_key_from_jwt(tokens["IdToken"]).key,
            algorithms=["RS256"],
            issuer=outputs["issuerUrl"],
            audience=client_id,
        )
        assert claims["email"] == email and claims["token_use"] == "id"

    # The auth check passes against the restarted emulator with the same outputs file.
    report = run_check(pool_id, client_id, endpoint_url=second.endpoint, idp=idp)
    assert report.exit_code == 0, report.render_text()


def test_sandbox_up_persist_from_the_cli_and_again_after_a_restart(own_emulator):
    persisted = own_emulator("cli-persist", persist=True)
    done = sandbox_cli(persisted.home, "up", "--stack", "dev", "--persist")
    assert done.returncode == 0, done.stderr
    status = json.loads(sandbox_cli(persisted.home, "status").stdout)
    assert status["emulator"]["persist"] is True and status["stacks"] == ["dev"]

    persisted.stop()  # SIGTERM, as a reboot or `kill` would: the state is saved
    assert (persisted.state_dir / "cognito.json").is_file()
    assert sandbox_cli(persisted.home, "check", "--stack", "dev").returncode == 2

    # `up --persist` again: the restored copy of the stack is torn down through the
    # ledger and created anew, so exactly one pool of that name is left.
    done = sandbox_cli(persisted.home, "up", "--stack", "dev", "--persist")
    assert done.returncode == 0, done.stderr
    record = persisted.running()
    assert record is not None and record.persist is True
    pools = EmulatorClients(record.endpoint)("cognito-idp").list_user_pools(MaxResults=60)
    assert [p["Name"] for p in pools["UserPools"]] == ["cognito-auth-dev"]
    done = sandbox_cli(persisted.home, "check", "--stack", "dev")
    assert done.returncode == 0, done.stdout
    assert sandbox_cli(persisted.home, "down").returncode == 0
    assert not persisted.state_dir.exists()


def test_a_linked_venv_is_never_rebuilt_through_its_link(tmp_path):
    shared = tmp_path / "shared-venv"
    (shared / "bin").mkdir(parents=True)
    (shared / "bin" / "python").touch()  # no marker: not the pinned requirements
    home = tmp_path / "home"
    home.mkdir()
    (home / "venv").symlink_to(shared, target_is_directory=True)
    with pytest.raises(EmulatorError, match="links to .*does not hold the pinned requirements"):
        Emulator(home=home).install()
    assert (shared / "bin" / "python").exists()
