"""The policy pack (policy/): each rule on a table of resources with its exact messages, the
whole program under mocks for both stack files, and broken variants of it.

Nothing here builds the PolicyPack: that starts a gRPC server. The rules are pure
functions in policy.rules; tests/policy_harness.py feeds the real pulumi_policy policy
objects what the engine would.
"""

import ast
import datetime
import json
import subprocess
import sys
from pathlib import Path

import botocore.session
import pulumi
import pulumi_aws as aws
import pytest
import yaml
from pulumi_policy import EnforcementLevel, ResourceValidationArgs
from pulumi_policy.proxy import UNKNOWN_STRING_VALUE, unknown_checking_proxy

from offline import evaluate, run_program
from policy.rules import POLICIES, UNKNOWN, Resource, common
from policy.rules.app_client import (
    check_client_hardening,
    check_password_auth,
    check_public_clients,
)
from policy.rules.lambda_permission import check_source_scoped
from policy.rules.principals import check_principals
from policy.rules.trigger_alarms import METRIC_ALARM, check_trigger_alarms
from policy.rules.trigger_function import (
    RUNTIME_DEPRECATION,
    UNDOCUMENTED_RUNTIMES,
    check_trigger_functions,
    supported_runtimes,
    trigger_functions,
)
from policy.rules.user_pool import (
    DELETION_PROTECTION,
    check_deletion_protection,
    check_email,
    check_mfa,
)
from tests.fake_aws import ACCOUNT_ID, REGION, FakeAws
from tests.policy_harness import (
    Finding,
    PolicyMonitor,
    evaluate_policies,
    mandatory,
    run_with_policies,
    stack_resources,
)

ROOT = Path(__file__).resolve().parent.parent
# The type tokens, as the rules name them.
POOL, CLIENT = common.USER_POOL, common.APP_CLIENT
FUNCTION, PERMISSION, LOG_GROUP = common.FUNCTION, common.PERMISSION, common.LOG_GROUP
ROLE, ROLE_POLICY, IAM_POLICY = common.ROLE, common.ROLE_POLICY, common.IAM_POLICY
COMPONENT = common.COMPONENT

PROD = {"stack": "prod"}
DEV = {"stack": "dev"}
ON = {"today": "2026-11-26"}  # runtime deprecations are judged on this date in the tables


def res(type_, resource_name, /, *, urn="", parent=None, deps=None, **props) -> Resource:
    return Resource(type_, resource_name, props, urn, parent, deps or {})


# --- user pools ------------------------------------------------------------------------

DP = (
    "User pool 'pool' on production stack '{stack}' has deletion protection {value}: set "
    "deletion_protection to ACTIVE so that no delete or replacement can remove its users."
)


@pytest.mark.parametrize(
    ("props", "config", "expected"),
    [
        ({"deletionProtection": "ACTIVE"}, PROD, []),
        ({"deletionProtection": "INACTIVE"}, PROD, [DP.format(stack="prod", value="INACTIVE")]),
        ({}, PROD, [DP.format(stack="prod", value="INACTIVE")]),
        ({"deletionProtection": UNKNOWN}, PROD, []),
        ({"deletionProtection": "INACTIVE"}, DEV, []),
        ({}, {"stack": "production"}, [DP.format(stack="production", value="INACTIVE")]),
        ({}, {"stack": "acme/cognito-auth/prod"}, [DP.format(stack="acme/cognito-auth/prod", value="INACTIVE")]),
        ({}, {"stack": "live", "productionStacks": ["live"]}, [DP.format(stack="live", value="INACTIVE")]),
        ({}, {"stack": "prod", "productionStacks": ["live"]}, []),
        ({}, {"stack": ""}, []),
    ],
)  # fmt: skip
def test_deletion_protection(props, config, expected):
    assert check_deletion_protection(res(POOL, "pool", **props), config) == expected


MFA = (
    "User pool 'pool' on production stack 'prod' has MFA OFF: set mfa_configuration to "
    "OPTIONAL or ON so that users can add a second factor."
)


@pytest.mark.parametrize(
    ("props", "config", "expected"),
    [
        ({"mfaConfiguration": "OFF"}, PROD, [MFA]),
        ({}, PROD, [MFA]),
        ({"mfaConfiguration": "OPTIONAL"}, PROD, []),
        ({"mfaConfiguration": "ON"}, PROD, []),
        ({"mfaConfiguration": UNKNOWN}, PROD, []),
        ({"mfaConfiguration": "OFF"}, DEV, []),
    ],
)  # fmt: skip
def test_production_mfa(props, config, expected):
    assert check_mfa(res(POOL, "pool", **props), config) == expected


EMAIL = (
    "User pool 'pool' on production stack 'prod' sends email with COGNITO_DEFAULT, which "
    "AWS caps at a few dozen messages a day: set email_configuration to DEVELOPER with an "
    "SES identity as its source_arn."
)
SES = "arn:aws:ses:us-east-1:123456789012:identity/example.com"


