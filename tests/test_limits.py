"""Every range the component enforces lies inside botocore's service models, so a value
the component accepts is one the AWS API accepts."""

import gzip
import json
from pathlib import Path

import botocore
import pytest

from components import limits
from components.args import DEFAULT_AUTH_FLOWS

DATA = Path(botocore.__file__).parent / "data"


def _shapes(service: str) -> dict:
    latest = sorted((DATA / service).iterdir())[-1]
    with gzip.open(latest / "service-2.json.gz") as f:
        return json.load(f)["shapes"]


COGNITO = _shapes("cognito-idp")
LAMBDA = _shapes("lambda")


@pytest.mark.parametrize(
    ("ours", "shape"),
    [
        (limits.PASSWORD_MIN_LENGTH, "PasswordPolicyMinLengthType"),
        (limits.TEMPORARY_PASSWORD_VALIDITY_DAYS, "TemporaryPasswordValidityDaysType"),
        (limits.PASSWORD_HISTORY_SIZE, "PasswordHistorySizeType"),
        (limits.AUTH_SESSION_VALIDITY_MINUTES, "AuthSessionValidityType"),
        (limits.NAME_LENGTH, "UserPoolNameType"),
        (limits.NAME_LENGTH, "ClientNameType"),
    ],
)
def test_cognito_ranges(ours, shape):
    model = COGNITO[shape]
    assert model["min"] <= ours[0] <= ours[1] <= model["max"]


def test_token_ranges_fit_the_model_in_its_units():
    # The model bounds the raw number; in minutes and hours ours must fit too.
    assert limits.ACCESS_TOKEN_VALIDITY_MINUTES[1] <= COGNITO["AccessTokenValidityType"]["max"]
    assert limits.ID_TOKEN_VALIDITY_MINUTES[1] <= COGNITO["IdTokenValidityType"]["max"]
    assert (
        limits.REFRESH_TOKEN_VALIDITY_HOURS[1] * 3600 <= COGNITO["RefreshTokenValidityType"]["max"]
    )
    assert {"minutes", "hours"} <= set(COGNITO["TimeUnitsType"]["enum"])


@pytest.mark.parametrize(
    ("ours", "shape"),
    [
        (limits.MFA_CONFIGURATIONS, "UserPoolMfaType"),
        (limits.USER_POOL_TIERS, "UserPoolTierType"),
        (limits.THREAT_PROTECTION_MODES, "AdvancedSecurityModeType"),
        (limits.AUTH_FLOWS + limits.LEGACY_AUTH_FLOWS, "ExplicitAuthFlowsType"),
        (DEFAULT_AUTH_FLOWS, "ExplicitAuthFlowsType"),
    ],
)
def test_cognito_enums(ours, shape):
    assert set(ours) <= set(COGNITO[shape]["enum"])


def test_name_pattern_is_the_models():
    assert COGNITO["UserPoolNameType"]["pattern"] == limits.NAME_PATTERN


def test_lambda_limits():
    assert LAMBDA["MemorySize"]["min"] <= limits.LAMBDA_MEMORY_MB[0]
    assert limits.LAMBDA_MEMORY_MB[1] <= LAMBDA["MemorySize"]["max"]
    assert LAMBDA["Timeout"]["min"] <= limits.TRIGGER_TIMEOUT_SECONDS[0]
    assert set(limits.LAMBDA_ARCHITECTURES) == set(LAMBDA["Architecture"]["enum"])
    from components.trigger_function import RUNTIME

    assert RUNTIME in LAMBDA["Runtime"]["enum"]


def test_log_retention_values_are_the_models():
    documented = _shapes("logs")["Days"]["documentation"]
    listed = documented.split("Possible values are: ")[1].split(".")[0]
    values = tuple(int(v) for v in listed.replace("and", "").split(","))
    assert values == limits.LOG_RETENTION_DAYS


def test_the_trigger_table_has_a_row_per_cognito_trigger_and_real_properties():
    import inspect

    import pulumi_aws as aws

    from components.triggers import TRIGGERS

    assert tuple(TRIGGERS) == limits.TRIGGER_NAMES
    assert set(TRIGGERS) <= set(COGNITO["LambdaConfigType"]["members"])
    # Each row's lambda_config key is a property pulumi-aws's user pool takes.
    properties = inspect.signature(aws.cognito.UserPoolLambdaConfigArgs).parameters
    assert {kind.lambda_config for kind in TRIGGERS.values()} - {None} <= set(properties)


