"""Signing in beyond a password, under Pulumi mocks: identity providers (one per kind, their
secrets kept secret), the providers each client accepts, choice-based first factors,
passkeys, email MFA, and SMS with the role Cognito sends it through."""

import json

import pytest
from google.protobuf import json_format

from components import CognitoAuth, ConfigError
from components.identity_providers import PROVIDER_KINDS
from offline import evaluate, run_program
from tests.fake_aws import ACCOUNT_ID

IDP = "aws:cognito/identityProvider:IdentityProvider"
POOL = "aws:cognito/userPool:UserPool"
CLIENT = "aws:cognito/userPoolClient:UserPoolClient"
ROLE = "aws:iam/role:Role"
ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy"
SES = "arn:aws:ses:us-east-1:123456789012:identity/example.com"
GIVEN_ROLE = "arn:aws:iam::123456789012:role/existing-sms"
SECRET = "s3cr3t-value-never-in-clear"
APPLE_KEY = "-----BEGIN PRIVATE KEY-----\nMIG-apple-key\n-----END PRIVATE KEY-----"
CALLBACK = "https://app.example.com/cb"
WEB = {"oauth_flows": ["code"], "oauth_scopes": ["openid", "email"], "callback_urls": [CALLBACK]}
SIG_KEY, SECRET_SIG = "4dabf18193072939515e22adb298388d", "1b47061264138c4ac30d75fd1eb44270"


def plain(value):
    """A registered value with the wire format's secret markers taken off."""
    if isinstance(value, dict):
        if value.get(SIG_KEY) == SECRET_SIG:
            return plain(value["value"])
        return {k: plain(v) for k, v in value.items()}
    return value


def secret_paths(value, path=()) -> set[tuple]:
    """Where a registered value holds a secret: () for the whole value."""
    if isinstance(value, dict):
        if value.get(SIG_KEY) == SECRET_SIG:
            return {path}
        return set().union(*(secret_paths(v, (*path, k)) for k, v in value.items()))
    return set()


PROVIDERS = {
    "Google": {"type": "Google", "client_id": "g.apps.googleusercontent.com",
               "client_secret": SECRET},
    "Facebook": {"type": "Facebook", "client_id": "1234", "client_secret": SECRET,
                 "api_version": "v17.0"},
    "LoginWithAmazon": {"type": "LoginWithAmazon", "client_id": "amzn1.application-oa2-client.1",
                        "client_secret": SECRET},
    "SignInWithApple": {"type": "SignInWithApple", "client_id": "com.example.app",
                        "team_id": "TEAM123456", "key_id": "KEY1234567", "private_key": APPLE_KEY},
    "Okta": {"type": "OIDC", "client_id": "okta-client", "client_secret": SECRET,
             "issuer": "https://example.okta.com", "scopes": ["openid", "email", "profile"],
             "attribute_mapping": {"email": "email", "name": "name"}},
    "Corp": {"type": "SAML", "metadata_url": "https://idp.example.com/metadata"},
    "CorpFile": {"type": "SAML", "metadata_file": "<EntityDescriptor/>"},
}  # fmt: skip


def _build(fake_aws, args, monitor=None):
    return evaluate(fake_aws, lambda: CognitoAuth("auth", args).exports(), monitor=monitor)


def _federated(**more) -> dict:
    return {
        "domain_prefix": "shop-auth",
        "identity_providers": PROVIDERS,
        "clients": {"web": {**WEB, "identity_providers": ["COGNITO", "Google", "Okta"]}},
        **more,
    }


def test_one_identity_provider_per_entry_each_as_its_kind_row_says(fake_aws):
    _build(fake_aws, _federated())
    registered = {r.inputs["providerName"]: plain(r.inputs) for r in fake_aws.of_type(IDP)}
    assert set(registered) == set(PROVIDERS)
    google = registered["Google"]
    assert google["providerType"] == "Google"
    assert google["userPoolId"] == fake_aws.ids["auth-user-pool"]
    assert google["providerDetails"] == {
        "client_id": "g.apps.googleusercontent.com", "client_secret": SECRET,
        "authorize_scopes": "openid email profile",
    }  # fmt: skip
    assert google["attributeMapping"] == {"email": "email"}
    # Facebook joins its scopes with commas, as Cognito's model shows them.
    assert registered["Facebook"]["providerDetails"]["authorize_scopes"] == "public_profile,email"
    assert registered["Facebook"]["providerDetails"]["api_version"] == "v17.0"
    apple = registered["SignInWithApple"]["providerDetails"]
    assert {k: apple[k] for k in ("team_id", "key_id", "private_key")} == {
        "team_id": "TEAM123456",
        "key_id": "KEY1234567",
        "private_key": APPLE_KEY,
    }
    assert "client_secret" not in apple
    okta = registered["Okta"]
    assert okta["providerType"] == "OIDC"
    assert okta["providerDetails"] == {
        "client_id": "okta-client", "client_secret": SECRET, "oidc_issuer": "https://example.okta.com",
        "attributes_request_method": "GET", "authorize_scopes": "openid email profile",
    }  # fmt: skip
    assert okta["attributeMapping"] == {"email": "email", "name": "name"}
    assert registered["Corp"]["providerDetails"] == {
        "MetadataURL": "https://idp.example.com/metadata"
    }
    assert registered["CorpFile"]["providerDetails"] == {"MetadataFile": "<EntityDescriptor/>"}
    assert registered["Corp"]["attributeMapping"] == {"email": PROVIDER_KINDS["SAML"].email_claim}


