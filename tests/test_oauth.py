"""Machine-to-machine clients and resource servers, the custom domain and its certificate,
managed login and its branding, and the frontendConfig output: the wiring the component
registers for each, under mocks."""

import json

import pytest

from components import CognitoAuth
from components.frontend_config import frontend_client
from offline import evaluate

CLIENT = "aws:cognito/userPoolClient:UserPoolClient"
SERVER = "aws:cognito/resourceServer:ResourceServer"
DOMAIN = "aws:cognito/userPoolDomain:UserPoolDomain"
BRANDING = "aws:cognito/managedLoginBranding:ManagedLoginBranding"
CERTIFICATE = "aws:acm/certificate:Certificate"
VALIDATION = "aws:acm/certificateValidation:CertificateValidation"
RECORD = "aws:route53/record:Record"
API = "https://api.example.com"
ORDERS = {"orders": {"identifier": API, "scopes": {"read": "Read orders", "write": "Place orders"}}}
M2M = {"public": False, "oauth_flows": ["client_credentials"], "oauth_scopes": [f"{API}/read"]}
WEB = {"oauth_flows": ["code"], "oauth_scopes": ["openid", "email"],
       "callback_urls": ["https://app.example.com/cb"], "logout_urls": ["https://app.example.com/"]}  # fmt: skip
ARN = "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c"


@pytest.fixture
def build(fake_aws, monitor, tmp_path):
    def run(args: dict) -> dict:
        def program():
            auth = CognitoAuth("auth", args)
            return {
                "client_ids": auth.client_ids,
                "frontend": auth.frontend_config,
                "target": auth.custom_domain_cloudfront_target,
                "secrets": auth.client_secrets,
            }

        return evaluate(fake_aws, program, monitor=monitor, root_directory=tmp_path)

    return run


def _dependencies(monitor, name: str) -> list[str]:
    (request,) = [r for r in monitor.requests if r.name == name]
    return list(request.dependencies)


def test_machine_client_gets_client_credentials_and_its_resource_server(build, fake_aws, monitor):
    out = build({"resource_servers": ORDERS, "clients": {"m2m": M2M}})
    (server,) = fake_aws.of_type(SERVER)
    assert server.name == "auth-orders-resource-server"
    assert server.inputs["identifier"] == API and server.inputs["name"] == "orders"
    assert server.inputs["scopes"] == [
        {"scopeName": "read", "scopeDescription": "Read orders"},
        {"scopeName": "write", "scopeDescription": "Place orders"},
    ]
    client = fake_aws.named("auth-m2m-client").inputs
    assert client["generateSecret"] is True
    assert client["allowedOauthFlows"] == ["client_credentials"]
    assert client["allowedOauthFlowsUserPoolClient"] is True
    assert client["allowedOauthScopes"] == [f"{API}/read"]
    # A machine signs no user in: the top-level password and SRP flows are not inherited.
    assert client["explicitAuthFlows"] == ["ALLOW_REFRESH_TOKEN_AUTH"]
    assert out["secrets"]["m2m"].startswith("secret-")
    # Cognito refuses a scope of a resource server that does not exist yet.
    assert monitor.urns["auth-orders-resource-server"] in _dependencies(monitor, "auth-m2m-client")
    # The app client names no scope of it, so it waits for nothing.
    app = _dependencies(monitor, "auth-app-client")
    assert monitor.urns["auth-orders-resource-server"] not in app


def test_a_user_client_may_name_resource_server_scopes_too(build, fake_aws, monitor):
    web = {**WEB, "oauth_scopes": ["openid", f"{API}/write"]}
    build({"resource_servers": ORDERS, "clients": {"web": web}, "domain_prefix": "shop"})
    assert fake_aws.named("auth-web-client").inputs["allowedOauthScopes"] == [
        "openid",
        f"{API}/write",
    ]
    assert monitor.urns["auth-orders-resource-server"] in _dependencies(monitor, "auth-web-client")


def test_a_machine_client_keeps_auth_flows_it_names(build, fake_aws):
    build({"resource_servers": ORDERS,
           "clients": {"m2m": {**M2M, "auth_flows": ["ALLOW_REFRESH_TOKEN_AUTH"]}}})  # fmt: skip
    assert fake_aws.named("auth-m2m-client").inputs["explicitAuthFlows"] == [
        "ALLOW_REFRESH_TOKEN_AUTH"
    ]