def test_component_and_handler_reserve_the_same_claims():
    from functions import pre_token_generation

    assert set(limits.RESERVED_CLAIMS) == set(pre_token_generation.RESERVED_CLAIMS)
    assert limits.RESERVED_CLAIM_PREFIXES == pre_token_generation.RESERVED_PREFIXES


def test_token_minimums_fit_the_model():
    assert COGNITO["AccessTokenValidityType"]["min"] <= limits.ACCESS_TOKEN_VALIDITY_MINUTES[0] * 60
    assert COGNITO["IdTokenValidityType"]["min"] <= limits.ID_TOKEN_VALIDITY_MINUTES[0] * 60
    assert COGNITO["RefreshTokenValidityType"]["min"] <= limits.REFRESH_TOKEN_VALIDITY_HOURS[0]


@pytest.mark.parametrize(
    ("ours", "shape"),
    [
        (limits.PRE_TOKEN_GENERATION_VERSIONS, "PreTokenGenerationLambdaVersionType"),
        (limits.CUSTOM_SENDER_VERSIONS, "CustomEmailSenderLambdaVersionType"),
        (limits.CUSTOM_SENDER_VERSIONS, "CustomSMSSenderLambdaVersionType"),
        (limits.OAUTH_FLOWS, "OAuthFlowType"),
        (limits.ATTRIBUTE_TYPES, "AttributeDataType"),
        (limits.TRIGGER_NAMES, None),
    ],
)
def test_more_cognito_enums(ours, shape):
    if shape is None:  # trigger names are LambdaConfig's members, less the two settings
        members = set(COGNITO["LambdaConfigType"]["members"]) - {
            "KMSKeyID",
            "PreTokenGenerationConfig",
        }
        assert set(ours) == members
    else:
        assert set(ours) == set(COGNITO[shape]["enum"])


def test_more_cognito_ranges():
    assert (
        COGNITO["GroupNameType"]["min"],
        COGNITO["GroupNameType"]["max"],
    ) == limits.GROUP_NAME_LENGTH
    assert COGNITO["DescriptionType"]["max"] == limits.DESCRIPTION_MAX
    assert COGNITO["PrecedenceType"]["min"] == 0
    name = COGNITO["CustomAttributeNameType"]
    assert (name["min"], name["max"]) == limits.ATTRIBUTE_NAME_LENGTH
    assert COGNITO["SchemaAttributesListType"]["max"] == limits.MAX_CUSTOM_ATTRIBUTES
    assert COGNITO["CallbackURLsListType"]["max"] == limits.MAX_URLS
    url = COGNITO["RedirectUrlType"]
    assert (url["min"], url["max"]) == limits.URL_LENGTH
    assert COGNITO["DomainType"]["pattern"].strip("^$") == limits.DOMAIN_PREFIX_PATTERN
    assert COGNITO["DomainType"]["max"] == 63
    assert limits.TRIGGER_TIMEOUT_SECONDS[1] <= LAMBDA["Timeout"]["max"]


def test_identity_pool_name_and_trigger_alarms_fit_their_models():
    from components.trigger_alarms import ALARMS

    # The identity pool takes the user pool's name: the two shapes agree.
    identity = _shapes("cognito-identity")["IdentityPoolName"]
    pool = COGNITO["UserPoolNameType"]
    assert (identity["min"], identity["max"]) == limits.IDENTITY_POOL_NAME_LENGTH
    assert (identity["pattern"], identity["min"], identity["max"]) == (
        pool["pattern"], pool["min"], pool["max"])  # fmt: skip
    cloudwatch = _shapes("cloudwatch")
    assert {k.statistic["statistic"] for k in ALARMS if "statistic" in k.statistic} <= set(
        cloudwatch["Statistic"]["enum"]
    )
    assert "GreaterThanThreshold" in cloudwatch["ComparisonOperator"]["enum"]