def test_each_client_accepts_the_providers_it_names_and_waits_for_them(fake_aws, monitor):
    _build(fake_aws, _federated(), monitor)
    clients = {r.inputs["name"]: r.inputs for r in fake_aws.of_type(CLIENT)}
    assert clients["web"]["supportedIdentityProviders"] == ["COGNITO", "Google", "Okta"]
    assert clients["app"]["supportedIdentityProviders"] == ["COGNITO"]  # the default
    web = next(r for r in monitor.requests if r.name == "auth-web-client")
    app = next(r for r in monitor.requests if r.name == "auth-app-client")
    urns = monitor.urns
    assert {urns["auth-Google-idp"], urns["auth-Okta-idp"]} <= set(web.dependencies)
    assert urns["auth-Corp-idp"] not in web.dependencies
    assert not {urns[f"auth-{name}-idp"] for name in PROVIDERS} & set(app.dependencies)


def test_provider_secrets_are_registered_as_secrets_and_exported_nowhere(fake_aws, monitor):
    exports = _build(fake_aws, _federated(), monitor)
    assert SECRET not in json.dumps(exports, default=str) and APPLE_KEY not in json.dumps(
        exports, default=str
    )
    for name, field in (("Google", "client_secret"), ("Okta", "client_secret"),
                        ("SignInWithApple", "private_key")):  # fmt: skip
        request = next(r for r in monitor.requests if r.name == f"auth-{name}-idp")
        details = json_format.MessageToDict(request.object)["providerDetails"]
        assert secret_paths(details) == {(field,)}, name
        # ...and what the provider answers for the map is kept secret whole, in the state too.
        assert "providerDetails" in request.additionalSecretOutputs
    saml = next(r for r in monitor.requests if r.name == "auth-Corp-idp")
    assert secret_paths(json_format.MessageToDict(saml.object)) == set()


STACK_PROVIDERS = {
    "Google": {"type": "Google", "clientId": "g.apps.googleusercontent.com", "clientSecret": SECRET}
}


def test_a_stack_file_with_a_provider_secret_in_clear_is_refused(fake_aws):
    with pytest.raises(ConfigError) as error:
        run_program(fake_aws, "dev", config_overrides={
            "domainPrefix": "shop-auth", "identityProviders": STACK_PROVIDERS})  # fmt: skip
    assert error.value.problems == [
        "cognito-auth:identityProviders.Google.clientSecret is in clear in the stack file: set it "
        "with `pulumi config set --secret --path 'cognito-auth:identityProviders.Google."
        "clientSecret' <value>`, which keeps it encrypted there and in the state"
    ]
    assert fake_aws.resources == []


def test_a_provider_secret_from_secret_config_is_deployed_as_a_secret(fake_aws, monitor):
    exports = run_program(
        fake_aws, "dev", monitor=monitor,
        config_overrides={"domainPrefix": "shop-auth", "identityProviders": STACK_PROVIDERS},
        secret_keys=["cognito-auth:identityProviders"],
    )  # fmt: skip
    assert plain(fake_aws.one(IDP).inputs["providerDetails"])["client_secret"] == SECRET
    request = monitor.request_for(IDP)
    assert secret_paths(json_format.MessageToDict(request.object)) == {
        ("providerDetails", "client_secret")
    }
    assert SECRET not in json.dumps(dict(exports), default=str)


