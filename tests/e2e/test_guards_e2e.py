"""The guards, tried the way the adversarial review tried to get around them: on the real
program, deployed by the engine into ministack, with the real trigger code running."""

import os
import re
import secrets
import subprocess
import sys

import pytest
from botocore.exceptions import ClientError

from functions.pre_token_generation import REFUSAL_MESSAGE

PASSWORD = "Test1234!"


def _tokens(deployed, flow: str, parameters: dict) -> dict:
    return deployed.idp.initiate_auth(
        ClientId=deployed.client_id, AuthFlow=flow, AuthParameters=parameters
    )["AuthenticationResult"]


def _refused(call) -> str:
    with pytest.raises(ClientError) as error:
        call()
    return error.value.response["Error"]["Message"]


@pytest.fixture
def allow_listed(deploy):
    return deploy("e2e-allowlist", allowedEmailDomains=["example.com"])


def test_a_changed_email_outside_the_allow_list_never_gets_a_token(allow_listed):
    """The review's high finding: sign up inside the allow-list, change the email (the
    username) to an address outside it, then sign in under that address."""
    insider = f"ceo+{secrets.token_hex(4)}@example.com"
    outsider = f"attacker+{secrets.token_hex(4)}@evil.test"
    idp = allow_listed.idp
    assert idp.sign_up(ClientId=allow_listed.client_id, Username=insider, Password=PASSWORD)[
        "UserConfirmed"
    ]
    signed_in = _tokens(
        allow_listed, "USER_PASSWORD_AUTH", {"USERNAME": insider, "PASSWORD": PASSWORD}
    )
    idp.update_user_attributes(
        AccessToken=signed_in["AccessToken"], UserAttributes=[{"Name": "email", "Value": outsider}]
    )
    # ministack applies the change at once (AWS would keep the old address until the new
    # one is verified: the pool's setting, checked below); the address is now outside.
    user = idp.admin_get_user(UserPoolId=allow_listed.pool_id, Username=outsider)
    assert {"Name": "email", "Value": outsider} in user["UserAttributes"]

    sign_in = {"USERNAME": outsider, "PASSWORD": PASSWORD}
    assert REFUSAL_MESSAGE in _refused(lambda: _tokens(allow_listed, "USER_PASSWORD_AUTH", sign_in))
    # Tokens issued before the change cannot be renewed under the new address either.
    refresh = {"REFRESH_TOKEN": signed_in["RefreshToken"]}
    assert REFUSAL_MESSAGE in _refused(lambda: _tokens(allow_listed, "REFRESH_TOKEN_AUTH", refresh))
    # And an administrator's change is caught the same way.
    idp.admin_update_user_attributes(
        UserPoolId=allow_listed.pool_id,
        Username=outsider,
        UserAttributes=[{"Name": "email", "Value": f"x+{secrets.token_hex(4)}@sub.evil.test"}],
    )
    idp.admin_update_user_attributes(
        UserPoolId=allow_listed.pool_id,
        Username=user["Username"],
        UserAttributes=[{"Name": "email", "Value": insider}],
    )
    # Back inside the list, the same account signs in again: the refusal was the domain's.
    again = {"USERNAME": insider, "PASSWORD": PASSWORD}
    assert _tokens(allow_listed, "USER_PASSWORD_AUTH", again)["IdToken"]


def test_every_stack_keeps_the_old_email_until_the_new_one_is_verified(dev, allow_listed):
    for deployed in (dev, allow_listed):
        pool = deployed.idp.describe_user_pool(UserPoolId=deployed.pool_id)["UserPool"]
        assert pool["UserAttributeUpdateSettings"] == {
            "AttributesRequireVerificationBeforeUpdate": ["email"]
        }, deployed.stack


def test_the_allow_list_reaches_both_triggers(allow_listed):
    functions = allow_listed.clients("lambda")
    arns = allow_listed.outputs["triggerFunctionArns"]
    assert set(arns) == {"PreSignUp", "PreTokenGeneration"}
    for trigger in arns.values():
        variables = functions.get_function_configuration(FunctionName=trigger)["Environment"]
        assert variables["Variables"]["ALLOWED_EMAIL_DOMAINS"] == "example.com"


