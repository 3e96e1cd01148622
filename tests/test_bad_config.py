"""Bad stack config stops the program before anything registers, naming key, value and
what is allowed. Each bound is tried at ±1: the inside value must pass, the outside fail."""

import pytest

from components import ConfigError
from offline import run_program

# (config key, bad value as YAML would give it, what the message must say is allowed)
BAD = [
    ("passwordMinimumLength", 5, "from 6 to 99"),
    ("passwordMinimumLength", 100, "from 6 to 99"),
    ("passwordMinimumLength", "eight", "a whole number"),
    ("passwordMinimumLength", 8.5, "a whole number"),
    ("passwordRequireSymbols", "yes", "true or false"),
    ("passwordRequireLowercase", 1, "true or false"),
    ("temporaryPasswordValidityDays", 0, "from 1 to 365"),
    ("temporaryPasswordValidityDays", 366, "from 1 to 365"),
    ("passwordHistorySize", -1, "from 0 to 24"),
    ("passwordHistorySize", 25, "from 0 to 24"),
    ("mfa", "off", 'one of "OFF", "ON", "OPTIONAL"'),
    ("mfa", True, 'one of "OFF", "ON", "OPTIONAL"'),
    ("userPoolTier", "PREMIUM", 'one of "LITE", "ESSENTIALS", "PLUS"'),
    ("threatProtection", "FULL", 'one of "OFF", "AUDIT", "ENFORCED"'),
    ("protect", "maybe", "true or false"),
    ("userPoolName", "x" * 129, "a string of 1 to 128 characters"),
    ("userPoolName", "pool/with/slashes", "letters, digits, spaces and + = , . @ -"),
    ("sesSourceArn", "arn:aws:s3:::bucket", "SES identity ARN"),
    ("emailFrom", "not-an-address", "an email address"),
    ("allowedEmailDomains", "example.com", "a list of domains"),
    ("allowedEmailDomains", ["Example.COM"], "a lowercase domain name"),
    ("allowedEmailDomains", ["example.com", "example.com"], "no duplicates"),
    ("allowedEmailDomains", ["example.com", ""], "no empty entry"),
    ("allowedEmailDomains", ["@example.com"], "a lowercase domain name"),
    ("triggerTimeoutSeconds", 0, "from 1 to 5"),
    ("triggerTimeoutSeconds", 6, "from 1 to 5"),
    ("triggerMemoryMb", 127, "from 128 to 10240"),
    ("triggerMemoryMb", 10241, "from 128 to 10240"),
    ("triggerArchitecture", "arm", 'one of "arm64", "x86_64"'),
    ("logRetentionDays", 0, "one of 1, 3, 5, 7, 14"),
    ("logRetentionDays", 8, "one of 1, 3, 5, 7, 14"),
    ("logRetentionDays", 3654, "one of 1, 3, 5, 7, 14"),
    ("authFlows", [], "a non-empty list of auth flows"),
    ("authFlows", ["ALLOW_USER_SRP_AUTH", "ALLOW_SRP"], "each one of"),
    ("authFlows", ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_SRP_AUTH"], "no duplicates"),
    ("accessTokenValidityMinutes", 4, "from 5 to 1440"),
    ("accessTokenValidityMinutes", 1441, "from 5 to 1440"),
    ("idTokenValidityMinutes", 4, "from 5 to 1440"),
    ("idTokenValidityMinutes", 1441, "from 5 to 1440"),
    ("refreshTokenValidityHours", 0, "from 1 to 87600"),
    ("refreshTokenValidityHours", 87601, "from 1 to 87600"),
    ("authSessionValidityMinutes", 2, "from 3 to 15"),
    ("authSessionValidityMinutes", 16, "from 3 to 15"),
    ("kmsKeyArn", "key-1", "empty or a KMS key ARN"),
    ("defaultGroup", "has space", "empty or a group name"),
    ("tokenClaims", ["tenant"], "a map of names to strings"),
    ("domainPrefix", "Shop", "lowercase letters, digits and hyphens"),
    ("triggers", ["PreSignUp"], "a map of names to settings"),
    ("clients", "app", "a map of names to settings"),
    ("groups", {"admins": "yes"}, "a map of names to settings"),
    ("customAttributes", 3, "a map of names to settings"),
]

# Each bound's inside neighbour, which must be accepted.
GOOD = [
    ("passwordMinimumLength", 6), ("passwordMinimumLength", 99),
    ("temporaryPasswordValidityDays", 1), ("temporaryPasswordValidityDays", 365),
    ("passwordHistorySize", 0), ("passwordHistorySize", 24),
    ("triggerTimeoutSeconds", 1), ("triggerTimeoutSeconds", 5),
    ("triggerMemoryMb", 128), ("triggerMemoryMb", 10240),
    ("logRetentionDays", 1), ("logRetentionDays", 3653),
    ("accessTokenValidityMinutes", 5), ("accessTokenValidityMinutes", 60),
    ("idTokenValidityMinutes", 5), ("idTokenValidityMinutes", 60),
    ("refreshTokenValidityHours", 1), ("refreshTokenValidityHours", 87600),
    ("authSessionValidityMinutes", 3), ("authSessionValidityMinutes", 15),
    ("userPoolName", "x" * 128), ("userPoolName", "My pool+1,=.@-"),
    ("sesSourceArn", "arn:aws:ses:us-east-1:123456789012:identity/example.com"),
    ("allowedEmailDomains", ["example.com", "corp.example.org"]),
    ("authFlows", ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]),
    ("authFlows", ["USER_PASSWORD_AUTH"]),
]  # fmt: skip

