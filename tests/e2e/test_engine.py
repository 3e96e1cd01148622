"""What only the real engine shows: an update versus a replacement, what `protect` stops,
the policy pack run by the CLI, and config as the CLI reads it."""

import json
import secrets
from pathlib import Path

import pytest
from botocore.exceptions import ClientError

from offline.stack_config import StackConfigError, load_stack_config
from sandbox import SandboxError
from sandbox.engine import SandboxStack

REPO_ROOT = Path(__file__).resolve().parents[2]
POLICY_PACK = str(REPO_ROOT / "policy")
PASSWORD = "Test1234!"


def _email() -> str:
    return f"engine+{secrets.token_hex(4)}@example.com"


def _sign_in(deployed, email: str, password: str = PASSWORD) -> dict:
    return deployed.idp.initiate_auth(
        ClientId=deployed.client_id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": email, "PASSWORD": password},
    )["AuthenticationResult"]


def _pool(deployed) -> dict:
    return deployed.idp.describe_user_pool(UserPoolId=deployed.pool_id)["UserPool"]


def _user_status(deployed, email: str) -> str:
    return deployed.idp.admin_get_user(UserPoolId=deployed.pool_id, Username=email)["UserStatus"]


def test_an_in_place_change_is_an_update_and_users_still_sign_in(deploy):
    stack = deploy("e2e-update")
    email = _email()
    stack.idp.sign_up(ClientId=stack.client_id, Username=email, Password=PASSWORD)

    # As a user would: `pulumi config set`, then `pulumi up`.
    stack.handle.config_set("cognito-auth:passwordMinimumLength", "10")
    assert stack.handle.config_json()["cognito-auth:passwordMinimumLength"]["value"] == "10"
    result = stack.handle.up(sync=False)

    changes = result.summary.resource_changes
    assert changes.get("update") == 1, changes
    assert set(changes) == {"update", "same"}, changes
    assert stack.handle.outputs()["userPoolId"] == stack.pool_id
    assert _pool(stack)["Policies"]["PasswordPolicy"]["MinimumLength"] == 10
    # The user made before the change still signs in; the new policy holds for new ones.
    assert _sign_in(stack, email)["AccessToken"]
    with pytest.raises(ClientError, match="InvalidPasswordException"):
        stack.idp.sign_up(ClientId=stack.client_id, Username=_email(), Password="Short123!")


def test_a_protected_pool_survives_a_replacing_change_and_a_destroy(deploy):
    prod = deploy("e2e-protected", stack_file="prod")
    email = _email()
    prod.idp.sign_up(ClientId=prod.client_id, Username=email, Password=PASSWORD)
    # prod confirms by code; ministack's code is always 123456.
    prod.idp.confirm_sign_up(ClientId=prod.client_id, Username=email, ConfirmationCode="123456")
    name = _pool(prod)["Name"]

    prod.handle.config_set("cognito-auth:userPoolName", "e2e-protected-renamed")
    lines: list[str] = []
    with pytest.raises(SandboxError) as refused:
        prod.handle.up(sync=False, on_output=lines.append)
    message = str(refused.value) + "\n".join(lines)
    assert "as it is currently marked for protection" in message, message
    assert _pool(prod)["Name"] == name
    assert _user_status(prod, email) == "CONFIRMED"

    destroyed = prod.handle.pulumi("destroy", "--yes", check=False)
    assert destroyed.returncode != 0
    assert "protected" in destroyed.stdout + destroyed.stderr, destroyed.stdout + destroyed.stderr
    assert _pool(prod)["Name"] == name and _pool(prod)["DeletionProtection"] == "ACTIVE"
    assert _user_status(prod, email) == "CONFIRMED"
    assert _sign_in(prod, email)["IdToken"]


def test_a_protected_stack_refuses_to_drop_a_client_or_rename_a_group(deploy):
    prod = deploy("e2e-protected-kept", stack_file="prod", groups={"staff": {}})
    client_id = prod.client_id
    # The app client removed explicitly (it is kept unless the stack says so), a group renamed.
    prod.handle.config_set("cognito-auth:clients.app.enabled", "false", path=True)
    prod.handle.config_set("cognito-auth:clients.web.public", "true", path=True)
    prod.handle.config_set("cognito-auth:groups.team.precedence", "1", path=True)
    prod.handle.pulumi("config", "rm", "--path", "cognito-auth:groups.staff")
    lines: list[str] = []
    with pytest.raises(SandboxError) as refused:
        prod.handle.up(sync=False, on_output=lines.append)
    message = str(refused.value) + "\n".join(lines)
    assert "cannot be deleted because it is protected" in message, message
    # Nothing was half done: the app's client id still signs users up, the group is there,
    # and the new entries were not created either.
    assert prod.idp.describe_user_pool_client(UserPoolId=prod.pool_id, ClientId=client_id)
    groups = prod.idp.list_groups(UserPoolId=prod.pool_id)["Groups"]
    assert [g["GroupName"] for g in groups] == ["staff"]
    clients = prod.idp.list_user_pool_clients(UserPoolId=prod.pool_id, MaxResults=60)
    assert [c["ClientName"] for c in clients["UserPoolClients"]] == ["app"]


