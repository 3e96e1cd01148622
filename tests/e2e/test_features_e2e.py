"""Clients, groups, claims, attributes and the hosted UI domain in the emulator, on one
stack that turns them all on."""

import base64
import hashlib
import hmac
import json
import secrets

import jwt
import pytest

PASSWORD = "Test1234!"
FEATURES = {
    "groups": {"members": {"description": "Everyone", "precedence": 10}},
    "defaultGroup": "members",
    "tokenClaims": {"tenant": "acme"},
    "clients": {
        "spa": {
            "authFlows": [
                "ALLOW_USER_SRP_AUTH",
                "ALLOW_USER_PASSWORD_AUTH",
                "ALLOW_REFRESH_TOKEN_AUTH",
            ]
        },
        "server": {"public": False},
    },
    "domainPrefix": "e2e-features",
    "customAttributes": {"plan": {"type": "String", "maxLength": 16}},
}


@pytest.fixture(scope="module")
def stack(deploy):
    return deploy("e2e-features", **FEATURES)


def _secret_hash(username: str, client_id: str, secret: str) -> str:
    digest = hmac.new(secret.encode(), (username + client_id).encode(), hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def _email() -> str:
    return f"feature+{secrets.token_hex(4)}@example.com"


def _claims(stack, token: str) -> dict:
    key = jwt.PyJWKClient(stack.jwks_url).get_signing_key_from_jwt(token)
    return jwt.decode(token, key.key, algorithms=["RS256"], options={"verify_aud": False})


def test_outputs_name_every_client_and_group(stack):
    outputs = stack.outputs
    # The default app client stays beside the stack's own.
    assert set(outputs["clientIds"]) == {"app", "spa", "server"}
    assert set(outputs["clientSecrets"]) == {"server"}
    assert outputs["groupNames"] == ["members"]
    assert outputs["hostedUiUrl"] == "https://e2e-features.auth.us-east-1.amazoncognito.com"
    assert set(outputs["triggerFunctionArns"]) == {
        "PreSignUp",
        "PostConfirmation",
        "PreTokenGeneration",
    }
    domain = stack.idp.describe_user_pool_domain(Domain="e2e-features")["DomainDescription"]
    assert domain["UserPoolId"] == stack.pool_id and domain["Status"] == "ACTIVE"


def test_spa_client_signs_in_without_a_secret(stack):
    client_id = stack.outputs["clientIds"]["spa"]
    client = stack.idp.describe_user_pool_client(UserPoolId=stack.pool_id, ClientId=client_id)
    assert "ClientSecret" not in client["UserPoolClient"]
    email = _email()
    stack.idp.sign_up(ClientId=client_id, Username=email, Password=PASSWORD)
    tokens = stack.idp.initiate_auth(
        ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": email, "PASSWORD": PASSWORD},
    )["AuthenticationResult"]  # fmt: skip
    assert _claims(stack, tokens["IdToken"])["aud"] == client_id


def test_server_client_signs_in_only_with_its_secret(stack):
    client_id = stack.outputs["clientIds"]["server"]
    secret = stack.outputs["clientSecrets"]["server"]
    email = _email()
    stack.idp.sign_up(
        ClientId=client_id, Username=email, Password=PASSWORD,
        SecretHash=_secret_hash(email, client_id, secret),
    )  # fmt: skip
    with pytest.raises(stack.idp.exceptions.NotAuthorizedException):
        stack.idp.initiate_auth(
            ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": email, "PASSWORD": PASSWORD},
        )  # fmt: skip
    tokens = stack.idp.initiate_auth(
        ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": email, "PASSWORD": PASSWORD,
                        "SECRET_HASH": _secret_hash(email, client_id, secret)},
    )["AuthenticationResult"]  # fmt: skip
    assert tokens["AccessToken"] and tokens["RefreshToken"]


def test_pre_token_generation_claim_is_in_both_tokens(stack):
    email = _email()
    stack.idp.sign_up(ClientId=stack.client_id, Username=email, Password=PASSWORD)
    tokens = stack.idp.initiate_auth(
        ClientId=stack.client_id, AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": email, "PASSWORD": PASSWORD},
    )["AuthenticationResult"]  # fmt: skip
    assert _claims(stack, tokens["IdToken"])["tenant"] == "acme"
    assert _claims(stack, tokens["AccessToken"])["tenant"] == "acme"  # V2_0: access token too


def test_custom_attribute_is_stored_and_in_the_id_token(stack):
    email = _email()
    stack.idp.sign_up(
        ClientId=stack.client_id, Username=email, Password=PASSWORD,
        UserAttributes=[{"Name": "custom:plan", "Value": "gold"}],
    )  # fmt: skip
    user = stack.idp.admin_get_user(UserPoolId=stack.pool_id, Username=email)
    assert {"Name": "custom:plan", "Value": "gold"} in user["UserAttributes"]
    tokens = stack.idp.initiate_auth(
        ClientId=stack.client_id, AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": email, "PASSWORD": PASSWORD},
    )["AuthenticationResult"]  # fmt: skip
    assert _claims(stack, tokens["IdToken"])["custom:plan"] == "gold"


def test_post_confirmation_puts_the_user_in_the_default_group(stack):
    """ministack 1.5.33 never calls PostConfirmation itself, so the test delivers the event
    Cognito would send; the deployed function, its environment and its IAM grant (which
    the emulator enforces) do the rest."""
    email = _email()
    sub = stack.idp.sign_up(ClientId=stack.client_id, Username=email, Password=PASSWORD)["UserSub"]
    event = {
        "version": "1", "triggerSource": "PostConfirmation_ConfirmSignUp", "region": "us-east-1",
        "userPoolId": stack.pool_id, "userName": email,
        "callerContext": {"awsSdkVersion": "aws-sdk-unknown-unknown", "clientId": stack.client_id},
        "request": {"userAttributes": {"sub": sub, "email": email, "cognito:user_status": "CONFIRMED"}},
        "response": {},
    }  # fmt: skip
    function = stack.outputs["triggerFunctionArns"]["PostConfirmation"]
    answer = stack.clients("lambda").invoke(
        FunctionName=function, Payload=json.dumps(event).encode()
    )
    assert "FunctionError" not in answer, answer["Payload"].read()
    groups = stack.idp.admin_list_groups_for_user(UserPoolId=stack.pool_id, Username=email)[
        "Groups"
    ]
    assert [g["GroupName"] for g in groups] == ["members"]
