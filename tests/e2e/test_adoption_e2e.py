"""Adopting a pool made outside Pulumi (the seed's CloudFormation: a named pool, a client
with the tutorial's three flows, no trigger), through the real engine into ministack:
`pulumi up` with the adoption settings imports it (its id unchanged), attaches the
PreSignUp trigger with its permission, keeps its users signing in, and a following
preview replaces nothing. A setting that does not describe the pool is refused before
anything changes, naming the setting."""

import json
import secrets

import pytest

from sandbox import EmulatorClients, SandboxError

from .conftest import forget, settings

PASSWORD = "Test1234!"  # the seed's
SEED_FLOWS = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]


def _seed_pool(idp, name: str) -> tuple[str, str]:
    """What the seed's serverless.yml asks CloudFormation for, made directly with boto3:
    AWS::Cognito::UserPool with only UserPoolName, and AWS::Cognito::UserPoolClient with
    the tutorial's ExplicitAuthFlows (no secret, no trigger)."""
    pool_id = idp.create_user_pool(PoolName=name)["UserPool"]["Id"]
    client_id = idp.create_user_pool_client(
        UserPoolId=pool_id, ClientName=f"{name}-client", ExplicitAuthFlows=SEED_FLOWS
    )["UserPoolClient"]["ClientId"]
    return pool_id, client_id


def _signed_up_and_confirmed(idp, pool_id: str, client_id: str) -> str:
    # As the tutorial's curl: a username that is an address, no attributes; then an
    # administrator confirms the UNCONFIRMED user (the console's "confirm account").
    username = f"seed+{secrets.token_hex(4)}@example.com"
    answer = idp.sign_up(ClientId=client_id, Username=username, Password=PASSWORD)
    assert answer["UserConfirmed"] is False
    idp.admin_confirm_sign_up(UserPoolId=pool_id, Username=username)
    return username


def _sign_in(idp, client_id: str, username: str) -> dict:
    return idp.initiate_auth(
        ClientId=client_id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": username, "PASSWORD": PASSWORD},
    )["AuthenticationResult"]


def _adoption(pool_id: str, name: str, client_id: str, **more) -> dict:
    """The settings that describe the seed's pool as it is (README: Adopting a pool)."""
    described = {
        "importUserPoolId": pool_id,
        "userPoolName": name,
        "usernameAttributes": [],
        "usernameCaseSensitive": True,
        "clients": {"app": {"importId": client_id}},
    }
    return settings(**{**described, **more})


@pytest.fixture
def idp(emulator):
    return EmulatorClients(emulator.running().endpoint)("cognito-idp")


@pytest.fixture
def adopting(sandbox, emulator):
    made = []

    def stack(name: str, config: dict):
        made.append(sandbox.stack(name, stack_file="dev", config=config))
        return made[-1]

    yield stack
    for stack in made:
        forget(stack)


def test_a_seed_pool_is_adopted_with_its_users(idp, emulator, adopting):
    name = f"seed-{secrets.token_hex(3)}-user-pool"
    pool_id, client_id = _seed_pool(idp, name)
    existing = _signed_up_and_confirmed(idp, pool_id, client_id)
    assert idp.describe_user_pool(UserPoolId=pool_id)["UserPool"]["LambdaConfig"] == {}

    stack = adopting("e2e-adopt", _adoption(pool_id, name, client_id))
    result = stack.up()
    changes = result.summary.resource_changes
    assert changes.get("import") == 2, changes  # the pool and its client
    assert "delete" not in changes and "replace" not in changes, changes

    outputs = stack.outputs()
    assert outputs["userPoolId"] == pool_id and outputs["clientId"] == client_id
    pool = idp.describe_user_pool(UserPoolId=pool_id)["UserPool"]
    assert pool["Name"] == name
    trigger = outputs["triggerFunctionArns"]["PreSignUp"]
    assert pool["LambdaConfig"]["PreSignUp"] == trigger
    # Its invoke permission: Cognito, this pool, this account.
    clients = EmulatorClients(emulator.running().endpoint)
    policy = json.loads(clients("lambda").get_policy(FunctionName=trigger)["Policy"])
    (statement,) = policy["Statement"]
    assert statement["Principal"] == {"Service": "cognito-idp.amazonaws.com"}
    assert statement["Action"] == "lambda:InvokeFunction"
    assert statement["Condition"]["ArnLike"]["AWS:SourceArn"] == outputs["userPoolArn"]
    account = clients("sts").get_caller_identity()["Account"]
    assert statement["Condition"]["StringEquals"]["AWS:SourceAccount"] == account
    # The adopted pool is protected in the state: no destroy or replacement can delete it.
    state = {r["type"]: r for r in stack.export()["deployment"]["resources"]}
    assert state["aws:cognito/userPool:UserPool"].get("protect") is True

    # The user made before the adoption signs in; a new sign-up is confirmed by the trigger.
    assert _sign_in(idp, client_id, existing)["AccessToken"]
    newcomer = f"new+{secrets.token_hex(4)}@example.com"
    assert idp.sign_up(ClientId=client_id, Username=newcomer, Password=PASSWORD)["UserConfirmed"]
    assert idp.admin_get_user(UserPoolId=pool_id, Username=newcomer)["UserStatus"] == "CONFIRMED"

    # A following preview replaces (and deletes) nothing: the pool is simply managed now.
    preview = stack.preview(diff=True)
    assert set(preview.change_summary) == {"same"}, preview.change_summary