def test_preview_diff_shows_the_replacement_before_anything_happens(deploy):
    stack = deploy("e2e-rename")
    before = _pool(stack)
    stack.handle.config_set("cognito-auth:userPoolName", "e2e-renamed")
    lines: list[str] = []
    result = stack.handle.preview(diff=True, sync=False, on_output=lines.append)
    text = "\n".join(lines)
    assert "+-aws:cognito/userPool:UserPool: (replace)" in text, text
    assert "~ name" in text and '"e2e-renamed"' in text, text
    assert result.change_summary.get("replace", 0) >= 1, result.change_summary
    # A preview changes nothing.
    after = _pool(stack)
    assert (after["Id"], after["Name"]) == (before["Id"], before["Name"])


# --- the policy pack, run by the CLI -------------------------------------------------------


def _policy_lines(lines: list[str]) -> list[str]:
    """The violations the CLI printed, as "[level]  policy  (type: resource)"."""
    text = "\n".join(lines)
    return [
        line.strip().removeprefix("- ")
        for line in text.splitlines()
        if "[mandatory]" in line or "[advisory]" in line
    ]


@pytest.mark.parametrize(
    "stack_name, expected",
    [
        ("dev", []),
        # The two advisories the README promises production stacks, and nothing mandatory.
        (
            "prod",
            [
                "[advisory]  cognito-production-email",
                "[advisory]  cognito-production-password-auth",
            ],
        ),
    ],
)
def test_the_policy_pack_passes_every_mandatory_rule(own_sandbox, stack_name, expected):
    stack = own_sandbox(f"policy-{stack_name}").stack(stack_name)
    lines: list[str] = []
    stack.preview(policy_packs=[POLICY_PACK], on_output=lines.append)
    found = _policy_lines(lines)
    assert [line.split("  (", 1)[0] for line in found] == expected, "\n".join(lines)
    assert "Policies:" in "\n".join(lines)


def test_the_policy_pack_refuses_an_unprotected_production_stack(own_sandbox):
    stack = own_sandbox("policy-broken").stack(
        "production", stack_file="prod", config={"cognito-auth:protect": False}
    )
    lines: list[str] = []
    with pytest.raises(SandboxError):
        stack.preview(policy_packs=[POLICY_PACK], on_output=lines.append)
    mandatory = [line for line in _policy_lines(lines) if "[mandatory]" in line]
    assert mandatory == [
        "[mandatory]  cognito-user-pool-deletion-protection  (aws:cognito:UserPool: auth-user-pool)"
    ], "\n".join(lines)


# --- config as the CLI reads it -------------------------------------------------------------

# Each row: a value as a user may write it in a stack file. The program must receive what
# `pulumi config --json` reports, and the offline loader of the mock tests must agree.
TRICKY_VALUES = {
    "off": "OFF",
    "yes": "yes",
    "on": "on",
    "true": "True",
    "tilde": "~",
    "quoted-eight": '"8"',
    "zero-eight": "08",
    "octal": "0o17",
    "old-octal": "017",
    "hex": "0x10",
    "underscores": "1_000",
    "exponent": "1e3",
    "half": ".5",
    "plus": "+8",
    "spaces": '" 8 "',
    "date": "2026-01-01",
    "big": "123456789012345678901234567890",
    "list": "[a, 1, true, OFF]",
    "nested": "{a: 1, b: [x, y], c: {d: OFF}}",
    "block": "|\n    line one\n    line two",
    "html": '"Example <no-reply@example.com> & co"',
    "list-of-html": '["<b>", "a & b"]',
}
# Declared settings, whose type the CLI checks before the program runs.
TYPED_VALUES = {
    "mfa": "OFF",
    "passwordMinimumLength": "08",
    "triggerTimeoutSeconds": "+3",
    "autoVerifyEmail": "true",
    "allowedEmailDomains": "[example.com, example.org]",
    "clients": "{app: {}, spa: {authFlows: [ALLOW_USER_SRP_AUTH]}}",
}
REFUSED_VALUES = {
    "autoConfirmUsers": ("yes", "boolean"),
    "passwordMinimumLength": ('" 8 "', "integer"),
    "triggerMemoryMb": ('"1_0"', "integer"),
    "allowedEmailDomains": ("[1, 2]", "array<string>"),
    "clients": ("[app]", "object"),
}


