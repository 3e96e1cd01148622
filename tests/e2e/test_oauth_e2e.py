"""OAuth end to end: the oauth stack file (a resource server, a machine client, a hosted-UI
web client) deployed by the real engine into ministack, then the flows an API and a browser
drive against the emulator's own /oauth2/token, /oauth2/authorize and /login.

The custom domain takes a given certificate ARN on one stack, and on another a Route 53
zone of the emulator, where the component requests the certificate, writes its validation
record, waits for it and points an alias at the CloudFront target. ministack issues the
certificate at once whatever the DNS says, and answers with a CloudFront target though no
distribution exists (the emulator differences in sandbox/README.md)."""

import base64
import hashlib
import html
import json
import re
import secrets
import urllib.error
import urllib.parse
import urllib.request

import jwt
import pytest

from authcheck import cli
from sandbox import EmulatorClients
from tests.e2e.test_authcheck_e2e import (
    REAL_LOOKING_CREDENTIALS,
    json_report,
    no_credentials_env,
    run,
)

API = "https://api.example.com"
CALLBACK = "http://localhost:3000/callback"
PASSWORD = "Test1234!"
CUSTOM_DOMAIN = "auth.e2e-oauth.example.com"
CERTIFICATE = "arn:aws:acm:us-east-1:000000000000:certificate/e2e-oauth"


@pytest.fixture(scope="module")
def stack(deploy):
    # A prefix of its own: a domain is unique in the emulator, and `oauth` may be up beside.
    return deploy(
        "e2e-oauth",
        stack_file="oauth",
        domainPrefix="e2e-oauth-login",
        customDomain=CUSTOM_DOMAIN,
        customDomainCertificateArn=CERTIFICATE,
    )


@pytest.fixture(scope="module")
def zoned(deploy, emulator):
    """A stack whose certificate is created and DNS-validated in a hosted zone."""
    route53 = EmulatorClients(emulator.running().endpoint)("route53")
    zone = route53.create_hosted_zone(
        Name="e2e-zone.example.com", CallerReference=secrets.token_hex(8)
    )["HostedZone"]["Id"].rsplit("/", 1)[-1]
    deployed = deploy(
        "e2e-oauth-zone",
        stack_file="oauth",
        domainPrefix="e2e-oauth-zone",
        customDomain="auth.e2e-zone.example.com",
        customDomainHostedZoneId=zone,
    )
    return deployed, zone


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the test reads the redirect itself: its Location carries the code


OPENER = urllib.request.build_opener(NoRedirect)


def _call(url: str, form: dict | None = None, headers: dict | None = None):
    """(status, headers, body) of one request; a POST when `form` is given."""
    data = urllib.parse.urlencode(form).encode() if form is not None else None
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with OPENER.open(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def _basic(client_id: str, secret: str) -> dict:
    pair = f"{urllib.parse.quote(client_id)}:{urllib.parse.quote(secret)}"
    return {"Authorization": "Basic " + base64.b64encode(pair.encode()).decode()}


def _machine_token(stack, scope: str | None, secret: str | None = None):
    client_id = stack.outputs["clientIds"]["reporting"]
    secret = stack.outputs["clientSecrets"]["reporting"] if secret is None else secret
    form = {"grant_type": "client_credentials", **({"scope": scope} if scope else {})}
    return _call(f"{stack.endpoint}/oauth2/token", form, _basic(client_id, secret))


def _verified(stack, token: str, audience: str | None = None) -> dict:
    key = jwt.PyJWKClient(stack.jwks_url).get_signing_key_from_jwt(token)
    return jwt.decode(
        token,
        key.key,
        algorithms=["RS256"],
        issuer=stack.outputs["issuerUrl"],
        audience=audience,
        options={"verify_aud": audience is not None},
    )


def test_the_resource_server_and_its_scopes_are_in_the_pool(stack):
    server = stack.idp.describe_resource_server(UserPoolId=stack.pool_id, Identifier=API)
    scopes = {s["ScopeName"]: s["ScopeDescription"] for s in server["ResourceServer"]["Scopes"]}
    assert server["ResourceServer"]["Name"] == "orders"
    assert scopes == {"read": "Read orders", "write": "Place orders"}
    client = stack.idp.describe_user_pool_client(
        UserPoolId=stack.pool_id, ClientId=stack.outputs["clientIds"]["reporting"]
    )["UserPoolClient"]
    assert client["AllowedOAuthFlows"] == ["client_credentials"]
    assert client["AllowedOAuthScopes"] == [f"{API}/read"]
    assert client["ExplicitAuthFlows"] == ["ALLOW_REFRESH_TOKEN_AUTH"]  # no user signs in here
    assert client["ClientSecret"] == stack.outputs["clientSecrets"]["reporting"]


def test_a_machine_token_carries_the_scope_it_asked_for(stack):
    status, _, body = _machine_token(stack, f"{API}/read")
    assert status == 200, body
    answer = json.loads(body)
    assert set(answer) == {"access_token", "token_type", "expires_in"}  # no ID or refresh token
    claims = _verified(stack, answer["access_token"])
    assert claims["token_use"] == "access"
    assert claims["client_id"] == stack.outputs["clientIds"]["reporting"]
    assert claims["scope"] == f"{API}/read"


def test_a_scope_the_machine_client_lacks_is_refused(stack):
    # write is a scope of the API, but not one this client was granted.
    status, _, body = _machine_token(stack, f"{API}/write")
    assert (status, json.loads(body)) == (400, {"error": "invalid_grant"})
    status, _, body = _machine_token(stack, f"{API}/read", secret="not-the-secret")
    assert (status, json.loads(body)["error"]) == (400, "invalid_client")


def test_the_web_client_cannot_get_a_machine_token(stack):
    web = stack.outputs["clientIds"]["web"]
    status, _, body = _call(
        f"{stack.endpoint}/oauth2/token",
        {"grant_type": "client_credentials", "client_id": web, "scope": f"{API}/read"},
    )
    assert status == 400, body


def _hidden_fields(page: str) -> dict:
    return {
        name: html.unescape(value)
        for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page)
    }