@pytest.mark.parametrize(
    ("props", "config", "expected"),
    [
        ({"emailConfiguration": {"emailSendingAccount": "COGNITO_DEFAULT"}}, PROD, [EMAIL]),
        ({}, PROD, [EMAIL]),
        ({"emailConfiguration": {}}, PROD, [EMAIL]),
        ({"emailConfiguration": {"emailSendingAccount": "DEVELOPER", "sourceArn": SES}}, PROD, []),
        ({"emailConfiguration": [{"emailSendingAccount": "DEVELOPER"}]}, PROD, []),
        ({"emailConfiguration": UNKNOWN}, PROD, []),
        ({"lambdaConfig": {"customEmailSender": {"lambdaArn": "arn:x", "lambdaVersion": "V1_0"}}}, PROD, []),
        ({}, DEV, []),
    ],
)  # fmt: skip
def test_production_email(props, config, expected):
    assert check_email(res(POOL, "pool", **props), config) == expected


# --- Lambda permissions ----------------------------------------------------------------

POOL_ARN = f"arn:aws:cognito-idp:{REGION}:{ACCOUNT_ID}:userpool/{REGION}_Pool00001"
NO_ACCOUNT = (
    "Lambda permission 'invoke' lets service {principal} invoke without source_account: "
    "name the account so no other account's resource can use it."
)
NO_ARN = (
    "Lambda permission 'invoke' lets service {principal} invoke without source_arn: name "
    "the calling resource's ARN so no other resource of that service can use it."
)
COGNITO = "cognito-idp.amazonaws.com"


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        ({"principal": COGNITO, "sourceArn": POOL_ARN, "sourceAccount": ACCOUNT_ID}, []),
        ({"principal": COGNITO, "sourceArn": POOL_ARN}, [NO_ACCOUNT.format(principal=COGNITO)]),
        ({"principal": COGNITO, "sourceArn": POOL_ARN, "sourceAccount": ""}, [NO_ACCOUNT.format(principal=COGNITO)]),
        ({"principal": COGNITO, "sourceAccount": ACCOUNT_ID}, [NO_ARN.format(principal=COGNITO)]),
        ({"principal": COGNITO}, [NO_ARN.format(principal=COGNITO), NO_ACCOUNT.format(principal=COGNITO)]),
        ({"principal": "s3.amazonaws.com", "sourceArn": "arn:aws:s3:::b"}, [NO_ACCOUNT.format(principal="s3.amazonaws.com")]),
        ({"principal": "events.amazonaws.com.cn"}, [NO_ARN.format(principal="events.amazonaws.com.cn"), NO_ACCOUNT.format(principal="events.amazonaws.com.cn")]),
        # Preview: computed values are there, only not known yet.
        ({"principal": COGNITO, "sourceArn": UNKNOWN, "sourceAccount": UNKNOWN}, []),
        # Not a service: an account or a role needs no source conditions.
        ({"principal": ACCOUNT_ID}, []),
        ({"principal": f"arn:aws:iam::{ACCOUNT_ID}:role/caller"}, []),
        # '*' is the principals rule's.
        ({"principal": "*"}, []),
    ],
)  # fmt: skip
def test_permission_source_scoped(props, expected):
    assert check_source_scoped(res(PERMISSION, "invoke", **props), {}) == expected


# --- trigger functions -----------------------------------------------------------------

FN_ARN = f"arn:aws:lambda:{REGION}:{ACCOUNT_ID}:function:trigger"
FN_URN = "urn:pulumi:prod::p::aws:lambda/function:Function::fn"
LG_URN = "urn:pulumi:prod::p::aws:cloudwatch/logGroup:LogGroup::fn-logs"
GOOD_FUNCTION = {
    "name": "trigger",
    "arn": FN_ARN,
    "runtime": "python3.13",
    "timeout": 3.0,
    "loggingConfig": {"logFormat": "Text", "logGroup": "/aws/lambda/trigger"},
}


def trigger_stack(function=None, group=None, lambda_config=None, pool_deps=None, fn_deps=None):
    """A pool whose PreSignUp is the function, and the function's log group."""
    stack = [
        res(POOL, "pool", urn="urn:pool", lambdaConfig={"preSignUp": FN_ARN} if lambda_config is None else lambda_config,
            deps=pool_deps),
        res(FUNCTION, "fn", urn=FN_URN, deps=fn_deps, **{**GOOD_FUNCTION, **(function or {})}),
    ]  # fmt: skip
    if group is not False:
        stack.append(res(LOG_GROUP, "fn-logs", urn=LG_URN,
                         **{"name": "/aws/lambda/trigger", "retentionInDays": 7.0, **(group or {})}))  # fmt: skip
    return stack


