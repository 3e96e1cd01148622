"""The identity pool through the real engine: a signed-in user trades its ID token for an
identity id (GetId) and temporary AWS credentials (GetCredentialsForIdentity) of the
authenticated role, which can do what authenticatedStatements allow and nothing else
(ministack, run with AUTH=true, evaluates the role's policies for those credentials)."""

import json
import secrets

import boto3
import pytest
from botocore.exceptions import ClientError

from components.identity_pool import trust_policy
from sandbox import EmulatorClients
from sandbox.clients import _isolated_session

PASSWORD = "Test1234!"
BUCKET = "e2e-identity-files"
SHARED = f"arn:aws:s3:::{BUCKET}/shared/*"
EDITORS = "e2e-identity-editors"
IDENTITY = {
    "identityPool": True,
    "authenticatedStatements": {
        "ReadWriteShared": {
            "effect": "Allow",
            "actions": ["s3:GetObject", "s3:PutObject"],
            "resources": [SHARED],
        }
    },
}


@pytest.fixture(scope="module")
def stack(deploy, emulator):
    """The stack, its group role made first as a stack's own role is (Cognito refuses a
    group role that does not exist), then trusted by the identity pool once it exists: the
    two steps the README describes."""
    iam = EmulatorClients(emulator.running().endpoint)("iam")
    placeholder = json.dumps({"Version": "2012-10-17", "Statement": []})
    role = iam.create_role(RoleName=EDITORS, AssumeRolePolicyDocument=placeholder)["Role"]
    groups = {"editors": {"precedence": 1, "roleArn": role["Arn"]}}
    deployed = deploy("e2e-identity", **IDENTITY, groups=groups)
    pool_id = deployed.outputs["identityPoolId"]
    iam.update_assume_role_policy(
        RoleName=EDITORS, PolicyDocument=trust_policy(pool_id, "authenticated")
    )
    s3 = deployed.clients("s3")
    s3.create_bucket(Bucket=BUCKET)
    yield deployed
    for listed in s3.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        s3.delete_object(Bucket=BUCKET, Key=listed["Key"])
    s3.delete_bucket(Bucket=BUCKET)
    iam.delete_role(RoleName=EDITORS)


def _signed_in(stack) -> tuple[str, str]:
    email = f"identity+{secrets.token_hex(4)}@example.com"
    stack.idp.sign_up(ClientId=stack.client_id, Username=email, Password=PASSWORD)
    tokens = stack.idp.initiate_auth(
        ClientId=stack.client_id, AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": email, "PASSWORD": PASSWORD},
    )["AuthenticationResult"]  # fmt: skip
    return email, tokens["IdToken"]


def _logins(stack, id_token: str) -> dict:
    return {f"cognito-idp.us-east-1.amazonaws.com/{stack.pool_id}": id_token}


def _as(stack, credentials: dict):
    """Clients signed with the identity's temporary credentials, not the sandbox's."""
    session = boto3.session.Session(
        aws_access_key_id=credentials["AccessKeyId"],
        aws_secret_access_key=credentials["SecretKey"],
        aws_session_token=credentials["SessionToken"],
        region_name="us-east-1",
        botocore_session=_isolated_session(),
    )
    return lambda service: session.client(service, endpoint_url=stack.endpoint)


@pytest.fixture(scope="module")
def credentials(stack) -> dict:
    _, id_token = _signed_in(stack)
    identity = stack.clients("cognito-identity")
    logins = _logins(stack, id_token)
    identity_id = identity.get_id(IdentityPoolId=stack.outputs["identityPoolId"], Logins=logins)[
        "IdentityId"
    ]
    answer = identity.get_credentials_for_identity(IdentityId=identity_id, Logins=logins)
    assert answer["IdentityId"] == identity_id
    return {"identity_id": identity_id, **answer["Credentials"]}


def test_outputs_name_the_identity_pool_and_its_role(stack):
    outputs = stack.outputs
    pool = stack.clients("cognito-identity").describe_identity_pool(
        IdentityPoolId=outputs["identityPoolId"]
    )
    assert pool["AllowUnauthenticatedIdentities"] is False
    assert pool["AllowClassicFlow"] is False
    assert pool["CognitoIdentityProviders"] == [{
        "ProviderName": f"cognito-idp.us-east-1.amazonaws.com/{stack.pool_id}",
        "ClientId": stack.client_id,
        "ServerSideTokenCheck": True,
    }]  # fmt: skip
    assert outputs["authenticatedRoleArn"].startswith("arn:aws:iam::")
    assert outputs["unauthenticatedRoleArn"] == ""


def test_the_role_trusts_only_this_identity_pool_when_authenticated(stack):
    name = stack.outputs["authenticatedRoleArn"].rpartition("/")[2]
    trust = stack.clients("iam").get_role(RoleName=name)["Role"]["AssumeRolePolicyDocument"]
    (statement,) = trust["Statement"]
    assert statement["Principal"] == {"Federated": "cognito-identity.amazonaws.com"}
    assert statement["Action"] == "sts:AssumeRoleWithWebIdentity"
    assert statement["Condition"] == {
        "StringEquals": {"cognito-identity.amazonaws.com:aud": stack.outputs["identityPoolId"]},
        "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "authenticated"},
    }