def test_a_hosted_ui_sign_in_with_the_authorization_code(stack):
    web = stack.outputs["clientIds"]["web"]
    email = f"hosted+{secrets.token_hex(4)}@example.com"
    stack.idp.sign_up(ClientId=web, Username=email, Password=PASSWORD)  # confirmed by PreSignUp
    verifier = secrets.token_urlsafe(48)
    challenge = (
        base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    )
    query = {
        "client_id": web, "redirect_uri": CALLBACK, "response_type": "code",
        "scope": "openid email", "state": "s-123",
        "code_challenge": challenge, "code_challenge_method": "S256",
    }  # fmt: skip
    status, _, page = _call(f"{stack.endpoint}/oauth2/authorize?{urllib.parse.urlencode(query)}")
    assert status == 200 and 'action="/login"' in page, page[:500]
    form = {**_hidden_fields(page), "username": email, "password": PASSWORD}
    assert form["client_id"] == web and form["code_challenge"] == challenge

    status, headers, body = _call(f"{stack.endpoint}/login", form)
    assert status == 302, body[:500]
    location = urllib.parse.urlsplit(headers["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == CALLBACK
    returned = dict(urllib.parse.parse_qsl(location.query))
    assert returned["state"] == "s-123"

    exchange = {"grant_type": "authorization_code", "client_id": web, "code": returned["code"],
                "redirect_uri": CALLBACK, "code_verifier": verifier}  # fmt: skip
    status, _, body = _call(f"{stack.endpoint}/oauth2/token", exchange)
    assert status == 200, body
    tokens = json.loads(body)
    identity = _verified(stack, tokens["id_token"], audience=web)
    assert identity["email"] == email and identity["token_use"] == "id"
    access = _verified(stack, tokens["access_token"])
    assert access["client_id"] == web and set(access["scope"].split()) == {"openid", "email"}
    # The code is single-use.
    status, _, body = _call(f"{stack.endpoint}/oauth2/token", exchange)
    assert (status, json.loads(body)["error"]) == (400, "invalid_grant")


def test_a_wrong_password_gets_no_code(stack):
    web = stack.outputs["clientIds"]["web"]
    query = {"client_id": web, "redirect_uri": CALLBACK, "response_type": "code", "scope": "openid"}
    _, _, page = _call(f"{stack.endpoint}/oauth2/authorize?{urllib.parse.urlencode(query)}")
    form = {**_hidden_fields(page), "username": "nobody@example.com", "password": PASSWORD}
    status, headers, body = _call(f"{stack.endpoint}/login", form)
    assert status == 200 and "Location" not in headers
    assert "Incorrect username or password." in body


def test_frontend_config_is_what_amplify_needs_for_the_web_client(stack):
    config = stack.outputs["frontendConfig"]["Auth"]["Cognito"]
    assert config["userPoolId"] == stack.pool_id
    assert config["userPoolClientId"] == stack.outputs["clientIds"]["web"]
    assert config["loginWith"]["oauth"] == {
        "domain": CUSTOM_DOMAIN,  # the custom domain before the prefix
        "scopes": ["openid", "email", "profile"],
        "redirectSignIn": [CALLBACK],
        "redirectSignOut": ["http://localhost:3000/"],
        "responseType": "code",
    }
    assert config["loginWith"]["email"] is True


def test_the_custom_domain_and_its_cloudfront_target(stack):
    described = stack.idp.describe_user_pool_domain(Domain=CUSTOM_DOMAIN)["DomainDescription"]
    assert described["UserPoolId"] == stack.pool_id
    assert described["CustomDomainConfig"] == {"CertificateArn": CERTIFICATE}
    target = stack.outputs["customDomainCloudfrontTarget"]
    assert target == described["CloudFrontDistribution"] and target.endswith(".cloudfront.net")
    assert (
        stack.outputs["hostedUiUrl"] == "https://e2e-oauth-login.auth.us-east-1.amazoncognito.com"
    )


def test_authcheck_gets_a_machine_token_and_lists_the_sign_in_methods(stack, capsys, tmp_path):
    outputs = tmp_path / "outputs.json"
    outputs.write_text(json.dumps(stack.outputs))
    argv = ["--outputs", str(outputs), "--endpoint-url", stack.endpoint,
            "--flow", "client-credentials", "--json"]  # fmt: skip
    exit_code = cli.main(argv, idp=stack.idp)
    doc = json.loads(capsys.readouterr().out)
    assert exit_code == 0, doc
    assert [(s["name"], s["status"]) for s in doc["steps"]] == [
        ("sign-in methods", "passed"),
        ("client_credentials token", "passed"),
        ("verify tokens", "passed"),
    ]
    assert doc["target"]["clientId"] == stack.outputs["clientIds"]["reporting"]
    methods = doc["signInMethods"]
    assert methods["username"] == ["email"]
    assert methods["hostedUi"] is True
    assert methods["clients"]["reporting"] == {
        "authFlows": ["ALLOW_REFRESH_TOKEN_AUTH"],
        "oauthFlows": ["client_credentials"],
        "oauthScopes": [f"{API}/read"],
    }
    assert methods["clients"]["web"]["oauthFlows"] == ["code"]
    assert f"{API}/read" in doc["steps"][1]["detail"]


@pytest.mark.parametrize(
    ("label", "config", "refused"),
    [
        ("branding", {"managedLoginVersion": 2, "clients": {"app": {}, "web": {
            "oauthFlows": ["code"], "oauthScopes": ["openid"], "callbackUrls": [CALLBACK],
            "managedLoginBranding": "cognito"}}},
         "cannot create aws:cognito/managedLoginBranding:ManagedLoginBranding"),
    ],
    ids=["branding"],
)  # fmt: skip
def test_what_the_emulator_cannot_serve_is_refused_by_name(
    sandbox, emulator, label, config, refused
):
    """Branding has no sandbox row (ministack has no branding API; sandbox/README.md): such
    a stack is refused by name at the start, not half-deployed."""
    from sandbox import SandboxError

    from .conftest import forget, settings

    name = f"e2e-oauth-refused-{label}"
    overrides = settings(domainPrefix=f"e2e-refused-{label}", **config)
    stack = sandbox.stack(name, stack_file="oauth", config=overrides)
    try:
        lines: list[str] = []
        with pytest.raises(SandboxError) as error:
            stack.up(on_output=lines.append)
        assert refused in str(error.value) + "\n".join(lines)
        deployed = stack.export()["deployment"].get("resources") or []
        assert [r["type"] for r in deployed if r["type"].startswith("aws:")] == []
    finally:
        forget(stack)


def test_a_certificate_created_validated_and_aliased_in_a_hosted_zone(zoned):
    stack, zone = zoned
    domain = stack.idp.describe_user_pool_domain(Domain="auth.e2e-zone.example.com")
    arn = domain["DomainDescription"]["CustomDomainConfig"]["CertificateArn"]
    certificate = stack.clients("acm").describe_certificate(CertificateArn=arn)["Certificate"]
    assert certificate["DomainName"] == "auth.e2e-zone.example.com"
    assert certificate["Status"] == "ISSUED"
    (option,) = certificate["DomainValidationOptions"]
    records = {
        (r["Name"], r["Type"]): r
        for r in stack.clients("route53").list_resource_record_sets(HostedZoneId=zone)[
            "ResourceRecordSets"
        ]
    }
    validation = records[(option["ResourceRecord"]["Name"], "CNAME")]
    assert validation["ResourceRecords"] == [{"Value": option["ResourceRecord"]["Value"]}]
    alias = records[("auth.e2e-zone.example.com.", "A")]["AliasTarget"]
    target = stack.outputs["customDomainCloudfrontTarget"]
    assert alias["DNSName"].rstrip(".") == target and alias["HostedZoneId"] == "Z2FDTNDATAQYW2"
    assert stack.outputs["frontendConfig"]["Auth"]["Cognito"]["loginWith"]["oauth"]["domain"] == (
        "auth.e2e-zone.example.com"
    )


def test_sandbox_check_with_the_client_credentials_flow(stack):
    """As a user runs it: `python -m sandbox check --stack ... --flow client-credentials`, the
    secret read from the stack with --show-secrets, the shell's credentials never used."""
    done = run(
        "sandbox", "check", "--stack", stack.stack, "--flow", "client-credentials", "--json",
        env={**no_credentials_env(), **REAL_LOOKING_CREDENTIALS},
    )  # fmt: skip
    doc = json_report(done)
    assert done.returncode == 0, done.stdout + done.stderr
    assert doc["summary"]["text"] == "3 passed, 0 failed"
    assert doc["target"]["clientId"] == stack.outputs["clientIds"]["reporting"]
    assert stack.outputs["clientSecrets"]["reporting"] not in done.stdout + done.stderr