TIMEOUT = (
    "Trigger function 'fn' has a timeout of {t} s: Cognito waits at most 5 s for a trigger, "
    "so set timeout to 5 or less."
)
DEPRECATED = (
    "Trigger function 'fn' runs {runtime}, which AWS Lambda deprecated on {date}: move it "
    "to a runtime that Lambda still supports."
)
UNKNOWN_RUNTIME = (
    "Trigger function 'fn' runs '{runtime}', which is not a Lambda runtime this policy "
    "knows: use one that Lambda still supports."
)
NO_RUNTIME = "Trigger function 'fn' sets no runtime: set one that Lambda still supports."
NO_GROUP = (
    "Trigger function 'fn' logs to '{group}', which this stack does not create: add a log "
    "group of that name with retention_in_days, or Lambda creates one that keeps logs forever."
)
NO_RETENTION = (
    "Log group 'fn-logs' of trigger function 'fn' has no retention: set retention_in_days "
    "so that its logs do not stay forever."
)


@pytest.mark.parametrize(
    ("stack", "config", "expected"),
    [
        (trigger_stack(), ON, []),
        (trigger_stack({"timeout": 5.0}), ON, []),
        (trigger_stack({"timeout": None}), ON, []),  # Lambda's default: 3 s
        (trigger_stack({"timeout": 6.0}), ON, [TIMEOUT.format(t=6)]),
        (trigger_stack({"timeout": 5.5}), ON, [TIMEOUT.format(t=5.5)]),
        (trigger_stack({"runtime": "python3.9"}), ON, [DEPRECATED.format(runtime="python3.9", date="2025-12-15")]),
        (trigger_stack({"runtime": "nodejs18.x"}), ON, [DEPRECATED.format(runtime="nodejs18.x", date="2025-09-01")]),
        (trigger_stack({"runtime": "nodejs20.x"}), ON, [DEPRECATED.format(runtime="nodejs20.x", date="2026-04-30")]),
        (trigger_stack({"runtime": "nodejs22.x"}), ON, []),
        (trigger_stack({"runtime": "python3.11"}), {"today": "2026-06-29"}, []),
        (trigger_stack({"runtime": "python3.11"}), {"today": "2026-06-30"}, [DEPRECATED.format(runtime="python3.11", date="2026-06-30")]),
        (trigger_stack({"runtime": "python3.13"}), {"today": "2029-06-30"}, [DEPRECATED.format(runtime="python3.13", date="2029-06-30")]),
        (trigger_stack({"runtime": "python3.15"}), ON, []),  # no date announced
        (trigger_stack({"runtime": "cobol85"}), ON, [UNKNOWN_RUNTIME.format(runtime="cobol85")]),
        (trigger_stack({"runtime": "custom"}), ON, [UNKNOWN_RUNTIME.format(runtime="custom")]),
        (trigger_stack({"runtime": None}), ON, [NO_RUNTIME]),
        (trigger_stack({"runtime": None, "packageType": "Image"}), ON, []),
        (trigger_stack({"runtime": UNKNOWN, "timeout": UNKNOWN}), ON, []),
        (trigger_stack(group=False), ON, [NO_GROUP.format(group="/aws/lambda/trigger")]),
        (trigger_stack(group={"name": "/aws/lambda/other"}), ON, [NO_GROUP.format(group="/aws/lambda/trigger")]),
        (trigger_stack(group={"retentionInDays": None}), ON, [NO_RETENTION]),
        (trigger_stack(group={"retentionInDays": 0.0}), ON, [NO_RETENTION]),
        (trigger_stack(group={"retentionInDays": UNKNOWN}), ON, []),
        # Without loggingConfig, Lambda logs to /aws/lambda/<name>.
        (trigger_stack({"loggingConfig": None}), ON, []),
        (trigger_stack({"loggingConfig": {"logGroup": "/custom/trigger"}}), ON, [NO_GROUP.format(group="/custom/trigger")]),
        (trigger_stack({"loggingConfig": {"logGroup": "/custom/trigger"}}, {"name": "/custom/trigger"}), ON, []),
        # Every problem at once, in a stable order.
        (trigger_stack({"timeout": 30.0, "runtime": "python3.8"}, False), ON, [
            TIMEOUT.format(t=30), DEPRECATED.format(runtime="python3.8", date="2024-10-14"),
            NO_GROUP.format(group="/aws/lambda/trigger")]),
    ],
)  # fmt: skip
def test_trigger_function(stack, config, expected):
    assert check_trigger_functions(stack, config) == expected


BAD = {"timeout": 10.0}


