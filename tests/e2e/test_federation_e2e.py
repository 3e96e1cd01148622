"""OIDC federation end to end: a local OpenID Connect provider (node-oidc-provider, started
on 127.0.0.1 by the test), a stack whose identity provider's client secret is set with
`pulumi config set --secret --path`, the real `pulumi up`, then a browser's sign-in:
Cognito's /oauth2/authorize → the provider's login and consent → Cognito's
/oauth2/idpresponse → the app's callback with a Cognito code → /oauth2/token → tokens
verified against the pool's JWKS, for a user Cognito created from the provider's claims.

The hosted UI domain (https://<prefix>.auth.<region>.amazoncognito.com) is where the
provider sends the browser back; here that name resolves nowhere, so the browser is pointed
at the emulator, which serves that domain's paths, as DNS would point it at Cognito.
"""

import base64
import secrets
import zlib
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlparse

import pytest
import requests

from sandbox import EmulatorClients
from tests.e2e import oidc_idp
from tests.e2e.conftest import forget, settings
from tests.e2e.hosted_ui import code_from, tokens_for, verified

PREFIX = "e2e-federation"
HOSTED_UI = f"https://{PREFIX}.auth.us-east-1.amazoncognito.com"
CALLBACK = "http://localhost:8124/cb"
CLIENT_ID = "cognito-e2e"
SECRET = f"idp-secret-{secrets.token_hex(12)}"
SSO = "https://idp.example.com/saml/sso"
METADATA = (
    '<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="urn:example:idp">'
    '<IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">'
    '<SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" '
    f'Location="{SSO}"/></IDPSSODescriptor></EntityDescriptor>'
)


@pytest.fixture(scope="module")
def idp():
    if (why := oidc_idp.missing()) is not None:
        pytest.fail(f"the federation test needs its local OIDC provider: {why}")
    with oidc_idp.running(
        oidc_idp.free_port(), CLIENT_ID, SECRET, f"{HOSTED_UI}/oauth2/idpresponse"
    ) as running:
        yield running


@pytest.fixture(scope="module")
def federated(sandbox, emulator, idp):
    config = settings(
        domainPrefix=PREFIX,
        identityProviders={
            "LocalIdP": {
                "type": "OIDC",
                "clientId": CLIENT_ID,
                "issuer": idp.issuer,
                "scopes": ["openid", "email"],
            },
            "Corp": {"type": "SAML", "metadataFile": METADATA},
        },
        clients={
            "web": {
                "oauthFlows": ["code"],
                "oauthScopes": ["openid", "email"],
                "callbackUrls": [CALLBACK],
                "identityProviders": ["COGNITO", "LocalIdP", "Corp"],
            }
        },
    )
    stack = sandbox.stack("e2e-federation", stack_file="dev", config=config)
    stack.ensure()
    # As a user would: the secret goes in with --secret, encrypted in the stack file.
    stack.config_set(
        "cognito-auth:identityProviders.LocalIdP.clientSecret", SECRET, path=True, secret=True
    )
    stack.up(sync=False)
    yield stack, stack.outputs(show_secrets=True), emulator.running().endpoint
    forget(stack)


def _hosted(endpoint: str, url: str) -> str:
    """A hosted UI domain URL, sent to the emulator that serves it."""
    parsed = urlparse(url)
    assert f"{parsed.scheme}://{parsed.netloc}" == HOSTED_UI, url
    return f"{endpoint}{parsed.path}?{parsed.query}"


def test_the_stack_file_holds_the_secret_encrypted_and_the_pool_the_provider(federated):
    stack, outputs, endpoint = federated
    assert SECRET not in stack.config_file.read_text()
    assert "secure:" in stack.config_file.read_text()
    idp = EmulatorClients(endpoint)("cognito-idp")
    provider = idp.describe_identity_provider(
        UserPoolId=outputs["userPoolId"], ProviderName="LocalIdP"
    )["IdentityProvider"]
    assert provider["ProviderType"] == "OIDC"
    assert provider["ProviderDetails"]["client_secret"] == SECRET  # decrypted for AWS only
    assert provider["AttributeMapping"] == {"email": "email"}
    client = idp.describe_user_pool_client(
        UserPoolId=outputs["userPoolId"], ClientId=outputs["clientIds"]["web"]
    )["UserPoolClient"]
    assert client["SupportedIdentityProviders"] == ["COGNITO", "LocalIdP", "Corp"]