def test_custom_domain_with_a_given_certificate(build, fake_aws):
    out = build({"custom_domain": "auth.example.com", "custom_domain_certificate_arn": ARN})
    (domain,) = fake_aws.of_type(DOMAIN)
    assert domain.inputs == {"domain": "auth.example.com", "userPoolId": domain.inputs["userPoolId"],
                             "certificateArn": ARN, "managedLoginVersion": 1}  # fmt: skip
    assert out["target"] == "d111.cloudfront.net"
    # The alias record is the owner's: no zone was given.
    assert fake_aws.of_type(CERTIFICATE) == fake_aws.of_type(RECORD) == []


def test_custom_domain_with_a_certificate_validated_in_a_hosted_zone(build, fake_aws, monitor):
    out = build({"custom_domain": "auth.example.com", "custom_domain_hosted_zone_id": "Z0123ABC"})
    certificate = fake_aws.one(CERTIFICATE).inputs
    assert certificate == {"domainName": "auth.example.com", "validationMethod": "DNS",
                           "region": "us-east-1"}  # fmt: skip
    issued = fake_aws.states["auth-certificate"]
    option = issued["domainValidationOptions"][0]
    validation_record = fake_aws.named("auth-certificate-validation").inputs
    assert validation_record["zoneId"] == "Z0123ABC"
    assert validation_record["name"] == option["resourceRecordName"]
    assert validation_record["type"] == "CNAME"
    assert validation_record["records"] == [option["resourceRecordValue"]]
    validation = fake_aws.one(VALIDATION).inputs
    assert validation["certificateArn"] == issued["arn"] and validation["region"] == "us-east-1"
    assert validation["validationRecordFqdns"] == [option["resourceRecordName"].rstrip(".")]
    # The domain waits for the validation (its ARN comes from it), then the alias points at it.
    domain = fake_aws.one(DOMAIN)
    assert domain.inputs["certificateArn"] == issued["arn"]
    assert monitor.urns["auth-certificate-validated"] in _dependencies(
        monitor, "auth-custom-domain"
    )
    alias = fake_aws.named("auth-custom-domain-alias").inputs
    assert alias["zoneId"] == "Z0123ABC" and alias["name"] == "auth.example.com"
    assert alias["type"] == "A"
    assert alias["aliases"] == [{"name": "d111.cloudfront.net", "zoneId": "Z2FDTNDATAQYW2",
                                 "evaluateTargetHealth": False}]  # fmt: skip
    assert out["target"] == "d111.cloudfront.net"


def test_managed_login_with_cognito_default_and_given_branding(build, fake_aws, tmp_path):
    style = {
        "components": {
            "primaryButton": {"lightMode": {"defaults": {"backgroundColor": "0972d3ff"}}}
        }
    }
    (tmp_path / "brand.json").write_text(json.dumps(style, indent=2))
    clients = {"web": {**WEB, "managed_login_branding": "cognito"},
               "admin": {**WEB, "managed_login_branding": "brand.json"}}  # fmt: skip
    out = build({"domain_prefix": "shop", "managed_login_version": 2, "clients": clients})
    assert fake_aws.one(DOMAIN).inputs["managedLoginVersion"] == 2
    styles = {b.name: b.inputs for b in fake_aws.of_type(BRANDING)}
    assert set(styles) == {"auth-web-branding", "auth-admin-branding"}
    assert styles["auth-web-branding"]["useCognitoProvidedValues"] is True
    assert "settings" not in styles["auth-web-branding"]
    assert styles["auth-web-branding"]["clientId"] == out["client_ids"]["web"]
    assert json.loads(styles["auth-admin-branding"]["settings"]) == style
    assert "useCognitoProvidedValues" not in styles["auth-admin-branding"]
    assert styles["auth-admin-branding"]["clientId"] == out["client_ids"]["admin"]


def test_frontend_config_has_the_hosted_ui_of_the_web_client(build):
    out = build({"domain_prefix": "shop", "clients": {"web": WEB}, "mfa": "OPTIONAL",
                 "mfa_totp": True, "password_minimum_length": 12})  # fmt: skip
    cognito = out["frontend"]["Auth"]["Cognito"]
    assert (
        cognito["userPoolClientId"] == out["client_ids"]["web"]
    )  # not app: web uses the hosted UI
    assert cognito["loginWith"] == {
        "email": True, "username": False, "phone": False,
        "oauth": {"domain": "shop.auth.us-east-1.amazoncognito.com", "scopes": ["openid", "email"],
                  "redirectSignIn": ["https://app.example.com/cb"],
                  "redirectSignOut": ["https://app.example.com/"], "responseType": "code"},
    }  # fmt: skip
    assert cognito["mfa"] == {"status": "optional", "totpEnabled": True, "smsEnabled": False}
    assert cognito["passwordFormat"]["minLength"] == 12
    assert cognito["passwordless"] == {"emailOtpEnabled": False, "smsOtpEnabled": False}