def test_a_subdomain_is_allowed_only_when_asked_for(deploy):
    wildcard = deploy("e2e-subdomains", allowedEmailDomains=["*.example.com"])
    client = wildcard.client_id
    ok = wildcard.idp.sign_up(
        ClientId=client, Username=f"a+{secrets.token_hex(4)}@sub.example.com", Password=PASSWORD
    )
    assert ok["UserConfirmed"] is True
    # "*.example.com" means its subdomains, not example.com itself: exact match otherwise.
    with pytest.raises(ClientError) as refused:
        wildcard.idp.sign_up(
            ClientId=client, Username=f"a+{secrets.token_hex(4)}@example.com", Password=PASSWORD
        )
    assert refused.value.response["Error"]["Code"] == "UserLambdaValidationException"


# --- Entry points: a settings error is its message alone ----------------------------------

LONG_INTEGER = "9" * 5000
BAD_STACK_FILES = {
    "invalid-yaml": ("config:\n  cognito-auth:mfa: [unclosed\n", "invalid YAML file"),
    "not-a-mapping": ("- a\n- b\n", "expected project to be an object"),
    "config-not-a-mapping": ("config:\n  - a\n", "cannot unmarshal !!seq"),
    "5000-digits": (
        f"config:\n  cognito-auth:passwordMinimumLength: {LONG_INTEGER}\n",
        "configuration key 'passwordMinimumLength' must be of type 'integer'",
    ),
    "program-refuses": (
        "config:\n  cognitoauth:protect: true\n",
        "cognitoauth:protect is not a setting of this program: its namespace is not "
        "cognito-auth; did you mean cognito-auth:protect?",
    ),
}


def _sandbox_cli(sandbox, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "COGNITO_AUTH_SANDBOX_HOME": str(sandbox.home)}
    return subprocess.run(
        [sys.executable, "-m", "sandbox", *args],
        cwd=sandbox.project_dir, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip


@pytest.mark.parametrize("case", list(BAD_STACK_FILES))
def test_sandbox_up_on_a_bad_stack_file_is_one_sentence_and_creates_nothing(
    sandbox, emulator, case
):
    text, fragment = BAD_STACK_FILES[case]
    name = f"e2e-bad-{case}"
    # A stack the project has no file for runs on the sandbox's own copy, as is.
    copy = sandbox.home / "stacks" / name / f"Pulumi.{name}.yaml"
    copy.parent.mkdir(parents=True, exist_ok=True)
    copy.write_text(text)
    try:
        done = _sandbox_cli(sandbox, "up", "--stack", name)
        assert done.returncode == 1, done.stdout + done.stderr
        assert "Traceback" not in done.stdout + done.stderr
        (line,) = done.stderr.strip().splitlines()
        # `pulumi up`, or `pulumi stack init` when the file cannot even hold the stack's salt.
        assert re.match(rf"sandbox: error: `pulumi (up|stack init)` of stack {name} failed", line)
        assert fragment in line and len(line) < 600, line
        stack = sandbox.stack(name)
        if stack.exists():
            deployed = stack.export()["deployment"].get("resources") or []
            assert [r for r in deployed if r["type"].startswith("aws:")] == []
    finally:
        sandbox.stack(name).remove()


def test_sandbox_up_without_a_stack_file_is_one_sentence(sandbox, emulator):
    stacks = ", ".join(
        sorted(
            p.name[len("Pulumi.") : -len(".yaml")]
            for p in sandbox.project_dir.glob("Pulumi.*.yaml")
        )
    )
    assert "dev" in stacks and "prod" in stacks, stacks
    done = _sandbox_cli(sandbox, "up", "--stack", "e2e-no-such-file")
    assert done.returncode == 1 and "Traceback" not in done.stdout + done.stderr
    assert done.stderr.strip().splitlines() == [
        f"sandbox: error: there is no stack file Pulumi.e2e-no-such-file.yaml in "
        f"{sandbox.project_dir}; stacks: {stacks}"
    ]


# --- Secrets stay masked on disk ------------------------------------------------------------


def test_a_client_secret_is_written_nowhere_in_clear(deploy, sandbox):
    confidential = deploy("e2e-confidential", clients={"server": {"public": False}})
    secret = confidential.outputs["clientSecrets"]["server"]
    assert len(secret) > 20
    assert confidential.handle.outputs()["clientSecrets"] == "[secret]"
    found = [
        str(path.relative_to(sandbox.home))
        for path in sandbox.home.rglob("*")
        # The emulator's own state is AWS's side, where the secret lives.
        if path.is_file() and "venv" not in path.parts and secret.encode() in path.read_bytes()
    ]
    assert [p for p in found if not p.startswith("state/")] == []