def test_the_secret_is_nowhere_in_clear_in_the_state_or_the_sandbox(federated, sandbox):
    stack, _, _ = federated
    state = stack.pulumi("stack", "export").stdout
    assert SECRET not in state
    masked = stack.pulumi("stack", "output", "--json").stdout
    assert SECRET not in masked
    for path in Path(sandbox.home).rglob("*"):
        if path.is_file() and "venv" not in path.parts and path.stat().st_size < 5_000_000:
            assert SECRET.encode() not in path.read_bytes(), path


def test_a_user_signs_in_through_the_local_provider(federated, idp):
    stack, outputs, endpoint = federated
    client_id = outputs["clientIds"]["web"]
    browser = requests.Session()
    query = {"identity_provider": "LocalIdP", "client_id": client_id, "response_type": "code",
             "scope": "openid email", "redirect_uri": CALLBACK, "state": "fed-1"}  # fmt: skip
    to_idp = browser.get(
        f"{endpoint}/oauth2/authorize?{urlencode(query)}", allow_redirects=False, timeout=10
    )
    assert to_idp.status_code == 302
    location = to_idp.headers["Location"]
    assert location.startswith(f"{idp.issuer}/auth?"), location
    login = f"fed{secrets.token_hex(3)}"
    back = oidc_idp.sign_in(browser, location, login, until=f"{HOSTED_UI}/oauth2/idpresponse")
    to_app = browser.get(_hosted(endpoint, back), allow_redirects=False, timeout=20)
    code = code_from(to_app, CALLBACK, "fed-1")
    tokens = tokens_for(endpoint, code, client_id, CALLBACK)
    jwks = f"{endpoint}/{outputs['userPoolId']}/.well-known/jwks.json"
    claims = verified(jwks, tokens["id_token"], audience=client_id)
    # The provider's email claim, mapped to the pool's email attribute.
    assert claims["email"] == f"{login}@idp.example"
    assert claims["cognito:username"] == f"LocalIdP_{login}"
    (identity,) = claims["identities"]
    assert (identity["providerName"], identity["providerType"], identity["userId"]) == (
        "LocalIdP", "OIDC", login)  # fmt: skip
    idp_client = EmulatorClients(endpoint)("cognito-idp")
    user = idp_client.admin_get_user(UserPoolId=outputs["userPoolId"], Username=f"LocalIdP_{login}")
    assert user["UserStatus"] == "EXTERNAL_PROVIDER"


def test_a_saml_provider_from_its_metadata_file_gets_the_users_authn_request(federated):
    """No SAML provider answers here: shown is Cognito's half, the redirect to the SSO
    location the metadata names, with an AuthnRequest whose response goes to the domain."""
    _, outputs, endpoint = federated
    query = {"identity_provider": "Corp", "client_id": outputs["clientIds"]["web"],
             "response_type": "code", "scope": "openid email", "redirect_uri": CALLBACK}  # fmt: skip
    to_idp = requests.get(
        f"{endpoint}/oauth2/authorize?{urlencode(query)}", allow_redirects=False, timeout=10
    )
    assert to_idp.status_code == 302
    location = urlparse(to_idp.headers["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == SSO
    sent = parse_qs(location.query)
    request = zlib.decompress(base64.b64decode(sent["SAMLRequest"][0]), -15).decode()
    assert f'AssertionConsumerServiceURL="{HOSTED_UI}/saml2/idpresponse"' in request
    assert sent["RelayState"][0]


def test_a_second_up_changes_nothing(federated):
    """The provider, the client that names it and the secret: nothing to change (no refresh:
    ministack keeps no client RefreshTokenRotation, so a refresh finds every client drifted)."""
    stack, outputs, _ = federated
    result = stack.up(sync=False)
    assert set(result.summary.resource_changes) == {"same"}, result.summary.resource_changes
    assert stack.outputs(show_secrets=True) == outputs