@pytest.mark.parametrize(
    ("lambda_config", "pool_deps", "function", "is_trigger"),
    [
        ({"preSignUp": FN_ARN}, None, BAD, True),
        ({"postConfirmation": FN_ARN}, None, BAD, True),
        ({"preSignUp": FN_ARN + ":live"}, None, BAD, True),  # an alias of the function
        ({"preSignUp": "trigger"}, None, BAD, True),  # by name
        ({"preTokenGenerationConfig": {"lambdaArn": FN_ARN, "lambdaVersion": "V2_0"}}, None, BAD, True),
        ({"customEmailSender": {"lambdaArn": FN_ARN, "lambdaVersion": "V1_0"},
          "kmsKeyId": "arn:aws:kms:us-east-1:123456789012:key/k"}, None, BAD, True),
        ({"preSignUp": f"arn:aws:lambda:{REGION}:{ACCOUNT_ID}:function:other"}, None, BAD, False),
        ({}, None, BAD, False),
        # Preview: the ARN is not known yet; the pool's lambdaConfig depends on the function.
        ({"preSignUp": UNKNOWN}, {"lambdaConfig": (FN_URN,)}, {**BAD, "arn": UNKNOWN}, True),
        ({"preSignUp": UNKNOWN}, {"lambdaConfig": ("urn:other",)}, {**BAD, "arn": UNKNOWN}, False),
    ],
)  # fmt: skip
def test_which_functions_are_triggers(lambda_config, pool_deps, function, is_trigger):
    stack = trigger_stack(function, lambda_config=lambda_config, pool_deps=pool_deps)
    assert [f.name for f in trigger_functions(stack)] == (["fn"] if is_trigger else [])
    expected = [TIMEOUT.format(t=10)] if is_trigger else []
    assert check_trigger_functions(stack, ON) == expected


def test_trigger_log_group_found_through_its_dependency_during_preview():
    stack = trigger_stack(
        {"loggingConfig": {"logGroup": UNKNOWN}},
        {"retentionInDays": None},
        fn_deps={"loggingConfig": (LG_URN,)},
    )
    assert check_trigger_functions(stack, ON) == [NO_RETENTION]
    stack = trigger_stack({"loggingConfig": UNKNOWN}, fn_deps={"loggingConfig": (LG_URN,)})
    assert check_trigger_functions(stack, ON) == []


def test_runtime_table_covers_botocore_lambda_runtimes_exactly():
    model = botocore.session.get_session().get_service_model("lambda")
    enum = set(model.shape_for("Runtime").enum)
    assert set(RUNTIME_DEPRECATION) | UNDOCUMENTED_RUNTIMES == enum, (
        "botocore's Runtime enum changed: give each new runtime its deprecation date "
        "(or None) in policy/rules/trigger_function.py",
        enum ^ (set(RUNTIME_DEPRECATION) | UNDOCUMENTED_RUNTIMES),
    )
    assert not UNDOCUMENTED_RUNTIMES & set(RUNTIME_DEPRECATION)


def test_supported_runtimes_on_a_date():
    assert supported_runtimes(datetime.date(2026, 11, 26)) == [
        "dotnet10", "java11.al2023", "java17.al2023", "java21", "java25", "java8.al2023",
        "nodejs22.x", "nodejs24.x", "nodejs26.x", "provided.al2023", "python3.12",
        "python3.13", "python3.14", "python3.15", "ruby3.3", "ruby3.4", "ruby4.0",
    ]  # fmt: skip


# --- app clients -----------------------------------------------------------------------

EXISTENCE = (
    "App client 'client' lets sign-in errors reveal whether an account exists: set "
    "prevent_user_existence_errors to ENABLED."
)
REVOCATION = (
    "App client 'client' has token revocation off: set enable_token_revocation to true so "
    "that revoked refresh tokens stop working."
)


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        ({"preventUserExistenceErrors": "ENABLED", "enableTokenRevocation": True}, []),
        ({"preventUserExistenceErrors": "ENABLED"}, []),  # unset: Cognito turns it on
        ({"preventUserExistenceErrors": "LEGACY", "enableTokenRevocation": True}, [EXISTENCE]),
        ({"enableTokenRevocation": True}, [EXISTENCE]),  # unset: LEGACY
        ({"preventUserExistenceErrors": "ENABLED", "enableTokenRevocation": False}, [REVOCATION]),
        ({"preventUserExistenceErrors": "LEGACY", "enableTokenRevocation": False}, [EXISTENCE, REVOCATION]),
        ({"preventUserExistenceErrors": UNKNOWN, "enableTokenRevocation": UNKNOWN}, []),
    ],
)  # fmt: skip
def test_client_hardening(props, expected):
    assert check_client_hardening(res(CLIENT, "client", **props), {}) == expected


AUTH_URN = "urn:pulumi:prod::p::cognito-auth:index:CognitoAuth::auth"
SECRET = (
    "App client '{resource}' (Cognito name '{name}') is marked public but has a client "
    "secret: set generate_secret to false, since a browser or mobile app cannot keep a secret."
)


def client(name, secret, parent=AUTH_URN, resource=None):
    return res(CLIENT, resource or f"auth-{name}-client", urn=f"urn:client:{name}",
               parent=parent, name=name, generateSecret=secret)  # fmt: skip


def auth(**outputs):
    return res(COMPONENT, "auth", urn=AUTH_URN, parent="urn:stack", **outputs)


