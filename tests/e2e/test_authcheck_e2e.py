"""The auth check against the real program in the emulator: `python -m sandbox check` and
`python -m authcheck` as a user runs them, and run_check in-process for the failures that
need a wrong input. Stacks come from the session's `deploy` fixture, shared with
test_seed_flow.py (same names, same config), so each is created once."""

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from botocore.exceptions import ClientError

from authcheck import cli, run_check
from functions.pre_sign_up import REFUSAL_MESSAGE

REPO_ROOT = Path(__file__).resolve().parents[2]
STEPS = [
    "sign up",
    "user confirmed",
    "USER_PASSWORD_AUTH",
    "USER_SRP_AUTH",
    "REFRESH_TOKEN_AUTH",
    "verify tokens",
    "delete test user",
]
# A shell with real AWS credentials, none of which may be used against the emulator.
REAL_LOOKING_CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE",
    "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
}


def no_credentials_env() -> dict:
    """This environment minus any AWS credentials, so `python -m authcheck` uses its dummy ones."""
    credentials = {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE"}
    env = {k: v for k, v in os.environ.items() if k not in credentials}
    return {**env, "AWS_CONFIG_FILE": os.devnull, "AWS_SHARED_CREDENTIALS_FILE": os.devnull}


def run(module: str, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", module, *args],
        cwd=REPO_ROOT,
        env=env or no_credentials_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )


def json_report(done: subprocess.CompletedProcess) -> dict:
    assert done.stdout.startswith("{"), done.stdout + done.stderr
    return json.loads(done.stdout)


def outputs_file(deployed, folder: Path) -> str:
    """The stack's outputs as `pulumi stack output --json --show-secrets` prints them."""
    path = folder / f"{deployed.stack}-outputs.json"
    path.write_text(json.dumps(deployed.outputs))
    return str(path)


def statuses(doc: dict) -> list[tuple[str, str]]:
    return [(s["name"], s["status"]) for s in doc["steps"]]


def assert_user_gone(deployed, username: str) -> None:
    with pytest.raises(ClientError, match="UserNotFoundException"):
        deployed.idp.admin_get_user(UserPoolId=deployed.pool_id, Username=username)


def test_sandbox_check_passes_on_dev(dev):
    # Real-looking credentials in the shell: the sandbox must use the emulator's own.
    done = run(
        "sandbox", "check", "--stack", dev.stack, "--json",
        env={**no_credentials_env(), **REAL_LOOKING_CREDENTIALS},
    )  # fmt: skip
    doc = json_report(done)
    assert done.returncode == 0, done.stdout
    assert statuses(doc) == [(name, "passed") for name in STEPS]
    assert doc["summary"] == {
        "passed": 7,
        "failed": 0,
        "skipped": 0,
        "not_run": 0,
        "text": "7 passed, 0 failed",
        "exit_code": 0,
    }
    details = {s["name"]: s["detail"] for s in doc["steps"]}
    assert details["user confirmed"] == "CONFIRMED at sign-up by the PreSignUp trigger"
    assert details["verify tokens"].startswith(f"6 tokens: RS256 signature via {dev.jwks_url}")
    assert doc["target"]["userPoolId"] == dev.pool_id
    assert doc["target"]["issuer"] == dev.outputs["issuerUrl"]
    assert doc["user"]["deleted"] is True and doc["user"]["kept"] is False
    assert_user_gone(dev, doc["user"]["username"])


def test_without_auto_confirm_the_user_is_confirmed_by_admin(deploy, capsys, tmp_path):
    prod = deploy("e2e-prod", stack_file="prod")
    argv = ["--outputs", outputs_file(prod, tmp_path), "--endpoint-url", prod.endpoint, "--json"]
    exit_code = cli.main(argv, idp=prod.idp)
    doc = json.loads(capsys.readouterr().out)
    assert exit_code == 0, doc
    assert statuses(doc) == [(name, "passed") for name in STEPS]
    assert doc["steps"][1]["detail"] == "confirmed by admin; trigger did not auto-confirm"


def test_expect_auto_confirm_fails_when_the_admin_had_to_confirm(deploy, tmp_path):
    prod = deploy("e2e-prod", stack_file="prod")
    done = run(
        "authcheck", "--outputs", outputs_file(prod, tmp_path), "--endpoint-url", prod.endpoint,
        "--expect-auto-confirm", "--json",
    )  # fmt: skip
    doc = json_report(done)
    assert done.returncode == 1, done.stdout
    assert doc["steps"][1] == {
        "name": "user confirmed",
        "ok": False,
        "status": "failed",
        "ms": doc["steps"][1]["ms"],
        "detail": "confirmed by admin; trigger did not auto-confirm",
    }
    # Confirmed anyway, so every sign-in still reports.
    assert statuses(doc)[2:] == [(name, "passed") for name in STEPS[2:]]
    assert doc["summary"]["text"] == "6 passed, 1 failed"
    assert_user_gone(prod, doc["user"]["username"])


def test_srp_only_client_skips_the_password_flow(deploy, capsys, tmp_path):
    srp_only = deploy("e2e-srp-only", authFlows=["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])
    argv = ["--outputs", outputs_file(srp_only, tmp_path), "--endpoint-url", srp_only.endpoint]
    exit_code = cli.main([*argv, "--json"], idp=srp_only.idp)
    doc = json.loads(capsys.readouterr().out)
    assert exit_code == 0, doc
    assert statuses(doc) == [
        ("sign up", "passed"),
        ("user confirmed", "passed"),
        ("USER_PASSWORD_AUTH", "skipped"),
        ("USER_SRP_AUTH", "passed"),
        ("REFRESH_TOKEN_AUTH", "passed"),
        ("verify tokens", "passed"),
        ("delete test user", "passed"),
    ]
    assert doc["steps"][2]["detail"] == "the app client does not allow USER_PASSWORD_AUTH"
    assert doc["steps"][5]["detail"].startswith("4 tokens")
    assert doc["summary"]["text"] == "6 passed, 0 failed, 1 skipped"


def test_unreachable_endpoint_is_one_sentence(dev, capsys, tmp_path):
    with socket.socket() as s:  # a loopback port nobody listens on once closed
        s.bind(("127.0.0.1", 0))
        endpoint = f"http://127.0.0.1:{s.getsockname()[1]}"
    exit_code = cli.main(["--outputs", outputs_file(dev, tmp_path), "--endpoint-url", endpoint])
    out = capsys.readouterr().out
    assert exit_code == 1, out
    lines = out.splitlines()
    assert [line for line in lines if endpoint in line] == [lines[0]], out
    assert lines[0].startswith("✗ sign up")
    assert lines[0].endswith(
        f"sign up: EndpointConnectionError: endpoint {endpoint}/ is unreachable"
    )
    assert lines[-1] == "0 passed, 1 failed, 6 not run"


def test_wrong_issuer_fails_the_token_step_and_still_cleans_up(dev):
    wrong = dev.outputs["issuerUrl"].rsplit("/", 1)[0] + "/us-east-1_Wrong"
    report = run_check(
        dev.pool_id, dev.client_id, endpoint_url=dev.endpoint, issuer_url=wrong, idp=dev.idp
    )
    assert report.exit_code == 1, report.render_text()
    got = {s.name: s for s in report.steps}
    assert got["verify tokens"].status == "failed"
    detail = got["verify tokens"].detail
    assert detail.startswith("verify tokens: id token from USER_PASSWORD_AUTH: ")
    assert f"iss is {dev.outputs['issuerUrl']!r}, expected {wrong!r}" in detail
    assert detail.endswith("(and 5 more)")  # every token of every flow is checked
    assert [s.status for s in report.steps if s.name != "verify tokens"] == ["passed"] * 6
    assert_user_gone(dev, report.user["username"])


def test_refused_sign_up_stops_the_check_and_leaves_no_user(deploy):
    listed = deploy("e2e-allowlist", allowedEmailDomains=["example.com"])
    report = run_check(
        listed.pool_id,
        listed.client_id,
        endpoint_url=listed.endpoint,
        email_domain="evil.com",
        idp=listed.idp,
    )
    assert report.exit_code == 1
    sign_up = report.steps[0]
    assert sign_up.status == "failed"
    assert sign_up.detail.startswith(
        "sign up: UserLambdaValidationException: the PreSignUp trigger failed"
    )
    assert REFUSAL_MESSAGE in sign_up.detail
    assert [s.status for s in report.steps[1:]] == ["not run"] * 6
    assert listed.idp.list_users(UserPoolId=listed.pool_id)["Users"] == []
