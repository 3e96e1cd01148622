"""Devices, message templates, refresh-token rotation, tags and the pool's log delivery:
what each setting registers, under mocks, and the limits it is checked against (botocore's
models). Bad values are rows of tests/test_bad_config.py."""

import gzip
import json
from pathlib import Path

import botocore
import pytest

from components import CognitoAuth, ConfigError, limits
from components.messages import (
    EMAIL_CODE_MESSAGE,
    EMAIL_LINK_MESSAGE,
    INVITATION_EMAIL,
    INVITATION_SMS,
    SMS_CODE_MESSAGE,
)
from components.pool_logs import DELIVERY_PRINCIPAL
from offline import evaluate
from tests.fake_aws import ACCOUNT_ID, REGION

POOL = "aws:cognito/userPool:UserPool"
CLIENT = "aws:cognito/userPoolClient:UserPoolClient"
LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup"
POLICY = "aws:cloudwatch/logResourcePolicy:LogResourcePolicy"
DELIVERY = "aws:cognito/logDeliveryConfiguration:LogDeliveryConfiguration"
SES = "arn:aws:ses:us-east-1:123456789012:identity/example.com"


@pytest.fixture
def build(fake_aws, monitor, tmp_path):
    def run(args: dict) -> dict:
        return evaluate(
            fake_aws,
            lambda: {"pool": CognitoAuth("auth", args).user_pool_id},
            monitor=monitor,
            root_directory=tmp_path,
        )

    return run


def _pool(fake_aws) -> dict:
    return fake_aws.one(POOL).inputs


# --- Email changes: verified first, by default -----------------------------------------


def test_email_changes_wait_for_verification_by_default(build, fake_aws):
    build({})
    settings = _pool(fake_aws)["userAttributeUpdateSettings"]
    assert settings == {"attributesRequireVerificationBeforeUpdates": ["email"]}


# --- Devices ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ({}, None),
        ({"device_tracking": "ALWAYS"},
         {"challengeRequiredOnNewDevice": False, "deviceOnlyRememberedOnUserPrompt": False}),
        ({"device_tracking": "USER_OPT_IN", "challenge_required_on_new_device": True,
          "mfa": "OPTIONAL", "mfa_totp": True},
         {"challengeRequiredOnNewDevice": True, "deviceOnlyRememberedOnUserPrompt": True}),
    ],
    ids=["off", "always", "user-opt-in"],
)  # fmt: skip
def test_device_tracking(build, fake_aws, args, expected):
    build(args)
    assert _pool(fake_aws).get("deviceConfiguration") == expected


# --- Messages --------------------------------------------------------------------------


def test_the_default_messages_are_cognitos(build, fake_aws):
    build({})
    inputs = _pool(fake_aws)
    assert inputs["verificationMessageTemplate"] == {"defaultEmailOption": "CONFIRM_WITH_CODE"}
    assert "inviteMessageTemplate" not in inputs["adminCreateUserConfig"]


def test_every_template_reaches_the_pool(build, fake_aws):
    build({
        "ses_source_arn": SES,
        "domain_prefix": "example-shop",
        "verification_email_option": "CONFIRM_WITH_LINK",
        "verification_email_subject": "Your code",
        "verification_email_message": "Your code is {####}.",
        "verification_email_subject_by_link": "Confirm your address",
        "verification_email_message_by_link": "Please {##Verify Email##} today.",
        "verification_sms_message": "Code: {####}",
        "invitation_email_subject": "Welcome",
        "invitation_email_message": "Sign in as {username} with {####}.",
        "invitation_sms_message": "{username} / {####}",
    })  # fmt: skip
    inputs = _pool(fake_aws)
    assert inputs["verificationMessageTemplate"] == {
        "defaultEmailOption": "CONFIRM_WITH_LINK",
        "emailSubject": "Your code",
        "emailMessage": "Your code is {####}.",
        "emailSubjectByLink": "Confirm your address",
        "emailMessageByLink": "Please {##Verify Email##} today.",
        "smsMessage": "Code: {####}",
    }
    assert inputs["adminCreateUserConfig"]["inviteMessageTemplate"] == {
        "emailSubject": "Welcome",
        "emailMessage": "Sign in as {username} with {####}.",
        "smsMessage": "{username} / {####}",
    }