@pytest.mark.parametrize(
    ("stack", "config", "expected"),
    [
        ([auth(publicClients=["web"]), client("web", False)], {}, []),
        ([auth(publicClients=["web"]), client("web", True)], {},
         [SECRET.format(resource="auth-web-client", name="web")]),
        ([auth(publicClients=["web"]), client("web", True), client("server", True)], {},
         [SECRET.format(resource="auth-web-client", name="web")]),
        ([auth(public_clients=["web"]), client("web", True)], {},
         [SECRET.format(resource="auth-web-client", name="web")]),
        # The component does not say: nothing is public (today's component, for one).
        ([auth(), client("web", True)], {}, []),
        ([auth(publicClients=UNKNOWN), client("web", True)], {}, []),
        # publicClientNames is for clients outside any CognitoAuth.
        ([auth(), client("web", True)], {"publicClientNames": ["web"]}, []),
        ([client("web", True, parent="urn:stack", resource="spa")], {"publicClientNames": ["web"]},
         [SECRET.format(resource="spa", name="web")]),
        ([client("web", True, parent=None, resource="spa")], {"publicClientNames": ["web"]},
         [SECRET.format(resource="spa", name="web")]),
        ([client("web", True, parent="urn:stack", resource="spa")], {}, []),
        # A client inside a sub-component of CognitoAuth belongs to that CognitoAuth.
        ([auth(publicClients=["web"]),
          res("cognito-auth:index:AppClient", "sub", urn="urn:sub", parent=AUTH_URN),
          client("web", True, parent="urn:sub")], {},
         [SECRET.format(resource="auth-web-client", name="web")]),
    ],
)  # fmt: skip
def test_public_client_has_no_secret(stack, config, expected):
    assert check_public_clients(stack, config) == expected


PASSWORD = (
    "App client 'client' on production stack 'prod' allows {flow}, which sends the password "
    "itself to Cognito: use ALLOW_USER_SRP_AUTH instead, or set allowPasswordAuth: true in "
    "the policy config of stack 'prod'."
)
SEED_FLOWS = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]


@pytest.mark.parametrize(
    ("flows", "config", "expected"),
    [
        (SEED_FLOWS, PROD, [PASSWORD.format(flow="ALLOW_USER_PASSWORD_AUTH")]),
        (SEED_FLOWS, {**PROD, "allowPasswordAuth": True}, []),
        (SEED_FLOWS, {**PROD, "allowPasswordAuth": False}, [PASSWORD.format(flow="ALLOW_USER_PASSWORD_AUTH")]),
        (SEED_FLOWS, DEV, []),
        (["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"], PROD, []),
        (["USER_PASSWORD_AUTH"], PROD, [PASSWORD.format(flow="USER_PASSWORD_AUTH")]),
        (None, PROD, []),  # unset: Cognito's defaults have no password sign-in
        (UNKNOWN, PROD, []),
    ],
)  # fmt: skip
def test_production_password_auth(flows, config, expected):
    props = {} if flows is None else {"explicitAuthFlows": flows}
    assert check_password_auth(res(CLIENT, "client", **props), config) == expected


# --- principals ------------------------------------------------------------------------


def doc(*statements) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


LAMBDA_TRUST = {
    "Effect": "Allow",
    "Principal": {"Service": "lambda.amazonaws.com"},
    "Action": "sts:AssumeRole",
}
ANYONE = {"Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole"}
ANY_AWS = {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}
WILDCARD = (
    "{what} statement {n} allows principal '*': name the exact service or account it is meant for."
)
PERMISSION_STAR = (
    "Lambda permission 'invoke' has principal '*': name the one service or account that may "
    "invoke the function."
)


