"""The whole program, under each stack file: what is created and how it is wired."""

import json

import pytest

from offline import run_program
from tests.fake_aws import ACCOUNT_ID, REGION

COMPONENT = "cognito-auth:index:CognitoAuth"
POOL = "aws:cognito/userPool:UserPool"
CLIENT = "aws:cognito/userPoolClient:UserPoolClient"
FUNCTION = "aws:lambda/function:Function"
PERMISSION = "aws:lambda/permission:Permission"
ROLE = "aws:iam/role:Role"
ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy"
LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup"
ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm"


@pytest.fixture(params=["dev", "prod"])
def deployed(request, fake_aws, monitor):
    exports = run_program(fake_aws, request.param, monitor=monitor)
    return request.param, exports, fake_aws, monitor


def test_exactly_one_of_each_resource(deployed):
    _, _, aws, _ = deployed
    types = sorted(r.typ for r in aws.resources)
    # The function's three alarms (Errors, Throttles, Duration) are on by default.
    assert types == sorted([COMPONENT, POOL, CLIENT, FUNCTION, PERMISSION, ROLE,
                            ROLE_POLICY, LOG_GROUP, ALARM, ALARM, ALARM])  # fmt: skip


def test_every_export_resolves_to_a_value(deployed):
    _, exports, aws, _ = deployed
    pool_id, client_id = aws.ids["auth-user-pool"], aws.ids["auth-app-client"]
    function = aws.states["auth-pre-sign-up"]
    exports.pop("frontendConfig")  # test_frontend_config_is_amplify_v6_for_the_app_client
    assert exports == {
        "userPoolId": pool_id,
        "userPoolArn": f"arn:aws:cognito-idp:{REGION}:{ACCOUNT_ID}:userpool/{pool_id}",
        "clientId": client_id,
        "clientIds": {"app": client_id},
        "publicClients": ["app"],
        "clientSecrets": {},
        "hostedUiUrl": "",
        "groupNames": [],
        "triggerFunctionArns": {"PreSignUp": function["arn"]},
        "issuerUrl": f"https://cognito-idp.{REGION}.amazonaws.com/{pool_id}",
        "jwksUrl": f"https://cognito-idp.{REGION}.amazonaws.com/{pool_id}/.well-known/jwks.json",
        "region": REGION,
        "triggerFunctionName": function["name"],
        "identityPoolId": "",
        "authenticatedRoleArn": "",
        "unauthenticatedRoleArn": "",
        "triggerAlarmNames": [
            aws.states[f"auth-pre-sign-up-{kind}-alarm"]["name"]
            for kind in ("errors", "throttles", "duration")
        ],
        "customDomainCloudfrontTarget": "",
    }
    assert pool_id.startswith(f"{REGION}_") and client_id.startswith("client")
    assert function["name"].startswith("auth-pre-sign-up-")
    assert function["arn"] == f"arn:aws:lambda:{REGION}:{ACCOUNT_ID}:function:{function['name']}"


def test_frontend_config_is_amplify_v6_for_the_app_client(deployed):
    """No domain on these stacks: the app signs in with its own forms, so no oauth block."""
    stack, exports, aws, _ = deployed
    prod = stack == "prod"
    assert exports["frontendConfig"] == {"Auth": {"Cognito": {
        "userPoolId": aws.ids["auth-user-pool"],
        "userPoolClientId": aws.ids["auth-app-client"],
        "loginWith": {"email": True, "username": False, "phone": False},
        "signUpVerificationMethod": "code",
        "userAttributes": {"email": {"required": True}},
        "mfa": {"status": "optional" if prod else "off", "totpEnabled": prod, "smsEnabled": False},
        "passwordless": {"emailOtpEnabled": False, "smsOtpEnabled": False},
        "passwordFormat": {"minLength": 8, "requireLowercase": True, "requireUppercase": True,
                           "requireNumbers": True, "requireSpecialCharacters": True},
    }}}  # fmt: skip


def test_client_belongs_to_the_pool_with_seed_flows_and_no_secret(deployed):
    _, exports, aws, _ = deployed
    client = aws.one(CLIENT).inputs
    assert client["userPoolId"] == exports["userPoolId"]
    assert client["explicitAuthFlows"] == [
        "ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH",
    ]  # fmt: skip
    assert client["generateSecret"] is False
    assert client["preventUserExistenceErrors"] == "ENABLED"
    assert client["enableTokenRevocation"] is True
    assert client["tokenValidityUnits"] == {
        "accessToken": "minutes", "idToken": "minutes", "refreshToken": "hours",
    }  # fmt: skip


def test_pool_uses_email_as_case_insensitive_username(deployed):
    _, _, aws, _ = deployed
    pool = aws.one(POOL).inputs
    assert pool["usernameAttributes"] == ["email"]
    assert pool["usernameConfiguration"] == {"caseSensitive": False}
    assert pool["autoVerifiedAttributes"] == ["email"]
    assert pool["accountRecoverySetting"] == {
        "recoveryMechanisms": [{"name": "verified_email", "priority": 1}]
    }
    policy = pool["passwordPolicy"]
    assert policy["minimumLength"] == 8 and policy["temporaryPasswordValidityDays"] == 7
    assert all(policy[k] is True for k in ("requireLowercase", "requireUppercase",
                                           "requireNumbers", "requireSymbols"))  # fmt: skip