def test_a_mismatched_setting_is_refused_before_anything_changes(idp, adopting):
    name = f"seed-{secrets.token_hex(3)}-user-pool"
    pool_id, client_id = _seed_pool(idp, name)
    existing = _signed_up_and_confirmed(idp, pool_id, client_id)
    before = idp.describe_user_pool(UserPoolId=pool_id)["UserPool"]

    # The stack forgot the pool's name, and describes it with email usernames.
    stack = adopting(
        "e2e-adopt-mismatch",
        _adoption(pool_id, "renamed-pool", client_id, usernameAttributes=["email"]),
    )
    with pytest.raises(SandboxError) as refused:
        stack.up()
    message = str(refused.value)
    where = f"cognito-auth:importUserPoolId ({pool_id})"
    assert (
        f'cognito-auth:userPoolName is "renamed-pool", but the pool of {where} is named '
        f'"{name}": set it to "{name}"'
    ) in message, message
    assert (
        f'cognito-auth:usernameAttributes is ["email"], but the pool of {where} has []'
    ) in message, message

    # Nothing changed: the pool as it was, no trigger, its user still signs in, and the
    # stack holds no resource.
    after = idp.describe_user_pool(UserPoolId=pool_id)["UserPool"]
    assert (after["Name"], after["LambdaConfig"]) == (before["Name"], {})
    assert after["LastModifiedDate"] == before["LastModifiedDate"]
    assert idp.admin_get_user(UserPoolId=pool_id, Username=existing)["UserStatus"] == "CONFIRMED"
    assert _sign_in(idp, client_id, existing)["AccessToken"]
    resources = stack.export()["deployment"].get("resources") or []
    assert [r["type"] for r in resources if not r["type"].startswith("pulumi:")] == []


def test_a_difference_the_data_source_cannot_show_is_refused_by_the_engine(idp, adopting):
    """Case sensitivity is not in getUserPool: the program cannot compare it, but the
    adopted pool is protected, so the replacement it would need is refused at preview."""
    name = f"seed-{secrets.token_hex(3)}-user-pool"
    pool_id = idp.create_user_pool(PoolName=name, UsernameConfiguration={"CaseSensitive": False})[
        "UserPool"
    ]["Id"]
    client_id = idp.create_user_pool_client(
        UserPoolId=pool_id, ClientName=f"{name}-client", ExplicitAuthFlows=SEED_FLOWS
    )["UserPoolClient"]["ClientId"]
    existing = _signed_up_and_confirmed(idp, pool_id, client_id)

    # usernameCaseSensitive: true leaves UsernameConfiguration out; this pool has one.
    stack = adopting("e2e-adopt-case", _adoption(pool_id, name, client_id))
    lines: list[str] = []
    with pytest.raises(SandboxError) as refused:
        stack.up(on_output=lines.append)
    assert "as it is currently marked for protection" in "\n".join(lines)
    # The sandbox's sentence names the difference and its setting, not "remove protect".
    assert str(refused.value) == (
        "`pulumi up` of stack e2e-adopt-case refused to replace the user pool auth-user-pool, "
        "which would delete its users: it is marked for protection, so nothing changed. The "
        "settings differ from the pool in usernameConfiguration (map[caseSensitive:{false}] "
        "=> <nil>), written by usernameCaseSensitive: write the setting as the pool has it, "
        "rather than removing the protection"
    )
    assert idp.describe_user_pool(UserPoolId=pool_id)["UserPool"]["LambdaConfig"] == {}
    assert _sign_in(idp, client_id, existing)["AccessToken"]