@pytest.mark.parametrize(
    ("resource", "expected"),
    [
        (res(PERMISSION, "invoke", principal="*"), [PERMISSION_STAR]),
        (res(PERMISSION, "invoke", principal=COGNITO), []),
        (res(ROLE, "role", assumeRolePolicy=doc(LAMBDA_TRUST)), []),
        (res(ROLE, "role", assumeRolePolicy=doc(ANYONE)),
         [WILDCARD.format(what="Role 'role' assume_role_policy", n=1)]),
        (res(ROLE, "role", assumeRolePolicy=doc(LAMBDA_TRUST, ANY_AWS)),
         [WILDCARD.format(what="Role 'role' assume_role_policy", n=2)]),
        (res(ROLE, "role", assumeRolePolicy=doc({**ANY_AWS, "Principal": {"AWS": [f"arn:aws:iam::{ACCOUNT_ID}:root", "*"]}})),
         [WILDCARD.format(what="Role 'role' assume_role_policy", n=1)]),
        (res(ROLE, "role", assumeRolePolicy=json.dumps({"Statement": ANYONE})),  # one statement, not a list
         [WILDCARD.format(what="Role 'role' assume_role_policy", n=1)]),
        (res(ROLE, "role", assumeRolePolicy=doc({**ANYONE, "Effect": "Deny"})), []),
        (res(ROLE, "role", assumeRolePolicy={"Statement": [ANYONE]}),  # a document as a dict
         [WILDCARD.format(what="Role 'role' assume_role_policy", n=1)]),
        (res(ROLE, "role", assumeRolePolicy=doc(LAMBDA_TRUST),
             inlinePolicies=[{"name": "extra", "policy": doc(ANY_AWS)}]),
         [WILDCARD.format(what="Role 'role' inline policy 'extra'", n=1)]),
        (res(ROLE_POLICY, "logs", policy=doc({"Effect": "Allow", "Action": "logs:PutLogEvents", "Resource": "*"})), []),
        (res(ROLE_POLICY, "logs", policy=doc(ANYONE)), [WILDCARD.format(what="Role policy 'logs'", n=1)]),
        (res(IAM_POLICY, "managed", policy=doc(LAMBDA_TRUST, ANYONE, ANY_AWS)),
         [WILDCARD.format(what="IAM policy 'managed'", n=2), WILDCARD.format(what="IAM policy 'managed'", n=3)]),
        (res(ROLE, "role", assumeRolePolicy="{not json"), []),
        (res(ROLE, "role", assumeRolePolicy=UNKNOWN), []),
    ],
)  # fmt: skip
def test_no_wildcard_principals(resource, expected):
    assert check_principals(resource, {}) == expected


# --- the policy objects ----------------------------------------------------------------


def test_policies_have_unique_names_levels_and_documented_config():
    names = [p.name for p in POLICIES]
    assert len(names) == len(set(names)) == 10
    levels = {p.name: p.enforcement_level for p in POLICIES}
    advisory = {
        "cognito-production-mfa",
        "cognito-production-email",
        "cognito-production-password-auth",
        "cognito-trigger-alarms",
    }
    assert {n for n, lvl in levels.items() if lvl == EnforcementLevel.ADVISORY} == advisory
    assert all(
        lvl in (EnforcementLevel.MANDATORY, EnforcementLevel.ADVISORY) for lvl in levels.values()
    )
    schemas = {p.name: p.config_schema.properties for p in POLICIES if p.config_schema}
    assert {n: sorted(s) for n, s in schemas.items()} == {
        "cognito-user-pool-deletion-protection": ["productionStacks"],
        "cognito-production-mfa": ["productionStacks"],
        "cognito-production-email": ["productionStacks"],
        "cognito-public-client-no-secret": ["publicClientNames"],
        "cognito-production-password-auth": ["allowPasswordAuth", "productionStacks"],
        "cognito-trigger-alarms": ["productionStacks"],
    }
    for schema in schemas.values():
        if "productionStacks" in schema:
            assert schema["productionStacks"]["default"] == ["prod", "production"]
    assert schemas["cognito-production-password-auth"]["allowPasswordAuth"]["default"] is False


def test_wrapper_reads_unknowns_stack_and_schema_defaults(monkeypatch):
    """The pulumi_policy object, given engine-shaped props with an unknown value."""
    found = []

    def validate(stack, props, config=None):
        monkeypatch.setattr(common, "current_stack", lambda: stack)
        found.clear()
        args = ResourceValidationArgs(
            POOL, unknown_checking_proxy(props), "urn:pool", "pool", None, None, config
        )
        DELETION_PROTECTION.validate(args, lambda message, urn=None: found.append((message, urn)))
        return list(found)

    assert validate("prod", {"deletionProtection": UNKNOWN_STRING_VALUE, "name": "p"}) == []
    assert validate("prod", {"deletionProtection": "INACTIVE"}) == [
        (DP.format(stack="prod", value="INACTIVE"), "urn:pool")
    ]
    assert validate("dev", {"deletionProtection": "INACTIVE"}) == []
    assert validate("live", {}, {"productionStacks": ["live"]}) == [
        (DP.format(stack="live", value="INACTIVE"), "urn:pool")
    ]


def test_importing_the_rules_starts_no_server():
    # Building PolicyPack(...) blocks for good; an import that did would time out here.
    code = "import policy.rules as r; print(len(r.POLICIES))"
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "10"
    builders = [
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "policy").rglob("*.py")
        if "venv" not in path.parts and "PolicyPack(" in path.read_text()
    ]
    assert builders == ["policy/__main__.py"]


def test_entry_point_builds_the_pack_from_the_rules():
    tree = ast.parse((ROOT / "policy" / "__main__.py").read_text())
    (call,) = [
        n for n in ast.walk(tree)
        if isinstance(n, ast.Call) and getattr(n.func, "id", None) == "PolicyPack"
    ]  # fmt: skip
    keywords = {k.arg: k.value for k in call.keywords}
    assert ast.literal_eval(keywords["name"]) == "cognito-auth"
    assert isinstance(keywords["policies"], ast.Name) and keywords["policies"].id == "POLICIES"
    imports = [n for n in tree.body if isinstance(n, ast.ImportFrom) and n.module == "rules"]
    assert [a.name for n in imports for a in n.names] == ["POLICIES"]