@pytest.mark.parametrize(
    ("rule", "value", "missing"),
    [
        (EMAIL_CODE_MESSAGE, "Your code is 1234.", "{####}"),
        (SMS_CODE_MESSAGE, "Your code.", "{####}"),
        (EMAIL_LINK_MESSAGE, "Click {####} here", "{##link text##}"),
        (INVITATION_EMAIL, "Your password is {####}", "{username}"),
        (INVITATION_EMAIL, "Hello {username}", "{####}"),
        (INVITATION_SMS, "Hello there", "{username} and no {####}"),
    ],
)
def test_a_template_without_its_placeholder_is_refused(rule, value, missing):
    assert rule(value).endswith(f"it has no {missing}")


def test_template_lengths_are_botocores():
    shapes = _shapes("cognito-idp")
    for ours, shape in (
        (limits.EMAIL_MESSAGE_LENGTH, "EmailVerificationMessageType"),
        (limits.EMAIL_MESSAGE_LENGTH, "EmailVerificationMessageByLinkType"),
        (limits.EMAIL_MESSAGE_LENGTH, "EmailInviteMessageType"),
        (limits.EMAIL_SUBJECT_LENGTH, "EmailVerificationSubjectType"),
        (limits.SMS_MESSAGE_LENGTH, "SmsVerificationMessageType"),
        (limits.SMS_MESSAGE_LENGTH, "SmsInviteMessageType"),
        (limits.REFRESH_TOKEN_GRACE_SECONDS, "RetryGracePeriodSecondsType"),
        (limits.TAG_KEY_LENGTH, "TagKeysType"),
        (limits.USER_POOL_ID_LENGTH, "UserPoolIdType"),
    ):
        assert (shapes[shape]["min"], shapes[shape]["max"]) == ours, shape
    assert shapes["TagValueType"]["max"] == limits.TAG_VALUE_MAX
    assert "{####}" in shapes["EmailVerificationMessageType"]["pattern"].replace("\\", "")
    assert "{####}" in shapes["SmsVerificationMessageType"]["pattern"].replace("\\", "")
    assert set(limits.DEFAULT_EMAIL_OPTIONS) == set(shapes["DefaultEmailOptionType"]["enum"])
    assert set(limits.USERNAME_ATTRIBUTES) == set(shapes["UsernameAttributeType"]["enum"])
    assert shapes["UserPoolIdType"]["pattern"] == limits.USER_POOL_ID_PATTERN
    # The tag characters the component allows: \p{L}\p{Z}\p{N} and its punctuation.
    chars = r"[\p{L}\p{Z}\p{N}_.:/=+\-@]"
    iam, logs, lambda_ = _shapes("iam"), _shapes("logs"), _shapes("lambda")
    assert iam["tagKeyType"]["pattern"] == chars + "+"
    assert iam["tagValueType"]["pattern"] == chars + "*"
    assert logs["TagKey"]["pattern"] == f"^({chars}+)$"
    assert logs["TagValue"]["pattern"] == f"^({chars}*)$"
    assert lambda_["TagKey"]["pattern"] == f"({chars}*)"
    assert "".join(limits.TAG_PUNCTUATION) == "_.:/=+-@"
    assert iam["tagListType"]["max"] == logs["Tags"]["max"] == limits.MAX_TAGS
    for shapes, key, value in ((iam, "tagKeyType", "tagValueType"), (logs, "TagKey", "TagValue"),
                               (lambda_, "TagKey", "TagValue")):  # fmt: skip
        assert shapes[key]["max"] == limits.TAG_KEY_LENGTH[1]
        assert shapes[value]["max"] == limits.TAG_VALUE_MAX


def _shapes(service: str) -> dict:
    data = Path(botocore.__file__).parent / "data" / service
    with gzip.open(sorted(data.iterdir())[-1] / "service-2.json.gz") as f:
        return json.load(f)["shapes"]


# --- Refresh-token rotation ------------------------------------------------------------