def _stack_file(folder: Path, values: dict[str, str], namespace: str) -> Path:
    lines = ["config:", "  aws:region: us-east-1"]
    lines += [f"  {namespace}:{key}: {text}" for key, text in values.items()]
    path = folder / "Pulumi.table.yaml"
    path.write_text("\n".join(lines) + "\n")
    return path


def _received(stack: SandboxStack, tmp_path: Path) -> dict:
    """The config the program receives, recorded by a program that only records it."""
    record = tmp_path / "received.json"

    def program():
        import pulumi.runtime.config as runtime_config

        record.write_text(json.dumps(dict(runtime_config.CONFIG.get())))

    stack.preview(program=program)
    return json.loads(record.read_text())


def _offline(path: Path, name: str) -> dict:
    project = path.parent
    (project / "Pulumi.yaml").write_text((REPO_ROOT / "Pulumi.yaml").read_text())
    return load_stack_config("table", project, stack_name=name)


@pytest.mark.parametrize(
    "namespace, values", [("probe", TRICKY_VALUES), ("cognito-auth", TYPED_VALUES)]
)
def test_the_program_receives_what_the_cli_reports_and_the_offline_loader_agrees(
    sandbox, emulator, tmp_path, namespace, values
):
    path = _stack_file(tmp_path, values, namespace)
    stack = SandboxStack(sandbox, f"e2e-config-{namespace}", path)
    try:
        received = _received(stack, tmp_path)
        reported = {key: entry["value"] for key, entry in stack.config_json().items()}
    finally:
        stack.remove()
    offline = _offline(path, stack.name)
    for key in values:
        full = f"{namespace}:{key}"
        assert received[full] == reported[full], (key, received[full], reported[full])
        assert offline[full] == reported[full], (key, offline[full], reported[full])
    # Every key, the declared defaults included, not only the rows.
    assert offline == reported
    assert {k: v for k, v in received.items() if k in reported} == reported


@pytest.mark.parametrize("key", sorted(REFUSED_VALUES))
def test_the_cli_and_the_offline_loader_refuse_the_same_values(sandbox, emulator, tmp_path, key):
    text, type_name = REFUSED_VALUES[key]
    path = _stack_file(tmp_path, {key: text}, "cognito-auth")
    stack = SandboxStack(sandbox, "e2e-config-refused", path)
    try:
        with pytest.raises(SandboxError) as refused:
            _received(stack, tmp_path)
    finally:
        stack.remove()
    sentence = (
        f"Stack 'e2e-config-refused' with configuration key '{key}' must be of type '{type_name}'"
    )
    assert sentence in str(refused.value)
    with pytest.raises(StackConfigError) as offline:
        _offline(path, stack.name)
    assert str(offline.value) == sentence


def test_config_set_path_on_nested_keys_works_as_the_readme_says(sandbox, emulator, tmp_path):
    stack = sandbox.stack("e2e-config-path", stack_file="dev")
    try:
        stack.ensure()
        stack.config_set("cognito-auth:clients.spa.authFlows[0]", "ALLOW_USER_SRP_AUTH", path=True)
        stack.config_set("cognito-auth:clients.spa.public", "true", path=True)
        stack.config_set("cognito-auth:groups.admins.precedence", "1", path=True)
        config = stack.config_json()
        assert config["cognito-auth:clients"]["objectValue"] == {
            "spa": {"authFlows": ["ALLOW_USER_SRP_AUTH"], "public": True}
        }
        assert config["cognito-auth:groups"]["objectValue"] == {"admins": {"precedence": 1}}
        lines: list[str] = []
        stack.preview(sync=False, on_output=lines.append)
        text = "\n".join(lines)
        assert "aws:cognito:UserPoolClient auth-spa-client create" in text, text
        assert "aws:cognito:UserGroup auth-admins-group create" in text, text
    finally:
        stack.remove()


def test_a_key_without_a_namespace_is_the_projects_to_the_cli_and_the_offline_loader(
    sandbox, emulator, tmp_path
):
    path = tmp_path / "Pulumi.table.yaml"
    path.write_text("config:\n  passwordMinimumLength: 12\n  protekt: true\n")
    stack = SandboxStack(sandbox, "e2e-config-bare", path)
    try:
        received = _received(stack, tmp_path)
        with pytest.raises(SandboxError) as refused:
            stack.preview()
    finally:
        stack.remove()
    assert received["cognito-auth:passwordMinimumLength"] == "12"
    assert "cognito-auth:protekt" in received and "protekt" not in received
    assert (
        "cognito-auth:protekt is not a setting of this program; did you mean cognito-auth:protect?"
        in str(refused.value)
    )
    offline = _offline(path, stack.name)
    assert offline["cognito-auth:passwordMinimumLength"] == "12"
    assert "cognito-auth:protekt" in offline