def test_pack_files_and_pinned_requirement():
    pack = yaml.safe_load((ROOT / "policy" / "PulumiPolicy.yaml").read_text())
    assert pack["runtime"]["name"] == "python"
    requirements = (ROOT / "policy" / "requirements.txt").read_text().split()
    dev = (ROOT / "requirements-dev.txt").read_text().split()
    runtime = (ROOT / "requirements.txt").read_text().split()
    assert "pulumi-policy==1.21.0" in requirements and "pulumi-policy==1.21.0" in dev
    pulumi_pin = next(r for r in runtime if r.startswith("pulumi=="))
    assert pulumi_pin in requirements


# --- the whole program -----------------------------------------------------------------

PROD_ADVISORIES = [
    Finding(
        "cognito-production-email",
        "advisory",
        "User pool 'auth-user-pool' on production stack 'prod' sends email with "
        "COGNITO_DEFAULT, which AWS caps at a few dozen messages a day: set "
        "email_configuration to DEVELOPER with an SES identity as its source_arn.",
    ),
    Finding(
        "cognito-production-password-auth",
        "advisory",
        "App client 'auth-app-client' on production stack 'prod' allows "
        "ALLOW_USER_PASSWORD_AUTH, which sends the password itself to Cognito: use "
        "ALLOW_USER_SRP_AUTH instead, or set allowPasswordAuth: true in the policy config "
        "of stack 'prod'.",
    ),
]


def _without_urns(findings):
    return [Finding(f.policy, f.level, f.message) for f in findings]


@pytest.mark.parametrize("stack", ["dev", "prod"])
def test_stack_files_have_no_mandatory_violation(stack):
    findings = run_with_policies(stack)
    assert mandatory(findings) == []
    assert _without_urns(findings) == ([] if stack == "dev" else PROD_ADVISORIES)


def test_prod_that_allows_password_auth_explicitly_keeps_only_the_email_advisory():
    findings = run_with_policies(
        "prod", config={"cognito-production-password-auth": {"allowPasswordAuth": True}}
    )
    assert _without_urns(findings) == PROD_ADVISORIES[:1]


@pytest.mark.parametrize("stack", ["dev", "prod"])
def test_program_checks_ran_on_real_resources(stack):
    """Guards the clean result above: the rules did see the resources they judge."""
    fake = FakeAws()
    monitor = PolicyMonitor(fake)
    run_program(fake, stack, monitor=monitor)
    view = common.stack_view(stack_resources(monitor))
    types = {r.type for r in view}
    assert {POOL, CLIENT, FUNCTION, PERMISSION, ROLE, ROLE_POLICY, LOG_GROUP, COMPONENT} <= types
    triggers = trigger_functions(view)
    assert [t.props["name"].startswith("auth-pre-sign-up-") for t in triggers] == [True]
    for function in triggers:
        assert function.props["runtime"] in supported_runtimes(datetime.date.today())
        assert function.props["loggingConfig"]["logGroup"] in {
            r.props["name"] for r in view if r.type == LOG_GROUP and r.props["retentionInDays"]
        }
    # Parent links reach the component, so the public-client rule can find its list.
    (component,) = [r for r in view if r.type == COMPONENT]
    assert all(r.parent == component.urn for r in view if r.type == CLIENT)


def test_prod_without_protection_is_a_mandatory_violation():
    findings = run_with_policies(
        "prod", config_overrides={"cognito-auth:protect": False}, stack_file="prod"
    )
    assert _without_urns(mandatory(findings)) == [
        Finding(
            "cognito-user-pool-deletion-protection",
            "mandatory",
            DP.replace("'pool'", "'auth-user-pool'").format(stack="prod", value="INACTIVE"),
        )
    ]
    (finding,) = mandatory(findings)
    assert finding.urn.endswith("aws:cognito/userPool:UserPool::auth-user-pool")


class _Auth(pulumi.ComponentResource):
    """A stand-in CognitoAuth that returns publicClients from register_outputs."""

    def __init__(self, name, public):
        super().__init__(COMPONENT, name, {"publicClients": public})
        self.register_outputs({"publicClients": public})