def test_rotation_is_off_and_said_so_by_default(build, fake_aws):
    build({})
    assert fake_aws.one(CLIENT).inputs["refreshTokenRotation"] == {"feature": "DISABLED"}


def test_rotation_with_a_grace_period_per_client(build, fake_aws):
    flows = ["ALLOW_USER_SRP_AUTH"]
    build({
        "refresh_token_rotation": True,
        "refresh_token_grace_period_seconds": 60,
        "auth_flows": flows,
        "clients": {"spa": {"refresh_token_grace_period_seconds": 0},
                    "legacy": {"refresh_token_rotation": False, "refresh_token_grace_period_seconds": 0,
                               "auth_flows": [*flows, "ALLOW_REFRESH_TOKEN_AUTH"]}},
    })  # fmt: skip
    rotation = {
        c.inputs["name"]: c.inputs["refreshTokenRotation"] for c in fake_aws.of_type(CLIENT)
    }
    assert rotation == {
        "app": {"feature": "ENABLED", "retryGracePeriodSeconds": 60},
        "spa": {"feature": "ENABLED", "retryGracePeriodSeconds": 0},
        "legacy": {"feature": "DISABLED"},
    }


def test_a_rotating_client_may_not_refresh_by_initiate_auth(build, fake_aws, monitor):
    with pytest.raises(ConfigError) as error:
        build({"refresh_token_rotation": True})
    assert error.value.problems == [
        "refresh_token_rotation is true but auth_flows has ALLOW_REFRESH_TOKEN_AUTH: a rotating "
        "client refreshes with GetTokensFromRefreshToken only, so remove that flow"
    ]
    assert fake_aws.resources == []


# --- The pool's logs -------------------------------------------------------------------


def test_no_pool_logs_by_default(build, fake_aws):
    build({})
    assert fake_aws.of_type(DELIVERY) == [] and fake_aws.of_type(POLICY) == []


def test_user_notification_logs_go_to_a_vended_log_group_with_retention(build, fake_aws):
    build({"user_notification_logs": True, "log_retention_days": 90})
    group = fake_aws.named("auth-pool-logs")
    assert group.inputs["namePrefix"] == "/aws/vendedlogs/cognito/auth-"
    assert group.inputs["retentionInDays"] == 90
    group_arn = fake_aws.states["auth-pool-logs"]["arn"]
    delivery = fake_aws.one(DELIVERY).inputs
    assert delivery["userPoolId"] == fake_aws.ids["auth-user-pool"]
    assert delivery["logConfigurations"] == [{
        "eventSource": "userNotification", "logLevel": "ERROR",
        "cloudWatchLogsConfiguration": {"logGroupArn": group_arn},
    }]  # fmt: skip
    policy = fake_aws.one(POLICY).inputs
    assert policy["resourceArn"] == group_arn
    (statement,) = json.loads(policy["policyDocument"])["Statement"]
    assert statement["Principal"] == {"Service": DELIVERY_PRINCIPAL}
    assert statement["Action"] == ["logs:CreateLogStream", "logs:PutLogEvents"]
    assert statement["Resource"] == f"{group_arn}:log-stream:*"
    assert statement["Condition"] == {
        "StringEquals": {"aws:SourceAccount": ACCOUNT_ID},
        "ArnLike": {"aws:SourceArn": f"arn:aws:logs:{REGION}:{ACCOUNT_ID}:*"},
    }


def test_the_delivery_waits_for_its_policy(build, fake_aws, monitor):
    build({"user_notification_logs": True})
    delivery = monitor.request_for(DELIVERY)
    policy_urn = monitor.urns["auth-pool-logs-delivery"]
    assert policy_urn in delivery.dependencies


def test_user_activity_logs_on_plus(build, fake_aws):
    build({"user_notification_logs": True, "user_activity_logs": True,
           "user_pool_tier": "PLUS", "threat_protection": "AUDIT"})  # fmt: skip
    sources = [c["eventSource"] for c in fake_aws.one(DELIVERY).inputs["logConfigurations"]]
    levels = [c["logLevel"] for c in fake_aws.one(DELIVERY).inputs["logConfigurations"]]
    assert (sources, levels) == (["userNotification", "userAuthEvents"], ["ERROR", "INFO"])
