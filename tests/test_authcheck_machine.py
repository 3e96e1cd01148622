"""The auth check's machine-to-machine flow and its report of the sign-in methods, with a
fake Cognito and token endpoint (the real ones: tests/e2e/test_oauth_e2e.py)."""

import argparse
import json

import jwt
import pytest

from authcheck import cli, machine
from authcheck.sign_in_methods import describe, summary

POOL = "us-east-1_Abc123"
API = "https://api.example.com"
OUTPUTS = {
    "userPoolId": POOL,
    "clientIds": {"app": "appid", "reporting": "machineid"},
    "clientSecrets": {"reporting": "s3cret"},
    "hostedUiUrl": "https://shop.auth.us-east-1.amazoncognito.com",
    "issuerUrl": f"https://cognito-idp.us-east-1.amazonaws.com/{POOL}",
    "region": "us-east-1",
}
CLIENTS = {
    "appid": {"ExplicitAuthFlows": ["ALLOW_USER_SRP_AUTH"]},
    "machineid": {"ExplicitAuthFlows": ["ALLOW_REFRESH_TOKEN_AUTH"], "AllowedOAuthFlows": ["client_credentials"],
                  "AllowedOAuthFlowsUserPoolClient": True, "AllowedOAuthScopes": [f"{API}/read"]},
}  # fmt: skip


class FakeIdp:
    def describe_user_pool(self, UserPoolId):
        return {"UserPool": {"UsernameAttributes": ["email"], "MfaConfiguration": "OFF",
                             "Domain": "shop"}}  # fmt: skip

    def describe_user_pool_client(self, UserPoolId, ClientId):
        return {"UserPoolClient": CLIENTS[ClientId]}


def _arguments(tmp_path, *flags, outputs=OUTPUTS):
    path = tmp_path / "outputs.json"
    path.write_text(json.dumps(outputs))
    args = cli.parser().parse_args(["--outputs", str(path), "--flow", "client-credentials", *flags])
    return cli.machine_arguments(args)


def test_the_token_url_and_the_clients_come_from_the_outputs(tmp_path):
    kwargs = _arguments(tmp_path)
    assert kwargs["token_url"] == "https://shop.auth.us-east-1.amazoncognito.com/oauth2/token"
    assert kwargs["clients"] == {"app": ("appid", None), "reporting": ("machineid", "s3cret")}
    endpoint = _arguments(tmp_path, "--endpoint-url", "http://127.0.0.1:4566")
    assert endpoint["token_url"] == "http://127.0.0.1:4566/oauth2/token"


@pytest.mark.parametrize(
    ("outputs", "flags", "said"),
    [
        ({**OUTPUTS, "clientSecrets": "[secret]"}, [], "clientSecrets is masked"),
        ({**OUTPUTS, "hostedUiUrl": ""}, [], "pass --token-url"),
        (OUTPUTS, ["--client", "nope"], "--client 'nope' is not one of clientIds (app, reporting)"),
        ({"userPoolId": POOL}, [], "needs the stack's outputs"),
    ],
)
def test_usage_errors_name_what_is_missing(tmp_path, outputs, flags, said):
    with pytest.raises(cli.UsageError, match=said.replace("(", r"\(").replace(")", r"\)")):
        _arguments(tmp_path, *flags, outputs=outputs)


def test_the_machine_client_is_found_and_its_token_checked(tmp_path, monkeypatch):
    asked = {}

    def token(url, client_id, secret, scope):
        asked.update(url=url, client_id=client_id, secret=secret, scope=scope)
        key = "a key of at least thirty-two bytes, never checked here"
        return {"access_token": jwt.encode({"scope": f"{API}/read"}, key)}

    monkeypatch.setattr(machine, "request_token", token)
    monkeypatch.setattr(machine, "verify_token", lambda *a, **k: {"scope": f"{API}/read"})
    kwargs = _arguments(tmp_path)
    kwargs.pop("region")
    report = machine.run_machine_check(**kwargs, idp=FakeIdp())
    assert [(s.name, s.status) for s in report.steps] == [
        ("sign-in methods", "passed"), ("client_credentials token", "passed"), ("verify tokens", "passed"),
    ]  # fmt: skip
    assert asked["client_id"] == "machineid" and asked["secret"] == "s3cret"
    assert report.target["clientId"] == "machineid"
    assert "s3cret" not in report.render_json() and "s3cret" not in report.render_text()
    assert report.sign_in_methods["clients"]["reporting"]["oauthFlows"] == ["client_credentials"]
    assert report.exit_code == 0


def test_a_refused_token_fails_the_step_and_skips_the_check(tmp_path, monkeypatch):
    def refused(*args):
        raise machine._Failed("client_credentials token: HTTP 400 invalid_grant: ...")

    monkeypatch.setattr(machine, "request_token", refused)
    kwargs = _arguments(tmp_path, "--scope", f"{API}/write")
    kwargs.pop("region")
    report = machine.run_machine_check(**kwargs, idp=FakeIdp())
    assert [s.status for s in report.steps] == ["passed", "failed"]
    assert report.exit_code == 1


def test_no_machine_client_is_said_so(tmp_path):
    outputs = {**OUTPUTS, "clientSecrets": {}}
    kwargs = _arguments(tmp_path, outputs=outputs)
    kwargs.pop("region")
    report = machine.run_machine_check(**kwargs, idp=FakeIdp())
    (step,) = report.steps
    assert step.status == "failed" and "no app client of the stack has a secret" in step.detail


def test_sign_in_methods_summary():
    pool = {"UsernameAttributes": ["email"], "MfaConfiguration": "OPTIONAL", "Domain": "shop",
            "Policies": {"SignInPolicy": {"AllowedFirstAuthFactors": ["PASSWORD", "EMAIL_OTP"]}}}  # fmt: skip
    methods = describe(pool, {"m": CLIENTS["machineid"], "a": CLIENTS["appid"]})
    assert methods["firstFactors"] == ["PASSWORD", "EMAIL_OTP"]
    assert methods["clients"]["a"] == {"authFlows": ["ALLOW_USER_SRP_AUTH"]}
    assert summary(methods) == (
        "users sign in with email; first factors PASSWORD, EMAIL_OTP; MFA OPTIONAL; "
        "hosted UI on shop; OAuth client_credentials"
    )


def test_the_password_flow_is_the_default():
    args = cli.parser().parse_args([])
    assert isinstance(args, argparse.Namespace) and args.flow == "password"