def test_frontend_config_names_the_clients_providers_and_passwordless_factors(build):
    google = {"type": "Google", "client_id": "g-id", "client_secret": "g-secret"}
    okta = {"type": "OIDC", "client_id": "o-id", "client_secret": "o-secret",
            "issuer": "https://okta.example.com"}  # fmt: skip
    out = build({
        "domain_prefix": "shop", "identity_providers": {"Google": google, "Okta": okta},
        "clients": {"web": {**WEB, "identity_providers": ["COGNITO", "Okta", "Google"],
                            "auth_flows": ["ALLOW_USER_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]}},
        "allowed_first_auth_factors": ["PASSWORD", "WEB_AUTHN"],
        "passkey_relying_party_id": "shop.example.com", "passkey_user_verification": "required",
        "verification_email_option": "CONFIRM_WITH_LINK",
    })  # fmt: skip
    cognito = out["frontend"]["Auth"]["Cognito"]
    # Amplify's names for the social providers, {"custom": name} for the others, in order.
    assert cognito["loginWith"]["oauth"]["providers"] == [{"custom": "Okta"}, "Google"]
    assert cognito["passwordless"] == {
        "emailOtpEnabled": False, "smsOtpEnabled": False,
        "webAuthn": {"relyingPartyId": "shop.example.com", "userVerification": "required"},
    }  # fmt: skip
    assert cognito["signUpVerificationMethod"] == "link"


def test_frontend_config_prefers_the_custom_domain(build):
    out = build({"domain_prefix": "shop", "custom_domain": "auth.example.com",
                 "custom_domain_certificate_arn": ARN, "clients": {"web": WEB}})  # fmt: skip
    assert out["frontend"]["Auth"]["Cognito"]["loginWith"]["oauth"]["domain"] == "auth.example.com"


def test_frontend_config_without_a_domain_has_no_oauth(build):
    out = build({"clients": {"web": WEB}})
    assert "oauth" not in out["frontend"]["Auth"]["Cognito"]["loginWith"]


@pytest.mark.parametrize(
    ("clients", "chosen"),
    [
        ({"app": {"public": True, "oauth_flows": []}}, "app"),
        ({"app": {"public": True, "oauth_flows": []}, "web": {"public": True, "oauth_flows": ["code"]}}, "web"),
        ({"m2m": {"public": False, "oauth_flows": ["client_credentials"]}, "app": {"public": True, "oauth_flows": []}}, "app"),
        ({"server": {"public": False, "oauth_flows": ["code"]}}, None),
    ],
)  # fmt: skip
def test_the_frontend_client_is_a_public_one(clients, chosen):
    assert frontend_client(clients) == chosen


def test_frontend_config_is_empty_when_every_client_has_a_secret(build):
    out = build({"clients": {"app": {"public": False}}})
    assert out["frontend"] == {}


@pytest.mark.parametrize(
    ("named_by", "login_with", "required"),
    [
        (["email"], {"email": True, "username": False, "phone": False}, {"email"}),
        (["phone_number"], {"email": False, "username": False, "phone": True}, {"phone_number"}),
        ([], {"email": False, "username": True, "phone": False}, set()),
    ],
)
def test_frontend_config_signs_in_with_the_username_attributes(
    build, named_by, login_with, required
):
    out = build({"username_attributes": named_by})
    cognito = out["frontend"]["Auth"]["Cognito"]
    assert cognito["loginWith"] == login_with
    assert set(cognito["userAttributes"]) == required


@pytest.mark.parametrize("protect", [True, False])
def test_a_protected_stack_keeps_the_custom_domain_its_certificate_and_its_alias(
    build, monitor, protect
):
    """Deleting the alias or the certificate takes the hosted UI's address down as surely as
    deleting the domain (an adversarial review found only the domain protected)."""
    build({"custom_domain": "auth.example.com", "custom_domain_hosted_zone_id": "Z0123ABC",
           "protect": protect, "user_pool_name": "shop"})  # fmt: skip
    protected = {r.name: r.protect for r in monitor.requests}
    for name in ("auth-custom-domain", "auth-custom-domain-alias", "auth-certificate",
                 "auth-certificate-validation", "auth-certificate-validated"):  # fmt: skip
        assert protected[name] is protect, (name, protected[name])