# Settings that are each valid but contradict one another.
CONTRADICTIONS = [
    ({"mfa": "ON", "mfaTotp": False}, ["cognito-auth:mfa", "cognito-auth:mfaTotp"]),
    ({"mfa": "OPTIONAL"}, ["cognito-auth:mfa", "no MFA factor"]),
    ({"threatProtection": "AUDIT", "userPoolTier": "ESSENTIALS"},
     ["cognito-auth:threatProtection", 'cognito-auth:userPoolTier "PLUS"']),
    ({"passwordHistorySize": 3, "userPoolTier": "LITE"},
     ["cognito-auth:passwordHistorySize", "cognito-auth:userPoolTier"]),
    ({"emailFrom": "no-reply@example.com"}, ["cognito-auth:emailFrom", "cognito-auth:sesSourceArn"]),
    ({"refreshTokenValidityHours": 1, "accessTokenValidityMinutes": 61},
     ["cognito-auth:refreshTokenValidityHours", "cognito-auth:accessTokenValidityMinutes"]),
    ({"refreshTokenValidityHours": 2, "idTokenValidityMinutes": 121},
     ["cognito-auth:refreshTokenValidityHours", "cognito-auth:idTokenValidityMinutes"]),
    ({"authFlows": ["USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]},
     ["cognito-auth:authFlows", "mixes legacy"]),
    ({"passwordMinLength": 12}, ["did you mean cognito-auth:passwordMinimumLength?"]),
    ({"clients": {"spa": {"callbackUrls": ["https://x.example/cb"], "oauthFlows": ["code"]}}},
     ["cognito-auth:clients.spa.oauthFlows is set but cognito-auth:clients.spa.oauthScopes is empty"]),
    ({"triggers": {"PreSignUp": {"timeoutSeconds": 9}}},
     ["cognito-auth:triggers.PreSignUp.timeoutSeconds is 9"]),
    ({"triggers": {"PreSignUp": {"memory": 256}}},
     ["cognito-auth:triggers.PreSignUp.memory is not a setting; did you mean memoryMb?"]),
    ({"defaultGroup": "staff", "groups": {"admins": {}}},
     ['cognito-auth:defaultGroup is "staff", which is not one of cognito-auth:groups ("admins")']),
    ({"customAttributes": {"tenant": {"type": "String", "minValue": 1}}},
     ["cognito-auth:customAttributes.tenant.minValue is set, but only Number attributes take it"]),
]  # fmt: skip


def _run(fake_aws, monitor, overrides):
    config = {f"cognito-auth:{key}": value for key, value in overrides.items()}
    return run_program(fake_aws, "dev", monitor=monitor, config_overrides=config)


def _assert_nothing_registered(fake_aws, monitor):
    assert fake_aws.resources == []
    assert [r.type for r in monitor.requests] == ["pulumi:pulumi:Stack"]


@pytest.mark.parametrize(("key", "value", "allowed"), BAD, ids=lambda v: str(v)[:30])
def test_bad_value_is_refused_by_name(fake_aws, monitor, key, value, allowed):
    with pytest.raises(ConfigError) as error:
        _run(fake_aws, monitor, {key: value})
    (problem,) = error.value.problems
    assert problem.startswith(f"cognito-auth:{key} is ")
    shown = value if isinstance(value, str) and not isinstance(value, bool) else None
    if shown is not None:
        assert f'"{value}"' in problem
    assert allowed in problem
    _assert_nothing_registered(fake_aws, monitor)


@pytest.mark.parametrize(("key", "value"), GOOD, ids=lambda v: str(v)[:30])
def test_value_at_the_bound_is_accepted(fake_aws, monitor, key, value):
    exports = _run(fake_aws, monitor, {key: value})
    assert exports["userPoolId"]
    assert len(fake_aws.resources) == 8


@pytest.mark.parametrize(("overrides", "fragments"), CONTRADICTIONS, ids=str)
def test_contradictions_name_every_key_involved(fake_aws, monitor, overrides, fragments):
    with pytest.raises(ConfigError) as error:
        _run(fake_aws, monitor, overrides)
    message = str(error.value)
    for fragment in fragments:
        assert fragment in message
    _assert_nothing_registered(fake_aws, monitor)


def test_every_problem_is_reported_at_once(fake_aws, monitor):
    with pytest.raises(ConfigError) as error:
        _run(fake_aws, monitor, {"mfa": "NEVER", "triggerTimeoutSeconds": 30, "protectt": True})
    keys = sorted(p.split(" ")[0] for p in error.value.problems)
    assert keys == [
        "cognito-auth:mfa",
        "cognito-auth:protectt",
        "cognito-auth:triggerTimeoutSeconds",
    ]


def test_bad_table_covers_every_setting_but_the_booleans_and_free_text():
    from components.config import CONFIG_KEYS

    covered = {key for key, _, _ in BAD}
    untested = set(CONFIG_KEYS) - covered
    # Booleans share one rule (two rows above); the trigger flags are booleans too.
    assert untested == {
        "passwordRequireUppercase", "passwordRequireNumbers", "mfaTotp",
        "autoConfirmUsers", "autoVerifyEmail",
    }  # fmt: skip
