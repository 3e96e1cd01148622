"""CognitoAuth used directly from Python, as another program would."""

import pulumi
import pytest

from components import CognitoAuth, ConfigError
from offline import evaluate


def _outputs(auth: CognitoAuth) -> dict:
    return {name: getattr(auth, name) for name in (
        "user_pool_id", "user_pool_arn", "client_id", "issuer_url", "jwks_url", "region",
        "trigger_function_name", "trigger_function_arns")}  # fmt: skip


def test_defaults_alone_build_the_seed_setup(fake_aws, monitor):
    out = evaluate(fake_aws, lambda: _outputs(CognitoAuth("auth", {})), monitor=monitor)
    assert None not in out.values()
    pool = fake_aws.one("aws:cognito/userPool:UserPool").inputs
    assert pool["name"] == "auth"
    assert pool["deletionProtection"] == "INACTIVE"
    assert pool["lambdaConfig"]["preSignUp"] == out["trigger_function_arns"]["PreSignUp"]
    variables = fake_aws.one("aws:lambda/function:Function").inputs["environment"]["variables"]
    assert variables == {"AUTO_CONFIRM_USERS": "true", "AUTO_VERIFY_EMAIL": "false",
                         "ALLOWED_EMAIL_DOMAINS": ""}  # fmt: skip
    assert monitor.request_for("aws:cognito/userPool:UserPool").protect is False


def test_args_reach_the_resources(fake_aws):
    args = {
        "user_pool_name": "Shop users",
        "password_minimum_length": 12,
        "auth_flows": ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        "allowed_email_domains": ["example.com", "example.org"],
        "trigger_timeout_seconds": 5,
        "trigger_architecture": "x86_64",
        "ses_source_arn": "arn:aws:ses:us-east-1:123456789012:identity/example.com",
        "email_from": "Shop <no-reply@example.com>",
        "user_pool_tier": "PLUS",
        "threat_protection": "ENFORCED",
        "refresh_token_validity_hours": 24,
    }
    evaluate(fake_aws, lambda: _outputs(CognitoAuth("shop", args)))
    pool = fake_aws.one("aws:cognito/userPool:UserPool").inputs
    client = fake_aws.one("aws:cognito/userPoolClient:UserPoolClient").inputs
    function = fake_aws.named("shop-pre-sign-up").inputs
    # The allow-list also holds at sign-in, where a changed email would otherwise slip by.
    token_check = fake_aws.named("shop-pre-token-generation").inputs
    assert (
        pool["lambdaConfig"]["preTokenGenerationConfig"]["lambdaArn"]
        == fake_aws.states["shop-pre-token-generation"]["arn"]
    )
    assert token_check["environment"]["variables"]["ALLOWED_EMAIL_DOMAINS"] == (
        "example.com,example.org"
    )
    assert pool["name"] == "Shop users"
    assert pool["passwordPolicy"]["minimumLength"] == 12
    assert pool["emailConfiguration"] == {
        "emailSendingAccount": "DEVELOPER",
        "sourceArn": args["ses_source_arn"],
        "fromEmailAddress": "Shop <no-reply@example.com>",
    }
    assert pool["userPoolAddOns"] == {"advancedSecurityMode": "ENFORCED"}
    assert pool["userPoolTier"] == "PLUS"
    assert client["explicitAuthFlows"] == ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
    assert client["refreshTokenValidity"] == 24
    assert function["timeout"] == 5 and function["architectures"] == ["x86_64"]
    assert (
        function["environment"]["variables"]["ALLOWED_EMAIL_DOMAINS"] == "example.com,example.org"
    )


@pytest.mark.parametrize("only", [False, True])
def test_admin_create_user_only_reaches_the_pool(fake_aws, only):
    evaluate(fake_aws, lambda: _outputs(CognitoAuth("auth", {"admin_create_user_only": only})))
    pool = fake_aws.one("aws:cognito/userPool:UserPool").inputs
    assert pool["adminCreateUserConfig"] == {"allowAdminCreateUserOnly": only}


def test_inputs_may_be_outputs_of_other_resources(fake_aws):
    domains = pulumi.Output.from_input(["example.com"])
    evaluate(fake_aws, lambda: _outputs(CognitoAuth("auth", {"allowed_email_domains": domains})))
    for function in ("auth-pre-sign-up", "auth-pre-token-generation"):
        variables = fake_aws.named(function).inputs["environment"]["variables"]
        assert variables["ALLOWED_EMAIL_DOMAINS"] == "example.com"