def test_roles_are_attached_with_token_mapping_for_the_group_role(stack):
    roles = stack.clients("cognito-identity").get_identity_pool_roles(
        IdentityPoolId=stack.outputs["identityPoolId"]
    )
    assert roles["Roles"] == {"authenticated": stack.outputs["authenticatedRoleArn"]}
    provider = f"cognito-idp.us-east-1.amazonaws.com/{stack.pool_id}:{stack.client_id}"
    assert roles["RoleMappings"] == {
        provider: {"Type": "Token", "AmbiguousRoleResolution": "AuthenticatedRole"}
    }


def test_a_signed_in_user_gets_credentials_of_the_authenticated_role(stack, credentials):
    assert credentials["identity_id"].startswith("us-east-1:")
    assert credentials["AccessKeyId"].startswith("ASIA") and credentials["SessionToken"]
    role = stack.outputs["authenticatedRoleArn"].rpartition("/")[2]
    caller = _as(stack, credentials)("sts").get_caller_identity()
    assert caller["Arn"].endswith(f":assumed-role/{role}/CognitoIdentityCredentials")


def test_the_credentials_do_what_the_statements_allow_and_nothing_else(stack, credentials):
    s3 = _as(stack, credentials)("s3")
    s3.put_object(Bucket=BUCKET, Key="shared/note.txt", Body=b"hello")
    assert s3.get_object(Bucket=BUCKET, Key="shared/note.txt")["Body"].read() == b"hello"
    for refused in (
        lambda: s3.put_object(Bucket=BUCKET, Key="private/note.txt", Body=b"no"),
        lambda: s3.delete_object(Bucket=BUCKET, Key="shared/note.txt"),
        lambda: s3.list_buckets(),
    ):
        with pytest.raises(ClientError) as error:
            refused()
        assert error.value.response["Error"]["Code"] == "AccessDenied"


def test_the_same_user_gets_the_same_identity(stack):
    _, id_token = _signed_in(stack)
    identity = stack.clients("cognito-identity")
    pool = stack.outputs["identityPoolId"]
    first = identity.get_id(IdentityPoolId=pool, Logins=_logins(stack, id_token))["IdentityId"]
    again = identity.get_id(IdentityPoolId=pool, Logins=_logins(stack, id_token))["IdentityId"]
    assert first == again


def test_a_forged_token_gets_nothing(stack):
    _, id_token = _signed_in(stack)
    head, payload, signature = id_token.split(".")
    forged = f"{head}.{payload}.{signature[::-1]}"
    with pytest.raises(ClientError) as error:
        stack.clients("cognito-identity").get_id(
            IdentityPoolId=stack.outputs["identityPoolId"], Logins=_logins(stack, forged)
        )
    assert error.value.response["Error"]["Code"] == "NotAuthorizedException"


def test_up_again_changes_nothing(stack):
    """The rows read back what they wrote: no perpetual difference, no replacement."""
    result = stack.handle.up()
    assert set(result.summary.resource_changes) == {"same"}, result.summary.resource_changes
    assert stack.handle.outputs(show_secrets=True) == stack.outputs


def test_allowing_visitors_later_is_an_update_in_place(stack):
    """Last in the file: it changes the module's stack. `pulumi config set` + `up` adds the
    unauthenticated role to the same identity pool; visitors then get its credentials."""
    pool_id = stack.outputs["identityPoolId"]
    stack.handle.config_set("cognito-auth:allowUnauthenticated", "true")
    stack.handle.config_set(
        "cognito-auth:unauthenticatedStatements.ReadPublic.effect", "Allow", path=True
    )
    stack.handle.config_set(
        "cognito-auth:unauthenticatedStatements.ReadPublic.actions[0]", "s3:GetObject", path=True
    )
    stack.handle.config_set(
        "cognito-auth:unauthenticatedStatements.ReadPublic.resources[0]",
        f"arn:aws:s3:::{BUCKET}/public/*",
        path=True,
    )
    result = stack.handle.up(sync=False)  # keep what `config set` wrote
    changes = result.summary.resource_changes
    assert "delete" not in changes and "replace" not in changes, changes
    assert changes.get("create") == 2, changes  # the role and its policy
    outputs = stack.handle.outputs(show_secrets=True)
    assert outputs["identityPoolId"] == pool_id
    identity = stack.clients("cognito-identity")
    assert identity.describe_identity_pool(IdentityPoolId=pool_id)["AllowUnauthenticatedIdentities"]
    assert identity.get_identity_pool_roles(IdentityPoolId=pool_id)["Roles"] == {
        "authenticated": outputs["authenticatedRoleArn"],
        "unauthenticated": outputs["unauthenticatedRoleArn"],
    }
    # A visitor, with no login: credentials of the unauthenticated role, which read public/*.
    visitor = identity.get_id(IdentityPoolId=pool_id)["IdentityId"]
    credentials = identity.get_credentials_for_identity(IdentityId=visitor)["Credentials"]
    role = outputs["unauthenticatedRoleArn"].rpartition("/")[2]
    caller = _as(stack, credentials)("sts").get_caller_identity()
    assert caller["Arn"].endswith(f":assumed-role/{role}/CognitoIdentityCredentials")
    stack.clients("s3").put_object(Bucket=BUCKET, Key="public/hello.txt", Body=b"hi")
    s3 = _as(stack, credentials)("s3")
    assert s3.get_object(Bucket=BUCKET, Key="public/hello.txt")["Body"].read() == b"hi"
    with pytest.raises(ClientError) as error:
        s3.get_object(Bucket=BUCKET, Key="shared/note.txt")
    assert error.value.response["Error"]["Code"] == "AccessDenied"