def test_choice_based_sign_in_sets_the_first_factors_and_passkeys(fake_aws):
    _build(fake_aws, {
        "allowed_first_auth_factors": ["PASSWORD", "EMAIL_OTP", "WEB_AUTHN"],
        "ses_source_arn": SES,
        "passkey_relying_party_id": "auth.example.com",
        "passkey_user_verification": "required",
        "clients": {"app": {"auth_flows": ["ALLOW_USER_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]}},
    })  # fmt: skip
    pool = fake_aws.one(POOL).inputs
    assert pool["signInPolicy"] == {
        "allowedFirstAuthFactors": ["PASSWORD", "EMAIL_OTP", "WEB_AUTHN"]
    }
    assert pool["webAuthnConfiguration"] == {
        "relyingPartyId": "auth.example.com",
        "userVerification": "required",
    }
    assert pool["emailConfiguration"]["emailSendingAccount"] == "DEVELOPER"
    assert "emailMfaConfiguration" not in pool and "smsConfiguration" not in pool
    client = fake_aws.one(CLIENT).inputs
    assert client["explicitAuthFlows"] == ["ALLOW_USER_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]


def test_a_pool_that_asks_nothing_new_keeps_password_alone_and_no_passkeys(fake_aws):
    _build(fake_aws, {})
    pool = fake_aws.one(POOL).inputs
    assert pool["signInPolicy"] == {"allowedFirstAuthFactors": ["PASSWORD"]}
    assert not {"webAuthnConfiguration", "emailMfaConfiguration", "smsConfiguration"} & set(pool)
    assert pool["accountRecoverySetting"] == {
        "recoveryMechanisms": [{"name": "verified_email", "priority": 1.0}]
    }
    assert fake_aws.of_type(ROLE) == [fake_aws.named("auth-pre-sign-up-role")]
    assert fake_aws.of_type(IDP) == []


def test_email_mfa_sets_its_message_and_a_second_recovery_method(fake_aws):
    _build(fake_aws, {
        "mfa": "OPTIONAL", "mfa_email": True, "ses_source_arn": SES,
        "email_mfa_message": "Your code is {####}",
    })  # fmt: skip
    pool = fake_aws.one(POOL).inputs
    assert pool["emailMfaConfiguration"] == {"message": "Your code is {####}"}
    assert pool["mfaConfiguration"] == "OPTIONAL"
    assert pool["accountRecoverySetting"]["recoveryMechanisms"] == [
        {"name": "verified_email", "priority": 1.0},
        {"name": "verified_phone_number", "priority": 2.0},
    ]


def test_sms_mfa_gets_a_role_only_cognito_of_this_account_may_assume(fake_aws):
    _build(fake_aws, {
        "mfa": "OPTIONAL", "mfa_sms": True,
        "sms_authentication_message": "Your code: {####}",
    })  # fmt: skip
    role = fake_aws.named("auth-sms-role")
    trust = json.loads(role.inputs["assumeRolePolicy"])
    (statement,) = trust["Statement"]
    pool = fake_aws.one(POOL).inputs
    external = pool["smsConfiguration"]["externalId"]
    assert statement == {
        "Effect": "Allow",
        "Principal": {"Service": "cognito-idp.amazonaws.com"},
        "Action": "sts:AssumeRole",
        "Condition": {
            "StringEquals": {"sts:ExternalId": external, "aws:SourceAccount": ACCOUNT_ID}
        },
    }
    assert len(external) == 36  # a UUID derived from project, stack and component
    assert pool["smsConfiguration"]["snsCallerArn"] == fake_aws.states["auth-sms-role"]["arn"]
    policy = json.loads(fake_aws.named("auth-sms-publish").inputs["policy"])
    assert policy["Statement"] == [
        {"Sid": "PublishSms", "Effect": "Allow", "Action": "sns:Publish", "Resource": "*"},
        {"Sid": "NoTopics", "Effect": "Deny", "Action": "sns:Publish",
         "Resource": "arn:aws:sns:*:*:*"},
    ]  # fmt: skip
    assert fake_aws.named("auth-sms-publish").inputs["role"] == fake_aws.ids["auth-sms-role"]
    assert pool["smsAuthenticationMessage"] == "Your code: {####}"


def test_the_external_id_is_stable_and_can_be_given(fake_aws):
    _build(fake_aws, {"mfa": "OPTIONAL", "mfa_sms": True})
    derived = fake_aws.one(POOL).inputs["smsConfiguration"]["externalId"]
    fake_aws.resources.clear()
    _build(fake_aws, {"mfa": "OPTIONAL", "mfa_sms": True})
    assert fake_aws.one(POOL).inputs["smsConfiguration"]["externalId"] == derived
    fake_aws.resources.clear()
    _build(fake_aws, {"mfa": "OPTIONAL", "mfa_sms": True, "sms_external_id": "shop-sms-2026"})
    assert fake_aws.one(POOL).inputs["smsConfiguration"]["externalId"] == "shop-sms-2026"


def test_a_given_sms_role_is_used_and_none_is_created(fake_aws):
    _build(fake_aws, {"allowed_first_auth_factors": ["PASSWORD", "SMS_OTP"],
                      "auth_flows": ["ALLOW_USER_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
                      "sms_role_arn": GIVEN_ROLE, "sms_external_id": "given-external"})  # fmt: skip
    pool = fake_aws.one(POOL).inputs
    assert pool["smsConfiguration"] == {"snsCallerArn": GIVEN_ROLE, "externalId": "given-external"}
    assert [r.name for r in fake_aws.of_type(ROLE)] == ["auth-pre-sign-up-role"]
    assert all("sms" not in r.name for r in fake_aws.of_type(ROLE_POLICY))


@pytest.mark.parametrize(
    ("args", "problem"),
    [
        ({"allowed_first_auth_factors": ["EMAIL_OTP"]},
         'allowed_first_auth_factors is ["EMAIL_OTP"]: Cognito keeps PASSWORD among the first factors'),
        ({"clients": {"web": {**WEB, "identity_providers": ["Gogle"]}}},
         'clients.web.identity_providers has "Gogle", which is not COGNITO or one of identity_providers (none defined)'),
        ({"identity_providers": {"Google": PROVIDERS["Google"]}},
         "identity_providers has Google, but domain_prefix and custom_domain are empty: "
         "federated sign-in goes through"),
    ],
)  # fmt: skip
def test_the_python_api_refuses_by_field_name(fake_aws, args, problem):
    with pytest.raises(ConfigError) as error:
        _build(fake_aws, args)
    assert any(p.startswith(problem) for p in error.value.problems), error.value.problems
    assert fake_aws.resources == []


def test_passkeys_stay_a_first_factor_where_mfa_is_required(fake_aws):
    # A one-time code would not be offered with MFA ON (refused); a passkey still is.
    _build(fake_aws, {
        "mfa": "ON", "mfa_totp": True,
        "allowed_first_auth_factors": ["PASSWORD", "WEB_AUTHN"],
        "passkey_relying_party_id": "auth.example.com",
        "auth_flows": ["ALLOW_USER_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    })  # fmt: skip
    pool = fake_aws.one(POOL).inputs
    assert pool["signInPolicy"] == {"allowedFirstAuthFactors": ["PASSWORD", "WEB_AUTHN"]}
    assert pool["mfaConfiguration"] == "ON"


def test_a_custom_domain_alone_serves_federation(fake_aws):
    # Cognito sends a provider's users back to either domain's /oauth2/idpresponse.
    certificate = (
        "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789"
    )
    _build(fake_aws, {
        "custom_domain": "auth.example.com", "custom_domain_certificate_arn": certificate,
        "identity_providers": {"Google": PROVIDERS["Google"]},
        "clients": {"web": {**WEB, "identity_providers": ["COGNITO", "Google"]}},
    })  # fmt: skip
    assert [r.inputs["providerName"] for r in fake_aws.of_type(IDP)] == ["Google"]


def test_a_clear_secret_beside_an_encrypted_leaf_is_found_in_the_stack_file(tmp_path, monkeypatch):
    """One `--secret --path` leaf makes Pulumi mark the whole key secret, so the config API
    cannot tell a clear clientSecret beside it: the stack file can (an adversarial review's)."""
    import components.config as config_module
    from components.identity_providers import secrets_in_clear

    key = "cognito-auth:identityProviders"
    (tmp_path / "Pulumi.dev.yaml").write_text(
        "config:\n"
        f"  {key}:\n"
        "    Google:\n"
        "      type: Google\n"
        "      clientId:\n"
        "        secure: v1:AAAA\n"
        "      clientSecret: PLAINSECRET\n"
        "    Okta:\n"
        "      type: OIDC\n"
        "      clientSecret:\n"
        "        secure: v1:BBBB\n"
    )
    monkeypatch.setattr(config_module.pulumi, "get_root_directory", lambda: str(tmp_path))
    monkeypatch.setattr(config_module.pulumi, "get_stack", lambda: "dev")
    monkeypatch.setattr(config_module.runtime_config, "is_config_secret", lambda k: k == key)
    held = config_module._as_written(key, {"identityProviders": "{}"})
    assert secrets_in_clear(held, key) == [
        f"{key}.Google.clientSecret is in clear in the stack file: set it with "
        f"`pulumi config set --secret --path '{key}.Google.clientSecret' <value>`, "
        "which keeps it encrypted there and in the state"
    ]