def test_protect_guards_the_pool_three_ways(fake_aws, monitor):
    evaluate(fake_aws, lambda: _outputs(CognitoAuth("auth", {"protect": True})), monitor=monitor)
    request = monitor.request_for("aws:cognito/userPool:UserPool")
    assert (request.protect, request.retainOnDelete) == (True, True)
    assert fake_aws.one("aws:cognito/userPool:UserPool").inputs["deletionProtection"] == "ACTIVE"
    # What users and apps hold on to (the pool, a client's id, a group's members) is
    # protected; the functions, roles and permissions stay replaceable.
    kept = ("userPool:", "userPoolClient:", "userGroup:", "userPoolDomain:")
    others = [
        r
        for r in monitor.requests
        if r.type.startswith("aws:") and not any(k in r.type for k in kept)
    ]
    assert others and not any(r.protect for r in others)
    assert monitor.request_for("aws:cognito/userPoolClient:UserPoolClient").protect is True


def test_protect_keeps_every_client_group_and_domain(fake_aws, monitor):
    args = {"protect": True, "groups": {"admins": {}, "staff": {}},
            "clients": {"spa": {"public": True}}, "domain_prefix": "shop-login"}  # fmt: skip
    evaluate(fake_aws, lambda: _outputs(CognitoAuth("auth", args)), monitor=monitor)
    kept = [r for r in monitor.requests if r.type in (
        "aws:cognito/userPoolClient:UserPoolClient", "aws:cognito/userGroup:UserGroup",
        "aws:cognito/userPoolDomain:UserPoolDomain")]  # fmt: skip
    assert sorted(r.name for r in kept) == [
        "auth-admins-group", "auth-app-client", "auth-domain", "auth-spa-client",
        "auth-staff-group"]  # fmt: skip
    assert all(r.protect for r in kept)
    # Protection is the engine's refusal to delete; only the pool is also kept in AWS
    # when its resource goes away.
    assert not any(r.retainOnDelete for r in kept)


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (
            {"trigger_timeout_seconds": 10},
            "trigger_timeout_seconds is 10; it must be a whole number from 1 to 5",
        ),
        ({"mfa": "ON"}, 'mfa is "ON" but no MFA factor is configured: set mfa_totp to true'),
        ({"auth_flow": ["ALLOW_USER_SRP_AUTH"]}, "auth_flow is not a setting of CognitoAuth"),
    ],
)
def test_python_callers_get_errors_in_their_own_names(fake_aws, monitor, args, fragment):
    with pytest.raises(ConfigError) as error:
        evaluate(fake_aws, lambda: _outputs(CognitoAuth("auth", args)), monitor=monitor)
    assert fragment in str(error.value)
    assert fake_aws.resources == []


@pytest.mark.parametrize("name", ["", "has space", "x" * 41, "slash/name"])
def test_component_name_must_fit_function_names(fake_aws, name):
    with pytest.raises(ConfigError, match="name is"):
        evaluate(fake_aws, lambda: _outputs(CognitoAuth(name, {})))
    assert fake_aws.resources == []


def test_protect_must_be_known_before_deployment(fake_aws):
    late = pulumi.Output.from_input(True)
    with pytest.raises(ConfigError, match="protect must be a plain value"):
        evaluate(fake_aws, lambda: _outputs(CognitoAuth("auth", {"protect": late})))
    assert fake_aws.resources == []


@pytest.mark.parametrize(
    ("clients", "warned"),
    [
        ({"spa": {}}, True),
        ({"app": {}, "spa": {}}, False),
        ({"app": {"enabled": False}, "spa": {}}, False),
    ],
)
def test_a_kept_app_client_is_said_out_loud(fake_aws, caplog, clients, warned):
    evaluate(fake_aws, lambda: _outputs(CognitoAuth("auth", {"clients": clients})))
    notes = [r.getMessage() for r in caplog.records if "does not name app" in r.getMessage()]
    assert notes == ([
        "clients does not name app, so the default clients.app is kept beside its entries: apps "
        "may hold its id, and it is a public client (sign-up and sign-in need no secret); set "
        "clients.app.enabled to false to remove it"
    ] if warned else [])  # fmt: skip
    names = sorted(
        c.inputs["name"] for c in fake_aws.of_type("aws:cognito/userPoolClient:UserPoolClient")
    )
    assert names == (["app", "spa"] if clients.get("app", {}).get("enabled", True) else ["spa"])
