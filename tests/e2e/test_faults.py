"""Faults, tried as a user would meet them: a trigger that raises, a trigger slower than its
timeout, the emulator killed in the middle of a check, a persisted emulator restarted,
`pulumi up` killed half-way, two `up`s at once, a lost or garbage record or state file, a
stack name that leads outside the sandbox, and a shell with AWS credentials of its own.

Tests that kill, restart or corrupt an emulator run a sandbox of their own (a home under
tmp_path, `own_sandbox`), so the session's emulator is never disturbed.
"""

import io
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import jwt
import pytest
from botocore.exceptions import ClientError

from authcheck import cli, run_check
from sandbox import Emulator, EmulatorClients, EmulatorError

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
    time.sleep(8)
    return event
"""
# A shell that has AWS credentials and a profile of its own: none may matter to the sandbox.
FOREIGN_AWS = {
    "AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE",
    "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    "AWS_SESSION_TOKEN": "FwoGZXIvYXdzEXAMPLE",
    "AWS_PROFILE": "no-such-profile",
    "AWS_REGION": "eu-west-1",
    "AWS_ENDPOINT_URL": "https://aws.example.invalid",
}


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
    name = deployed.outputs["triggerFunctionArns"]["PreSignUp"]
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


def sandbox_cli(home: Path, *args: str, env: dict | None = None, timeout: float = 180, **popen):
    """`python -m sandbox ...` as a user runs it, against the sandbox in `home`."""
    environment = {**(env or os.environ), "COGNITO_AUTH_SANDBOX_HOME": str(home)}
    command = [sys.executable, "-m", "sandbox", *args]
    if popen:
        return subprocess.Popen(command, cwd=REPO_ROOT, env=environment, text=True, **popen)
    return subprocess.run(
        command, cwd=REPO_ROOT, env=environment, capture_output=True, text=True, timeout=timeout
    )


def inventory(clients: EmulatorClients) -> dict[str, list[str]]:
    """What the emulator holds, by kind: a leak shows up as a second copy."""
    return {
        "pools": sorted(
            p["Name"] for p in clients("cognito-idp").list_user_pools(MaxResults=60)["UserPools"]
        ),
        "functions": sorted(
            f["FunctionName"] for f in clients("lambda").list_functions()["Functions"]
        ),
        "roles": sorted(r["RoleName"] for r in clients("iam").list_roles()["Roles"]),
        "log groups": sorted(
            g["logGroupName"] for g in clients("logs").describe_log_groups()["logGroups"]
        ),
    }


def counts(clients: EmulatorClients) -> dict[str, int]:
    return {kind: len(names) for kind, names in inventory(clients).items()}


ONE_OF_EACH = {"pools": 1, "functions": 1, "roles": 1, "log groups": 1}


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


def test_trigger_slower_than_its_timeout_fails_sign_up_as_a_timeout(deploy, capsys, tmp_path):
    slow = deploy("e2e-fault-timeout", triggerTimeoutSeconds=1)
    replace_trigger_code(slow, SLOW_HANDLER)

    started = time.monotonic()
    code, message = _error(
        lambda: slow.idp.sign_up(ClientId=slow.client_id, Username=_email(), Password=PASSWORD)
    )
    # 1 s of timeout against 8 s of handler: the margin absorbs a loaded machine's start-up.
    assert time.monotonic() - started < 5, "sign-up waited for the handler, not its timeout"
    assert code == "UserLambdaValidationException"
    assert "Task timed out after 1.00 seconds" in message, message
    assert _users(slow) == []

    outputs = tmp_path / "outputs.json"
    outputs.write_text(json.dumps(slow.outputs))
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


# ------------------------------------------------------ the emulator killed in mid-check


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


def test_emulator_killed_mid_check_is_unreachable_and_sandbox_up_recovers(own_sandbox):
    killed = own_sandbox("killed")
    stack = killed.stack("dev")
    stack.up()
    outputs = stack.outputs(show_secrets=True)
    before = killed.emulator.running()
    endpoint = before.endpoint

    idp = KillAfterSignUp(EmulatorClients(endpoint)("cognito-idp"), killed.emulator)
    report = run_check(
        outputs["userPoolId"], outputs["clientIds"]["app"], endpoint_url=endpoint, idp=idp
    )
    unreachable = f"EndpointConnectionError: endpoint {endpoint}/ is unreachable"
    assert [(s.name, s.status, s.detail) for s in report.steps if s.status != "not run"] == [
        ("sign up", "passed", report.steps[0].detail),
        ("user confirmed", "failed", f"user confirmed: {unreachable}"),
        # Cleanup is still attempted (the user exists) and says why it could not happen.
        ("delete test user", "failed", f"delete test user: {unreachable}"),
    ]
    assert report.exit_code == 1 and report.user["deleted"] is False

    # The sandbox knows its emulator is gone and says what to do.
    done = sandbox_cli(killed.home, "check", "--stack", "dev")
    assert done.returncode == 1
    assert (
        done.stderr.strip()
        == "sandbox: error: stack dev is not up: run `python -m sandbox up --stack dev` first"
    )

    # `up` again: a new emulator; the refresh finds the old resources gone, and up recreates them.
    done = sandbox_cli(killed.home, "up", "--stack", "dev")
    assert done.returncode == 0, done.stdout + done.stderr
    after = killed.emulator.running()
    assert after is not None and after.pid != before.pid
    assert f"stack dev is up in ministack at {after.endpoint}" in done.stdout
    # Printed as `pulumi stack output` prints it: the secret output masked.
    assert '"clientSecrets": "[secret]"' in done.stdout
    assert counts(EmulatorClients(after.endpoint)) == ONE_OF_EACH

    done = sandbox_cli(killed.home, "check", "--stack", "dev", "--json")
    assert done.returncode == 0, done.stdout + done.stderr
    assert json.loads(done.stdout)["summary"]["text"] == "7 passed, 0 failed"
    done = sandbox_cli(killed.home, "down")
    assert done.returncode == 0 and killed.emulator.running() is None
    assert "destroyed stack dev" in done.stdout


# ------------------------------------------------- a persisted emulator, restarted


def test_persisted_emulator_restarted_keeps_users_keys_and_the_stack(own_sandbox):
    persisted = own_sandbox("persisted", persist=True)
    # Confirmation by code, as a user without auto-confirm does it.
    stack = persisted.stack(
        "e2e-persist",
        stack_file="dev",
        config={"cognito-auth:autoConfirmUsers": False, "cognito-auth:autoVerifyEmail": False},
    )
    stack.up()
    outputs = stack.outputs(show_secrets=True)
    pool_id, client_id = outputs["userPoolId"], outputs["clientIds"]["app"]
    first = persisted.emulator.running()
    idp = EmulatorClients(first.endpoint)("cognito-idp")

    email = _email()
    assert (
        idp.sign_up(ClientId=client_id, Username=email, Password=PASSWORD)["UserConfirmed"] is False
    )
    # ministack's verification code is always 123456 (also at GET /_ministack/ses/messages).
    idp.confirm_sign_up(ClientId=client_id, Username=email, ConfirmationCode="123456")
    sign_in = {"USERNAME": email, "PASSWORD": PASSWORD}
    before = idp.initiate_auth(
        ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH", AuthParameters=sign_in
    )["AuthenticationResult"]

    persisted.emulator.stop()  # SIGTERM: ministack saves its state on a clean shutdown
    assert persisted.emulator.running() is None
    assert (persisted.emulator.state_dir / "cognito.json").is_file()
    # `up` again against the restarted emulator: the engine's state and the emulator agree,
    # so nothing is created or replaced and the user is still there.
    result = stack.up()
    assert result.summary.resource_changes == {"same": 12}, result.summary.resource_changes
    second = persisted.emulator.running()
    assert second.pid != first.pid
    assert stack.outputs(show_secrets=True) == outputs
    idp = EmulatorClients(second.endpoint)("cognito-idp")

    assert idp.admin_get_user(UserPoolId=pool_id, Username=email)["UserStatus"] == "CONFIRMED"
    after = idp.initiate_auth(
        ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH", AuthParameters=sign_in
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
    assert counts(EmulatorClients(second.endpoint)) == ONE_OF_EACH


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


# ------------------------------------------------- `pulumi up` killed half-way


def _wait_for(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := condition():
            return value
        time.sleep(0.02)
    raise AssertionError(f"timed out waiting for {what}")


def test_an_up_killed_half_way_is_settled_and_leaves_one_copy_of_everything(own_sandbox):
    interrupted = own_sandbox("interrupted")
    endpoint = interrupted.prepare()
    clients = EmulatorClients(endpoint)
    run = sandbox_cli(interrupted.home, "up", "--stack", "dev", stdout=subprocess.DEVNULL,
                      stderr=subprocess.DEVNULL, start_new_session=True)  # fmt: skip
    # Creating a function takes the emulator half a second (Pending, then Active): the
    # moment it exists, its Create is still in flight. Kill everything: sandbox, CLI, plugin.
    _wait_for(lambda: clients("lambda").list_functions()["Functions"], 120, "the trigger function")
    os.killpg(run.pid, signal.SIGKILL)
    run.wait(10)

    stack = interrupted.stack("dev")
    exported = stack.export()
    pending = exported["deployment"].get("pending_operations") or []
    assert any(op["type"] == "creating" and op["resource"]["type"] == "aws:lambda/function:Function"
               for op in pending), pending  # fmt: skip
    locks = list((interrupted.backend_dir / ".pulumi" / "locks").rglob("*.json"))
    assert locks, "a killed update leaves its lock behind"

    # Pulumi alone would refuse: the stack is locked, and its own `up` would create the
    # function again beside the orphan. The sandbox says so and settles both.
    done = sandbox_cli(interrupted.home, "up", "--stack", "dev")
    assert done.returncode == 0, done.stdout + done.stderr
    assert (
        "is locked by an update whose process" in done.stderr
        and "running `pulumi cancel`" in done.stderr
    )
    assert "operation(s) in flight (Pulumi says: run `pulumi refresh` to reconcile)" in done.stderr
    assert (
        "removed 1 orphan(s) the interrupted update had created: auth-pre-sign-up (" in done.stderr
    ), done.stderr
    assert counts(clients) == ONE_OF_EACH, inventory(clients)
    assert not stack.export()["deployment"].get("pending_operations")
    # ... and it works.
    done = sandbox_cli(interrupted.home, "check", "--stack", "dev")
    assert done.returncode == 0, done.stdout + done.stderr


def test_two_ups_of_one_stack_at_once_one_is_refused_and_nothing_is_duplicated(own_sandbox):
    racing = own_sandbox("racing")
    endpoint = racing.prepare()
    clients = EmulatorClients(endpoint)
    first = sandbox_cli(
        racing.home, "up", "--stack", "dev", stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    locks = racing.backend_dir / ".pulumi" / "locks"
    _wait_for(
        lambda: list(locks.rglob("*.json")) if locks.exists() else [],
        120,
        "the first update's lock",
    )
    second = sandbox_cli(racing.home, "up", "--stack", "dev")
    out, err = first.communicate(timeout=180)
    assert first.returncode == 0, out + err
    assert second.returncode == 1, second.stdout + second.stderr
    refusal = second.stderr.strip().splitlines()[-1]
    assert refusal.startswith("sandbox: error: another update of stack dev is running (pid ")
    assert "Traceback" not in second.stderr
    assert counts(clients) == ONE_OF_EACH, inventory(clients)


# ------------------------------------------------- lost or garbage files


def test_a_lost_or_garbage_record_starts_no_second_emulator_and_down_stops_only_its_own(
    own_sandbox,
):
    mine, other = own_sandbox("mine"), own_sandbox("other")
    record, other_record = mine.emulator.start(), other.emulator.start()
    for damage in ("delete", "garbage", "another sandbox's"):
        if damage == "delete":
            mine.emulator.record_path.unlink()
        elif damage == "garbage":
            mine.emulator.record_path.write_text("{not json")
        else:  # the other emulator's record copied over: still ours is found, not theirs
            shutil.copy(other.emulator.record_path, mine.emulator.record_path)
        done = sandbox_cli(mine.home, "status")
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout)["emulator"]["pid"] == record.pid, damage
        assert mine.emulator.start().pid == record.pid, damage
    done = sandbox_cli(mine.home, "down")
    assert done.returncode == 0, done.stderr
    assert mine.emulator.running() is None
    assert (
        not Path(f"/proc/{record.pid}").exists()
        or "Z" in Path(f"/proc/{record.pid}/stat").read_text().split()[2]
    )
    assert other.emulator.running() == other_record, "down stopped another sandbox's emulator"


def test_a_garbage_state_file_is_one_sentence(own_sandbox):
    garbled = own_sandbox("garbled")
    garbled.stack("dev").up()
    (state,) = (garbled.backend_dir / ".pulumi" / "stacks").rglob("dev.json")
    state.write_text("this is not a checkpoint")
    done = sandbox_cli(garbled.home, "up", "--stack", "dev")
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("sandbox: error: "), done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert "dev" in lines[0]


@pytest.mark.parametrize("name", ["../../x", "/etc/cron.d/x", "dev/../../x", "", "-dev", "a" * 101])
def test_a_stack_name_that_leads_outside_the_sandbox_is_refused(own_sandbox, tmp_path, name):
    home = own_sandbox("names").home
    before = sorted(p for p in tmp_path.rglob("*"))
    repo_before = sorted(str(p) for p in REPO_ROOT.iterdir())
    done = sandbox_cli(home, "up", f"--stack={name}")
    assert done.returncode == 1
    assert done.stderr.strip() == (
        f"sandbox: error: --stack is {name!r}; it must be 1 to 100 letters, digits, _ or -, starting with "
        "a letter or digit (the name of a Pulumi.<stack>.yaml in the project)"
    )
    assert sorted(p for p in tmp_path.rglob("*")) == before
    assert sorted(str(p) for p in REPO_ROOT.iterdir()) == repo_before


# ------------------------------------------------- the shell's own AWS settings


@pytest.mark.skipif(
    shutil.which("unshare") is None, reason="needs unshare(1) for a loopback-only network"
)
def test_shell_credentials_never_matter_and_only_loopback_is_used(own_sandbox):
    """In a network namespace with nothing but loopback, and with a missing profile and
    foreign credentials in the environment, `up` and `check` still pass: the sandbox
    reached nothing but 127.0.0.1."""
    probe = subprocess.run(["unshare", "-n", "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip(f"unshare -n is not permitted here: {probe.stderr.decode().strip()}")
    home = own_sandbox("offline").home
    script = (
        "ip link set lo up; "
        f"{sys.executable} -m sandbox up --stack dev && {sys.executable} -m sandbox check --stack dev; "
        f"status=$?; {sys.executable} -m sandbox down >/dev/null; exit $status"
    )
    env = {**os.environ, **FOREIGN_AWS, "COGNITO_AUTH_SANDBOX_HOME": str(home)}
    done = subprocess.run(["unshare", "-n", "sh", "-c", script], cwd=REPO_ROOT, env=env,
                          capture_output=True, text=True, timeout=300)  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert "7 passed, 0 failed" in done.stdout
    assert "Traceback" not in done.stderr
