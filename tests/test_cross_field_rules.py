"""Each rule across settings runs whatever the settings it does not read are, Outputs of
other resources included, and is skipped only when one of its own settings is an Output.

Every rule has an example that breaks it. With Outputs in every setting the rule does not
read, the example must still be refused with the rule's message; with an Output in one of
the rule's own settings, the rule must stay silent.
"""

import pulumi
import pytest

from components import CognitoAuth, ConfigError
from components.args import SETTINGS
from components.cross_field_rules import RULES, Reading
from components.naming import PYTHON
from components.validation import validate
from offline import evaluate

LAMBDA = "arn:aws:lambda:us-east-1:123456789012:function:existing-trigger"
MIXED = ["USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
LONG_MODULE = "a_much_longer_module_name_here"
READ = {"effect": "Allow", "actions": ["s3:GetObject"], "resources": ["arn:aws:s3:::files/*"]}

# Rule → the settings that break it, and a fragment of its message.
EXAMPLES = {
    "mfa_needs_a_factor": ({"mfa": "ON"}, 'mfa is "ON" but no MFA factor is configured'),
    "threat_protection_needs_plus": ({"threat_protection": "AUDIT"}, 'needs user_pool_tier "PLUS"'),
    "password_history_needs_essentials": (
        {"password_history_size": 1, "user_pool_tier": "LITE"},
        "password_history_size is 1, which needs user_pool_tier",
    ),
    "from_address_needs_ses": (
        {"email_from": "a@example.com"},
        "a From address needs an SES identity",
    ),
    "default_group_is_a_group": ({"default_group": "staff"}, "which is not one of groups"),
    "claims_are_not_reserved": ({"token_claims": {"sub": "x"}}, 'token_claims sets "sub"'),
    "attributes_fit_in_a_pool": (
        {"custom_attributes": {f"a{i}": {"type": "Boolean"} for i in range(51)}},
        "custom_attributes has 51 entries",
    ),
    "attribute_constraints_fit_the_type": (
        {"custom_attributes": {"a": {"type": "Number", "min_length": 1}}},
        "custom_attributes.a.min_length is set, but only String attributes take it",
    ),
    "auth_flows_are_not_mixed": ({"auth_flows": MIXED}, "auth_flows is"),
    "refresh_outlives_the_tokens": (
        {"refresh_token_validity_hours": 1, "access_token_validity_minutes": 61},
        "refresh_token_validity_hours is 1 hours, shorter than access_token_validity_minutes",
    ),
    "a_pool_has_a_client": (
        {"clients": {"app": {"enabled": False}}},
        "clients leaves no app client",
    ),
    "client_auth_flows_are_not_mixed": (
        {"clients": {"spa": {"auth_flows": MIXED}}},
        "clients.spa.auth_flows is",
    ),
    "client_refresh_outlives_its_tokens": (
        {"clients": {"spa": {"refresh_token_validity_hours": 1}}, "id_token_validity_minutes": 61},
        "clients.spa.refresh_token_validity_hours is 1 hours, shorter than id_token_validity_minutes",
    ),
    "client_oauth_settings_agree": (
        {"clients": {"spa": {"oauth_flows": ["code"], "oauth_scopes": ["openid"]}}},
        "clients.spa.callback_urls is empty",
    ),
    "client_scopes_are_known": (
        {
            "clients": {
                "spa": {
                    "oauth_flows": ["code"],
                    "oauth_scopes": ["api/read"],
                    "callback_urls": ["https://app.example.com/cb"],
                }
            }
        },
        'clients.spa.oauth_scopes has ["api/read"]: a scope must be',
    ),  # fmt: skip
    "choice_based_sign_in_needs_essentials": (
        {"auth_flows": ["ALLOW_USER_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"], "user_pool_tier": "LITE"},
        "auth_flows has ALLOW_USER_AUTH (choice-based sign-in), which needs user_pool_tier",
    ),
    "shipped_variables_are_not_overridden": (
        {"triggers": {"PreSignUp": {"environment": {"AUTO_CONFIRM_USERS": "true"}}}},
        "sets AUTO_CONFIRM_USERS, which the shipped pre_sign_up handler takes from auto_confirm_users",
    ),
    "handler_settings_reach_their_handler": (
        {"allowed_email_domains": ["example.com"], "triggers": {"PreSignUp": {"enabled": False}}},
        "only the shipped pre_sign_up handler of PreSignUp acts on it",
    ),
    "environment_fits_lambda": (
        {"allowed_email_domains": [f"d{i}.example.com" for i in range(300)]},
        "(as Lambda measures it, the JSON of all its variables;",
    ),
    "trigger_can_be_configured": (
        {"triggers": {"InboundFederation": {"function_arn": LAMBDA}}},
        "pulumi-aws 7.51 cannot configure it yet",
    ),
    "trigger_has_one_function": ({"triggers": {"CustomMessage": {}}}, "needs handler"),
    "trigger_takes_its_version": (
        {"triggers": {"PreSignUp": {"lambda_version": "V2_0"}}},
        "only PreTokenGeneration and the custom sender triggers take a version",
    ),
    "trigger_version_fits_the_plan": (
        {"token_claims": {"tenant": "acme"}, "user_pool_tier": "LITE"},
        'lambda_version is "V2_0" (the default for the trigger that token_claims adds), which needs',
    ),
    "trigger_has_its_kms_key": (
        {"triggers": {"CustomSMSSender": {"function_arn": LAMBDA}}},
        "triggers.CustomSMSSender needs kms_key_arn",
    ),
    "shared_module_has_one_set_of_settings": (
        {"triggers": {"CustomMessage": {"handler": "pre_sign_up", "timeout_seconds": 2}}},
        "share the module pre_sign_up with different settings",
    ),
    "function_names_fit": (
        {"triggers": {"CustomMessage": {"handler": f"{LONG_MODULE}.py"}}},
        "longer than the 56 characters an autonamed role may have",
    ),
    "identity_pool_settings_need_the_pool": (
        {"allow_unauthenticated": True},
        "allow_unauthenticated is set but identity_pool is false",
    ),
    "unauthenticated_statements_need_unauthenticated_access": (
        {"identity_pool": True, "unauthenticated_statements": {"Read": READ}},
        "unauthenticated_statements is set but allow_unauthenticated is false",
    ),
    "statements_are_least_privilege": (
        {
            "identity_pool": True,
            "authenticated_statements": {
                "All": {"effect": "Allow", "actions": ["s3:*"], "resources": ["*"]}
            },
        },
        'authenticated_statements.All.actions has "s3:*" on',
    ),  # fmt: skip
    "role_policy_fits": (
        {
            "identity_pool": True,
            "authenticated_statements": {
                f"Read{i}": {
                    **READ,
                    "resources": [f"arn:aws:s3:::bucket-{i}-{j}/*" for j in range(40)],
                }
                for i in range(10)
            },
        },
        "authenticated_statements makes a policy of",
    ),  # fmt: skip
    "alarm_topic_needs_alarms": (
        {"trigger_alarms": False, "alarm_topic_arn": "arn:aws:sns:us-east-1:123456789012:alarms"},
        "alarm_topic_arn is set but trigger_alarms is false",
    ),
    # Sign-in beyond passwords (components/sign_in_rules.py).
    "password_stays_a_first_factor": (
        {"allowed_first_auth_factors": ["EMAIL_OTP"]},
        "Cognito keeps PASSWORD among the first factors",
    ),
    "passwordless_needs_essentials": (
        {"allowed_first_auth_factors": ["PASSWORD", "SMS_OTP"], "user_pool_tier": "LITE"},
        "allowed_first_auth_factors has SMS_OTP, which needs user_pool_tier",
    ),
    "email_codes_need_ses": (
        {"allowed_first_auth_factors": ["PASSWORD", "EMAIL_OTP"], "ses_source_arn": ""},
        "has EMAIL_OTP, which Cognito sends only through Amazon SES",
    ),
    "email_mfa_needs_ses": (
        {"mfa_email": True, "ses_source_arn": ""},
        "Cognito sends MFA codes by email only through Amazon SES",
    ),
    "email_mfa_needs_essentials": (
        {"mfa_email": True, "user_pool_tier": "LITE"},
        'mfa_email is true, which needs user_pool_tier "ESSENTIALS"',
    ),
    "mfa_factors_need_mfa": ({"mfa_sms": True}, 'mfa_sms is true but mfa is "OFF"'),
    "passwordless_is_not_with_required_mfa": (
        {"mfa": "ON", "allowed_first_auth_factors": ["PASSWORD", "EMAIL_OTP"]},
        'mfa is "ON", so Cognito offers none of EMAIL_OTP',
    ),
    "passwordless_has_a_client": (
        {"allowed_first_auth_factors": ["PASSWORD", "WEB_AUTHN"]},
        "but no app client allows ALLOW_USER_AUTH",
    ),
    "passkeys_have_a_relying_party": (
        {"allowed_first_auth_factors": ["PASSWORD", "WEB_AUTHN"], "passkey_relying_party_id": ""},
        "has WEB_AUTHN but passkey_relying_party_id is empty",
    ),
    "passkey_settings_need_passkeys": (
        {"passkey_user_verification": "required"},
        "passkey_user_verification is set, but allowed_first_auth_factors has no WEB_AUTHN",
    ),
    "email_mfa_message_needs_email_mfa": (
        {"email_mfa_message": "Your code: {####}"},
        "email_mfa_message is set, but mfa_email is false",
    ),
    "sms_settings_need_sms": (
        {"sms_authentication_message": "Code {####}"},
        "sms_authentication_message is set, but neither mfa_sms nor SMS_OTP",
    ),
    "sms_configuration_means_sms_mfa": (
        {
            "mfa": "OPTIONAL",
            "mfa_totp": True,
            "allowed_first_auth_factors": ["PASSWORD", "SMS_OTP"],
        },
        "so SMS also becomes an MFA factor",
    ),  # fmt: skip
    # Federation (components/federation_rules.py).
    "provider_is_named_as_cognito_requires": (
        {"identity_providers": {"Gmail": {"type": "Google"}}},
        "which Cognito requires to be named 'Google'",
    ),
    "provider_has_what_its_kind_needs": (
        {"identity_providers": {"Corp": {"type": "SAML"}}},
        "identity_providers.Corp needs exactly one of metadata_url and metadata_file",
    ),
    "provider_maps_to_pool_attributes": (
        {"identity_providers": {"Corp": {"type": "SAML", "attribute_mapping": {"tenant": "t"}}}},
        'identity_providers.Corp.attribute_mapping maps "tenant", which is not an attribute',
    ),
    "federation_needs_a_domain": (
        {"identity_providers": {"Corp": {"type": "SAML", "metadata_url": "https://x.example/m"}}},
        "but domain_prefix and custom_domain are empty: federated sign-in goes through",
    ),
    "client_providers_are_the_pools": (
        {"clients": {"spa": {"identity_providers": ["Okta"]}}},
        'clients.spa.identity_providers has "Okta", which is not COGNITO',
    ),
}
# Devices, messages, rotation, pool logs and adoption (components/hardening_rules.py).
EXAMPLES |= {
    "device_challenge_needs_devices_and_mfa": (
        {"challenge_required_on_new_device": True},
        'challenge_required_on_new_device is true but device_tracking is "OFF"',
    ),
    "email_templates_need_ses": (
        {"verification_email_subject": "Your code"},
        "verification_email_subject is set but ses_source_arn is empty",
    ),
    "link_verification_needs_a_domain": (
        {"verification_email_option": "CONFIRM_WITH_LINK"},
        "the link opens the pool's hosted UI domain",
    ),
    "rotation_fits_each_client": (
        {"refresh_token_rotation": True},
        "refresh_token_rotation is true but auth_flows has ALLOW_REFRESH_TOKEN_AUTH",
    ),
    "activity_logs_need_threat_protection": (
        {"user_activity_logs": True},
        'user_activity_logs is true, which needs user_pool_tier "PLUS"',
    ),
    "adopted_clients_belong_to_the_adopted_pool": (
        {"clients": {"app": {"import_id": "abc"}}},
        "a client is adopted with its pool",
    ),
}
# The OAuth rules (components/oauth_rules.py).
ORDERS = {"orders": {"identifier": "https://api.example.com", "scopes": {"read": "Read orders"}}}
CERTIFICATE = "arn:aws:acm:us-east-1:123456789012:certificate/abc"
EXAMPLES |= {
    "machine_clients_are_confidential": (
        {"resource_servers": ORDERS, "clients": {"m2m": {
            "oauth_flows": ["client_credentials"], "oauth_scopes": ["https://api.example.com/read"]}}},
        "clients.m2m.oauth_flows has client_credentials, which needs a confidential client",
    ),
    "resource_servers_fit_in_a_pool": (
        {"resource_servers": {**ORDERS, "again": ORDERS["orders"]}},
        'resource_servers.again.identifier is "https://api.example.com", the identifier of',
    ),
    "custom_domain_has_one_certificate": (
        {"custom_domain": "auth.example.com", "custom_domain_certificate_arn": CERTIFICATE,
         "custom_domain_hosted_zone_id": "Z123"},
        "custom_domain_certificate_arn and custom_domain_hosted_zone_id are both set",
    ),
    "managed_login_needs_a_domain": (
        {"managed_login_version": 2}, "managed_login_version is 2 but neither domain_prefix",
    ),
    "managed_login_needs_essentials": (
        {"managed_login_version": 2, "domain_prefix": "x", "user_pool_tier": "LITE"},
        "managed_login_version is 2 (managed login), which needs user_pool_tier",
    ),
    "managed_login_clients_have_a_style": (
        {"managed_login_version": 2, "domain_prefix": "x", "clients": {"spa": {
            "oauth_flows": ["code"], "oauth_scopes": ["openid"],
            "callback_urls": ["https://app.example.com/cb"]}}},
        "which shows a client no pages until it has a style",
    ),
}  # fmt: skip
COMPONENT = "x" * 30  # as long as a name may be, so that a long module cannot fit
BY_NAME = {rule.name: rule for rule in RULES}


@pytest.fixture(autouse=True)
def project(tmp_path, monkeypatch):
    """A project directory holding the long-named handler file."""
    (tmp_path / f"{LONG_MODULE}.py").write_text(
        "def handler(event, context=None):\n    return event\n"
    )
    monkeypatch.setattr(pulumi.runtime.settings.SETTINGS, "root_directory", str(tmp_path))


def _problems(args: dict) -> list[str]:
    try:
        validate(args, component=COMPONENT)
    except ConfigError as error:
        return error.problems
    return []


def _fires(rule_name: str, problems: list[str]) -> bool:
    return any(EXAMPLES[rule_name][1] in problem for problem in problems)


def test_every_rule_has_its_example_and_declares_real_settings():
    assert set(EXAMPLES) == set(BY_NAME)
    for rule in RULES:
        assert set(rule.reads) <= set(SETTINGS), rule.name


@pytest.mark.parametrize("name", list(EXAMPLES))
def test_the_rule_fires_with_outputs_in_every_setting_it_does_not_read(name):
    rule, (broken, _) = BY_NAME[name], EXAMPLES[name]
    others = [f for f in SETTINGS.values() if not f.plain and f.name not in rule.reads]
    assert others, "every rule leaves some settings that may be Outputs"
    args = {f.name: pulumi.Output.from_input(broken.get(f.name, f.default)) for f in others}
    args |= {field: value for field, value in broken.items() if field not in args}
    assert _fires(name, _problems(args)), name


def _own_outputs(judged_late: bool) -> list[tuple[str, str]]:
    return [
        (rule.name, field)
        for rule in RULES
        for field in rule.reads
        if not SETTINGS[field].plain
        and field in EXAMPLES[rule.name][0]
        and (field in rule.late) is judged_late
    ]


@pytest.mark.parametrize(("name", "field"), _own_outputs(judged_late=False))
def test_the_rule_is_skipped_when_its_own_setting_is_an_output(name, field):
    broken = EXAMPLES[name][0]
    assert _fires(name, _problems(broken))  # so that silence below means it was skipped
    late = {**broken, field: pulumi.Output.from_input(broken[field])}
    assert not _fires(name, _problems(late))


LATE = _own_outputs(judged_late=True)


@pytest.mark.parametrize(("name", "field"), LATE)
def test_a_guard_holds_when_a_setting_it_judges_late_is_an_output(name, field):
    """An Output there is "given", or counted as empty: never a way to skip the rule."""
    broken = EXAMPLES[name][0]
    late = {**broken, field: pulumi.Output.from_input(broken[field])}
    if name == "environment_fits_lambda":
        # Counted as empty, the Output cannot make the environment too big by itself...
        assert not _fires(name, _problems(late))
        # ...but what is too big beside it is still refused.
        big = {"triggers": {"PreSignUp": {"environment": {"EXTRA": "v" * 5000}}}}
        late = {**late, **big}
    assert _fires(name, _problems(late)), name


def test_the_allow_list_as_an_output_cannot_switch_a_guard_off():
    assert ("handler_settings_reach_their_handler", "allowed_email_domains") in LATE
    assert ("environment_fits_lambda", "allowed_email_domains") in LATE


def test_a_rule_sees_only_what_it_declares():
    rule = BY_NAME["mfa_needs_a_factor"]
    reading = Reading({"mfa": "ON", "mfa_totp": True, "user_pool_tier": "LITE"}, rule, PYTHON, None)
    assert reading["mfa"] == "ON"
    with pytest.raises(KeyError, match="does not declare"):
        reading["user_pool_tier"]


def test_an_output_elsewhere_no_longer_switches_off_the_mfa_rule(fake_aws):
    # The case of the issue: accepted before, because one input was an Output.
    domains = pulumi.Output.from_input(["example.com"])
    args = {"mfa": "ON", "mfa_totp": False, "allowed_email_domains": domains}
    with pytest.raises(ConfigError, match='mfa is "ON" but no MFA factor is configured'):
        evaluate(fake_aws, lambda: {"id": CognitoAuth("x", args).user_pool_id})
    assert fake_aws.resources == []


ARN = "arn:aws:lambda:us-east-1:123456789012:function:existing"


@pytest.mark.parametrize(
    ("triggers", "fragment"),
    [
        ({"PreTokenGeneration": {"enabled": False}}, "triggers.PreTokenGeneration.enabled is false"),
        ({"PreTokenGeneration": {"function_arn": ARN}}, "is an existing function"),
        ({"PreTokenGeneration": {"handler": "pre_sign_up"}}, 'handler is "pre_sign_up"'),
        ({"PreTokenGeneration": {"environment": {"ALLOWED_EMAIL_DOMAINS": ""}}},
         "sets ALLOWED_EMAIL_DOMAINS, which the shipped pre_token_generation handler takes"),
        ({"InboundFederation": {"function_arn": ARN}}, "cannot configure it yet"),
    ],
)  # fmt: skip
def test_an_allow_list_given_as_an_output_keeps_every_trigger_guard(fake_aws, triggers, fragment):
    """The review's finding: an Output allow-list used to skip every trigger rule, so the
    sign-in check could be switched off without a word."""
    domains = pulumi.Output.from_input(["example.com"])
    args = {"allowed_email_domains": domains, "triggers": triggers}
    with pytest.raises(ConfigError) as error:
        evaluate(fake_aws, lambda: {"id": CognitoAuth("x", args).user_pool_id})
    assert fragment in str(error.value)
    assert fake_aws.resources == []


def test_every_setting_that_may_be_an_output_reaches_its_resource_as_one(fake_aws):
    values = {
        "user_pool_name": "late", "password_minimum_length": 12, "mfa": "OPTIONAL",
        "mfa_totp": True, "user_pool_tier": "PLUS", "threat_protection": "AUDIT",
        "ses_source_arn": "arn:aws:ses:us-east-1:123456789012:identity/example.com",
        "email_from": "no-reply@example.com", "allowed_email_domains": ["example.com"],
        "auto_confirm_users": False, "trigger_architecture": "x86_64",
        "auth_flows": ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    }  # fmt: skip
    inputs = {f.name: values.get(f.name, f.default) for f in SETTINGS.values() if not f.plain}
    args = {name: pulumi.Output.from_input(value) for name, value in inputs.items()}
    evaluate(fake_aws, lambda: {"id": CognitoAuth("auth", args).user_pool_id})
    pool = fake_aws.one("aws:cognito/userPool:UserPool").inputs
    assert pool["name"] == "late" and pool["passwordPolicy"]["minimumLength"] == 12
    assert pool["softwareTokenMfaConfiguration"] == {"enabled": True}
    assert pool["userPoolAddOns"] == {"advancedSecurityMode": "AUDIT"}
    assert pool["emailConfiguration"]["fromEmailAddress"] == "no-reply@example.com"
    function = fake_aws.named("auth-pre-sign-up").inputs
    assert function["architectures"] == ["x86_64"]
    token_check = fake_aws.named("auth-pre-token-generation").inputs
    assert token_check["environment"]["variables"]["ALLOWED_EMAIL_DOMAINS"] == "example.com"
    assert function["environment"]["variables"] == {
        "AUTO_CONFIRM_USERS": "false", "AUTO_VERIFY_EMAIL": "false",
        "ALLOWED_EMAIL_DOMAINS": "example.com",
    }  # fmt: skip
    client = fake_aws.one("aws:cognito/userPoolClient:UserPoolClient").inputs
    assert client["explicitAuthFlows"] == ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