def test_pool_trigger_is_the_function(deployed):
    _, exports, aws, _ = deployed
    pool = aws.one(POOL).inputs
    assert pool["lambdaConfig"] == {"preSignUp": exports["triggerFunctionArns"]["PreSignUp"]}


def test_permission_lets_only_this_pool_in_this_account_invoke(deployed):
    _, exports, aws, _ = deployed
    permission = aws.one(PERMISSION).inputs
    assert permission == {
        "action": "lambda:InvokeFunction",
        "function": exports["triggerFunctionName"],
        "principal": "cognito-idp.amazonaws.com",
        "sourceArn": exports["userPoolArn"],
        "sourceAccount": ACCOUNT_ID,
    }


def test_function_is_small_fast_and_logs_to_its_retained_group(deployed):
    stack, exports, aws, _ = deployed
    function = aws.one(FUNCTION).inputs
    log_group = aws.one(LOG_GROUP).inputs
    assert function["runtime"] == "python3.13"
    assert function["architectures"] == ["arm64"]
    assert function["handler"] == "pre_sign_up.handler"
    assert 1 <= function["timeout"] <= 5
    assert function["memorySize"] == 128
    log_group_name = aws.states[aws.one(LOG_GROUP).name]["name"]
    assert function["loggingConfig"]["logGroup"] == log_group_name
    assert log_group["namePrefix"] == "/aws/lambda/auth-pre-sign-up-"
    assert log_group_name.startswith(log_group["namePrefix"])
    assert log_group["retentionInDays"] == {"dev": 7, "prod": 365}[stack]


def test_role_may_only_write_its_own_log_group(deployed):
    _, _, aws, _ = deployed
    role = aws.one(ROLE).inputs
    policy = json.loads(aws.one(ROLE_POLICY).inputs["policy"])
    assumed_by = json.loads(role["assumeRolePolicy"])["Statement"][0]["Principal"]
    assert assumed_by == {"Service": "lambda.amazonaws.com"}
    assert "managedPolicyArns" not in role
    (statement,) = policy["Statement"]
    assert statement["Action"] == ["logs:CreateLogStream", "logs:PutLogEvents"]
    log_group_name = aws.states[aws.one(LOG_GROUP).name]["name"]
    assert statement["Resource"].endswith(f":log-group:{log_group_name}:log-stream:*")
    assert "*" not in statement["Resource"].split(":log-stream:")[0]


def test_function_registers_after_its_log_group_and_policy(deployed):
    _, _, aws, monitor = deployed
    order = [r.type for r in monitor.requests]
    assert order.index(LOG_GROUP) < order.index(FUNCTION)
    assert order.index(ROLE_POLICY) < order.index(FUNCTION)
    function = monitor.request_for(FUNCTION)
    policy_urn = monitor.request_for(ROLE_POLICY)
    assert any(urn.endswith(f"{ROLE_POLICY}::{policy_urn.name}") for urn in function.dependencies)


def test_every_child_is_parented_to_the_component(deployed):
    _, _, _, monitor = deployed
    component = monitor.request_for(COMPONENT)
    children = [r for r in monitor.requests if r.type not in (COMPONENT, "pulumi:pulumi:Stack")]
    assert len(children) == 10
    component_urn = monitor.urns[component.name]
    assert component_urn.endswith(f"{COMPONENT}::{component.name}")
    for child in children:
        assert child.parent == component_urn, (child.type, child.parent)
    stack = component.parent.split("::")[0].removeprefix("urn:pulumi:")
    assert component.parent.endswith(f"::pulumi:pulumi:Stack::cognito-auth-{stack}")


def test_only_prod_protects_the_pool(deployed):
    stack, _, aws, monitor = deployed
    request = monitor.request_for(POOL)
    protected = stack == "prod"
    assert request.protect is protected
    assert request.retainOnDelete is protected
    expected = "ACTIVE" if protected else "INACTIVE"
    assert aws.one(POOL).inputs["deletionProtection"] == expected


def test_stack_settings_reach_the_trigger(deployed):
    stack, _, aws, _ = deployed
    variables = aws.one(FUNCTION).inputs["environment"]["variables"]
    assert variables == {
        "AUTO_CONFIRM_USERS": {"dev": "true", "prod": "false"}[stack],
        "AUTO_VERIFY_EMAIL": {"dev": "true", "prod": "false"}[stack],
        "ALLOWED_EMAIL_DOMAINS": "",
    }


def test_prod_offers_totp_mfa(deployed):
    stack, _, aws, _ = deployed
    pool = aws.one(POOL).inputs
    if stack == "prod":
        assert pool["mfaConfiguration"] == "OPTIONAL"
        assert pool["softwareTokenMfaConfiguration"] == {"enabled": True}
    else:
        assert pool["mfaConfiguration"] == "OFF"
        assert "softwareTokenMfaConfiguration" not in pool
