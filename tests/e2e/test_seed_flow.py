"""The seed's flow against the real program in the emulator: sign up, CONFIRMED at once
because the PreSignUp trigger ran, password login, refresh; and the ways it must fail."""

import json
import secrets
import time

import jwt
import pytest
from botocore.exceptions import ClientError
from pycognito.aws_srp import AWSSRP

from functions.pre_sign_up import REFUSAL_MESSAGE

PASSWORD = "Test1234!"


def _email(domain="example.com") -> str:
    return f"e2e+{secrets.token_hex(4)}@{domain}"


def _sign_up(deployed, email, password=PASSWORD):
    return deployed.idp.sign_up(ClientId=deployed.client_id, Username=email, Password=password)


def _password_login(deployed, email, password=PASSWORD) -> dict:
    return deployed.idp.initiate_auth(
        ClientId=deployed.client_id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": email, "PASSWORD": password},
    )["AuthenticationResult"]


def _error_code(call) -> tuple[str, str]:
    with pytest.raises(ClientError) as error:
        call()
    return error.value.response["Error"]["Code"], error.value.response["Error"]["Message"]


def test_seed_flow_test_at_example_com(dev):
    signed_up = _sign_up(dev, "test@example.com")
    assert signed_up["UserConfirmed"] is True

    user = dev.idp.admin_get_user(UserPoolId=dev.pool_id, Username="test@example.com")
    assert user["UserStatus"] == "CONFIRMED"

    tokens = _password_login(dev, "test@example.com")
    assert {"AccessToken", "IdToken", "RefreshToken"} <= set(tokens)

    refreshed = dev.idp.initiate_auth(
        ClientId=dev.client_id,
        AuthFlow="REFRESH_TOKEN_AUTH",
        AuthParameters={"REFRESH_TOKEN": tokens["RefreshToken"]},
    )["AuthenticationResult"]
    assert refreshed["AccessToken"] and refreshed["IdToken"]
    assert refreshed["AccessToken"] != tokens["AccessToken"]


def test_trigger_effects_are_visible(dev):
    """The dev stack also auto-verifies: email_verified comes only from the trigger, and
    the trigger's own structured log line reaches its log group."""
    email = _email()
    _sign_up(dev, email)
    user = dev.idp.admin_get_user(UserPoolId=dev.pool_id, Username=email)
    attributes = {a["Name"]: a["Value"] for a in user["UserAttributes"]}
    assert attributes["email_verified"] == "true"

    logs = dev.clients("logs")
    group = dev.trigger_log_group
    deadline = time.monotonic() + 5
    records = []
    while time.monotonic() < deadline and not records:
        for stream in logs.describe_log_streams(logGroupName=group)["logStreams"]:
            events = logs.get_log_events(logGroupName=group, logStreamName=stream["logStreamName"])
            for event in events["events"]:
                if event["message"].lstrip().startswith("{"):
                    records.append(json.loads(event["message"]))
        time.sleep(0.1)
    mine = [r for r in records if r["userPoolId"] == dev.pool_id]
    assert mine, f"no structured line from the trigger in {group}"
    assert mine[-1]["trigger"] == "PreSignUp_SignUp"
    assert mine[-1]["emailDomain"] == "example.com"
    assert mine[-1]["decision"] == "allowed" and mine[-1]["autoConfirmUser"] is True
    assert not any(email in json.dumps(r) for r in records), "the full address was logged"


def test_without_auto_confirm_the_user_waits_for_a_code(deploy):
    prod = deploy("e2e-prod", stack_file="prod")
    email = _email()
    assert _sign_up(prod, email)["UserConfirmed"] is False
    user = prod.idp.admin_get_user(UserPoolId=prod.pool_id, Username=email)
    assert user["UserStatus"] == "UNCONFIRMED"
    code, _ = _error_code(lambda: _password_login(prod, email))
    assert code == "UserNotConfirmedException"


def test_sign_up_outside_the_allow_list_is_refused_and_leaves_no_user(deploy):
    listed = deploy("e2e-allowlist", allowedEmailDomains=["example.com"])
    email = _email("evil.com")
    code, message = _error_code(lambda: _sign_up(listed, email))
    assert code == "UserLambdaValidationException"
    assert REFUSAL_MESSAGE in message
    # Other tests share the stack: no user anywhere in the pool holds the refused address.
    users = listed.idp.list_users(UserPoolId=listed.pool_id)["Users"]
    assert [u for u in users if {"Name": "email", "Value": email} in u["Attributes"]] == []
    # The allowed domain still signs up, confirmed.
    assert _sign_up(listed, _email("example.com"))["UserConfirmed"] is True


@pytest.mark.parametrize("weak", ["short1!", "alllowercase1!", "NoDigitsHere!", "NoSymbols123"])
def test_password_breaking_the_policy_is_refused(dev, weak):
    email = _email()
    code, message = _error_code(lambda: _sign_up(dev, email, weak))
    assert code == "InvalidPasswordException", message
    code, _ = _error_code(lambda: dev.idp.admin_get_user(UserPoolId=dev.pool_id, Username=email))
    assert code == "UserNotFoundException"


def test_wrong_password_is_not_authorized(dev):
    email = _email()
    _sign_up(dev, email)
    code, _ = _error_code(lambda: _password_login(dev, email, "Wrong1234!"))
    assert code == "NotAuthorizedException"


def test_without_password_flow_only_srp_signs_in(deploy):
    srp_only = deploy("e2e-srp-only", authFlows=["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])
    email = _email()
    _sign_up(srp_only, email)
    code, message = _error_code(lambda: _password_login(srp_only, email))
    assert code == "InvalidParameterException"
    assert "USER_PASSWORD_AUTH" in message

    srp = AWSSRP(
        username=email,
        password=PASSWORD,
        pool_id=srp_only.pool_id,
        client_id=srp_only.client_id,
        client=srp_only.idp,
    )
    tokens = srp.authenticate_user()["AuthenticationResult"]
    assert tokens["IdToken"] and tokens["RefreshToken"]


def test_tokens_verify_against_the_pools_jwks(dev):
    email = _email()
    _sign_up(dev, email)
    tokens = _password_login(dev, email)
    keys = jwt.PyJWKClient(dev.jwks_url)
    for token, use in ((tokens["IdToken"], "id"), (tokens["AccessToken"], "access")):
        key = keys.get_signing_key_from_jwt(token)
        claims = jwt.decode(
            token,
            key.key,
            algorithms=["RS256"],
            issuer=dev.outputs["issuerUrl"],
            audience=dev.client_id if use == "id" else None,
            options={"verify_aud": use == "id", "require": ["exp", "iss", "token_use"]},
        )
        assert claims["token_use"] == use
        if use == "access":
            assert claims["client_id"] == dev.client_id
        else:
            assert claims["email"] == email

    # A token signed by anyone else must not verify.
    forged = jwt.encode({"iss": dev.outputs["issuerUrl"]}, "k" * 32, algorithm="HS256")
    with pytest.raises(jwt.exceptions.PyJWTError):
        key = keys.get_signing_key_from_jwt(tokens["IdToken"])
        jwt.decode(forged, key.key, algorithms=["RS256"])