def _broken_program():
    auth = _Auth("auth", ["web"])
    child = pulumi.ResourceOptions(parent=auth)
    role = aws.iam.Role("fn-role", assume_role_policy=doc(LAMBDA_TRUST), opts=child)
    logs = aws.cloudwatch.LogGroup("fn-logs", name="/aws/lambda/fn", opts=child)  # no retention
    function = aws.lambda_.Function(
        "fn", name="fn", role=role.arn, runtime="python3.9", handler="h.handler", timeout=10,
        code=pulumi.AssetArchive({}), logging_config={"log_format": "Text", "log_group": logs.name},
        opts=child,
    )  # fmt: skip
    pool = aws.cognito.UserPool(
        "pool", deletion_protection="ACTIVE", lambda_config={"pre_sign_up": function.arn},
        opts=child,
    )  # fmt: skip
    aws.lambda_.Permission(
        "fn-invoke", action="lambda:InvokeFunction", function=function.name,
        principal="cognito-idp.amazonaws.com", source_arn=pool.arn, opts=child,
    )  # fmt: skip
    aws.cognito.UserPoolClient(
        "web-client", name="web", user_pool_id=pool.id, generate_secret=True,
        prevent_user_existence_errors="ENABLED", opts=child,
    )  # fmt: skip
    return {}


def test_broken_variant_shows_each_expected_violation():
    fake = FakeAws()
    monitor = PolicyMonitor(fake)
    evaluate(fake, _broken_program, stack="prod", monitor=monitor)
    assert _without_urns(mandatory(evaluate_policies(monitor))) == [
        Finding("lambda-permission-source-scoped", "mandatory",
                NO_ACCOUNT.replace("'invoke'", "'fn-invoke'").format(principal=COGNITO)),
        Finding("cognito-trigger-function", "mandatory", TIMEOUT.format(t=10)),
        Finding("cognito-trigger-function", "mandatory",
                DEPRECATED.format(runtime="python3.9", date="2025-12-15")),
        Finding("cognito-trigger-function", "mandatory", NO_RETENTION),
        Finding("cognito-public-client-no-secret", "mandatory",
                SECRET.format(resource="web-client", name="web")),
    ]  # fmt: skip


# --- trigger alarms (advisory, production) ----------------------------------------------

NO_ALARM = (
    "Trigger function 'fn' on production stack 'prod' has no CloudWatch alarm on {metrics}: "
    "a failing or slow trigger blocks the sign-ups or sign-ins it serves, and nobody hears "
    "of it; set triggerAlarms to true (the default), with alarmTopicArn."
)


def alarm(metric, function="trigger", namespace="AWS/Lambda", deps=None):
    return res(METRIC_ALARM, f"fn-{metric.lower()}-alarm", namespace=namespace,
               metricName=metric, dimensions={"FunctionName": function}, deps=deps)  # fmt: skip


ALL_ALARMS = [alarm("Errors"), alarm("Throttles"), alarm("Duration")]


@pytest.mark.parametrize(
    ("stack", "config", "expected"),
    [
        (trigger_stack() + ALL_ALARMS, PROD, []),
        (trigger_stack(), DEV, []),  # advice for production only
        (trigger_stack(), PROD, [NO_ALARM.format(metrics="Errors, Throttles, Duration")]),
        (trigger_stack() + ALL_ALARMS[:2], PROD, [NO_ALARM.format(metrics="Duration")]),
        (trigger_stack() + [alarm("Errors", function="other"), *ALL_ALARMS[1:]], PROD,
         [NO_ALARM.format(metrics="Errors")]),
        (trigger_stack() + [alarm("Errors", namespace="Custom"), *ALL_ALARMS[1:]], PROD,
         [NO_ALARM.format(metrics="Errors")]),
        # Preview: the function's name is unknown; the alarm's dimensions depend on it.
        (trigger_stack() + [alarm(m, function=UNKNOWN, deps={"dimensions": (FN_URN,)})
                            for m in ("Errors", "Throttles", "Duration")], PROD, []),
        (trigger_stack() + [alarm(m, function=UNKNOWN, deps={"dimensions": ("urn:other",)})
                            for m in ("Errors", "Throttles", "Duration")], PROD,
         [NO_ALARM.format(metrics="Errors, Throttles, Duration")]),
        # Not a trigger: no advice.
        (trigger_stack(lambda_config={}), PROD, []),
        # Production is the policy config's productionStacks.
        (trigger_stack(), {"stack": "live", "productionStacks": ["live"]},
         [NO_ALARM.format(metrics="Errors, Throttles, Duration").replace("'prod'", "'live'")]),
    ],
)  # fmt: skip
def test_trigger_alarms(stack, config, expected):
    assert check_trigger_alarms(stack, config) == expected


def test_prod_without_trigger_alarms_is_advised_to_add_them():
    findings = run_with_policies("prod", config_overrides={"cognito-auth:triggerAlarms": False})
    assert mandatory(findings) == []
    advised = [f for f in _without_urns(findings) if f.policy == "cognito-trigger-alarms"]
    (finding,) = advised
    assert finding.level == "advisory"
    assert finding.message == NO_ALARM.replace("'fn'", "'auth-pre-sign-up'").format(
        metrics="Errors, Throttles, Duration"
    )
    # The stack file's own alarms (on by default) satisfy it: only the two usual advisories.
    assert _without_urns(run_with_policies("prod")) == PROD_ADVISORIES
