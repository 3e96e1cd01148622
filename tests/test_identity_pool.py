"""The identity pool under mocks: federation with every app client, roles trusted only by
this identity pool and only for their kind of identity, the stack's statements as the
role's policy, token-based role mapping when a group has a role, and the outputs."""

import json

import pulumi
import pytest

IDENTITY_POOL = "aws:cognito/identityPool:IdentityPool"
ATTACHMENT = "aws:cognito/identityPoolRoleAttachment:IdentityPoolRoleAttachment"
ROLE = "aws:iam/role:Role"
ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy"
GROUP_ROLE = "arn:aws:iam::123456789012:role/editors"
READ_OWN = {
    "effect": "Allow",
    "actions": ["s3:GetObject"],
    "resources": ["arn:aws:s3:::files/${cognito-identity.amazonaws.com:sub}/*"],
}


@pytest.fixture
def build(build_auth):
    return build_auth


def _role(fake_aws, kind: str):
    return fake_aws.named(f"auth-{kind}-role")


def _trust(fake_aws, kind: str) -> dict:
    return json.loads(_role(fake_aws, kind).inputs["assumeRolePolicy"])


def test_no_identity_pool_unless_asked(build, fake_aws):
    out = build({})
    assert fake_aws.of_type(IDENTITY_POOL) == [] and fake_aws.of_type(ATTACHMENT) == []
    assert (out["identityPoolId"], out["authenticatedRoleArn"]) == ("", "")
    assert out["unauthenticatedRoleArn"] == ""


def test_identity_pool_federates_every_client(build, fake_aws):
    out = build({"identity_pool": True, "clients": {"spa": {}, "server": {"public": False}}})
    pool = fake_aws.one(IDENTITY_POOL).inputs
    assert pool["allowUnauthenticatedIdentities"] is False
    assert pool["allowClassicFlow"] is False
    endpoint = f"cognito-idp.us-east-1.amazonaws.com/{out['userPoolId']}"
    assert sorted(pool["cognitoIdentityProviders"], key=lambda p: p["clientId"]) == sorted(
        (
            {"clientId": client_id, "providerName": endpoint, "serverSideTokenCheck": True}
            for client_id in out["clientIds"].values()
        ),
        key=lambda p: p["clientId"],
    )
    assert len(pool["cognitoIdentityProviders"]) == 3  # app, spa and server
    assert out["identityPoolId"] == fake_aws.ids["auth-identity-pool"]


def test_authenticated_role_is_trusted_by_this_pool_for_signed_in_users_only(build, fake_aws):
    out = build({"identity_pool": True})
    (statement,) = _trust(fake_aws, "authenticated")["Statement"]
    assert statement == {
        "Effect": "Allow",
        "Principal": {"Federated": "cognito-identity.amazonaws.com"},
        "Action": "sts:AssumeRoleWithWebIdentity",
        "Condition": {
            "StringEquals": {"cognito-identity.amazonaws.com:aud": out["identityPoolId"]},
            "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "authenticated"},
        },
    }
    assert out["authenticatedRoleArn"] == fake_aws.states["auth-authenticated-role"]["arn"]
    # No statements: the role may do nothing, so it has no policy at all.
    assert fake_aws.of_type(ROLE_POLICY) == [
        p for p in fake_aws.of_type(ROLE_POLICY) if p.name.startswith("auth-pre-sign-up")
    ]
    attachment = fake_aws.one(ATTACHMENT).inputs
    assert attachment["identityPoolId"] == out["identityPoolId"]
    assert attachment["roles"] == {"authenticated": out["authenticatedRoleArn"]}
    assert "roleMappings" not in attachment  # no group has a role


def test_statements_become_the_role_policy_by_sid(build, fake_aws):
    out = build({"identity_pool": True, "authenticated_statements": {
        "ReadOwn": READ_OWN,
        "NoDeletes": {"effect": "Deny", "actions": ["s3:DeleteObject"], "resources": ["*"],
                      "conditions": {"Bool": {"aws:SecureTransport": "false"}}},
    }})  # fmt: skip
    policy = fake_aws.named("auth-authenticated-policy").inputs
    assert policy["role"] == fake_aws.ids["auth-authenticated-role"]
    assert json.loads(policy["policy"]) == {
        "Version": "2012-10-17",
        "Statement": [
            {"Sid": "ReadOwn", "Effect": "Allow", "Action": ["s3:GetObject"],
             "Resource": READ_OWN["resources"]},
            {"Sid": "NoDeletes", "Effect": "Deny", "Action": ["s3:DeleteObject"],
             "Resource": ["*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}},
        ],
    }  # fmt: skip
    assert out["unauthenticatedRoleArn"] == ""


def test_resources_may_be_outputs(build, fake_aws):
    bucket = pulumi.Output.from_input("arn:aws:s3:::made-elsewhere/*")
    build({"identity_pool": True, "authenticated_statements": {
        "Read": {"effect": "Allow", "actions": ["s3:GetObject"], "resources": bucket.apply(
            lambda arn: [arn])}}})  # fmt: skip
    (statement,) = json.loads(fake_aws.named("auth-authenticated-policy").inputs["policy"])[
        "Statement"
    ]
    assert statement["Resource"] == ["arn:aws:s3:::made-elsewhere/*"]


def test_unauthenticated_role_only_when_asked_and_scoped_to_visitors(build, fake_aws):
    out = build({
        "identity_pool": True, "allow_unauthenticated": True,
        "unauthenticated_statements": {"Put": {"effect": "Allow",
            "actions": ["mobiletargeting:PutEvents"], "resources": ["*"]}},
    })  # fmt: skip
    assert fake_aws.one(IDENTITY_POOL).inputs["allowUnauthenticatedIdentities"] is True
    (statement,) = _trust(fake_aws, "unauthenticated")["Statement"]
    assert statement["Condition"] == {
        "StringEquals": {"cognito-identity.amazonaws.com:aud": out["identityPoolId"]},
        "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "unauthenticated"},
    }
    assert fake_aws.one(ATTACHMENT).inputs["roles"] == {
        "authenticated": out["authenticatedRoleArn"],
        "unauthenticated": out["unauthenticatedRoleArn"],
    }
    assert out["unauthenticatedRoleArn"] == fake_aws.states["auth-unauthenticated-role"]["arn"]


def test_group_roles_turn_on_token_based_role_mapping(build, fake_aws):
    out = build({
        "identity_pool": True, "clients": {"spa": {}},
        "groups": {"editors": {"role_arn": GROUP_ROLE, "precedence": 1}, "readers": {}},
    })  # fmt: skip
    mappings = fake_aws.one(ATTACHMENT).inputs["roleMappings"]
    endpoint = f"cognito-idp.us-east-1.amazonaws.com/{out['userPoolId']}"
    assert sorted(mappings, key=lambda m: m["identityProvider"]) == sorted(
        (
            {"identityProvider": f"{endpoint}:{client_id}", "type": "Token",
             "ambiguousRoleResolution": "AuthenticatedRole"}
            for client_id in out["clientIds"].values()
        ),
        key=lambda m: m["identityProvider"],
    )  # fmt: skip
    # The group's role is the stack's own: the component creates no role for it.
    assert {r.name for r in fake_aws.of_type(ROLE)} == {
        "auth-pre-sign-up-role",
        "auth-authenticated-role",
    }


def test_identity_pool_is_protected_on_protected_stacks(build, monitor):
    build({"identity_pool": True, "protect": True, "user_pool_name": "cognito-auth-prod"})
    assert monitor.request_for(IDENTITY_POOL).protect is True
    request = next(r for r in monitor.requests if r.name == "auth-authenticated-role")
    assert request.protect is False  # a role is re-created without losing anything


def test_identity_pool_is_named_after_the_user_pool(build, fake_aws):
    build({"identity_pool": True, "user_pool_name": "cognito-auth-prod"})
    assert fake_aws.one(IDENTITY_POOL).inputs["identityPoolName"] == "cognito-auth-prod"


@pytest.mark.parametrize(
    "args, fragment",
    [
        ({"authenticated_statements": {"Read": READ_OWN}},
         "authenticated_statements is set but identity_pool is false"),
        ({"allow_unauthenticated": True}, "allow_unauthenticated is set but identity_pool is false"),
        ({"identity_pool": True, "unauthenticated_statements": {"Read": READ_OWN}},
         "unauthenticated_statements is set but allow_unauthenticated is false"),
        ({"identity_pool": True, "authenticated_statements": {"All": {
            "effect": "Allow", "actions": ["s3:*"], "resources": ["*"]}}},
         'authenticated_statements.All.actions has "s3:*" on '
         'authenticated_statements.All.resources "*"'),
        ({"identity_pool": True, "authenticated_statements": {"All": {
            "effect": "Allow", "actions": ["*"], "resources": ["arn:aws:s3:::b/*"]}}},
         '"*" alone, every action of every service, is refused'),
    ],
)  # fmt: skip
def test_refused_before_anything_registers(refusal, args, fragment):
    problems = refusal(args)
    assert any(fragment in problem for problem in problems), problems


def test_a_whole_service_may_be_denied_everywhere_and_granted_on_named_resources(build):
    build({"identity_pool": True, "authenticated_statements": {
        "Own": {"effect": "Allow", "actions": ["s3:*"], "resources": ["arn:aws:s3:::b/*"]},
        "NoIam": {"effect": "Deny", "actions": ["iam:*"], "resources": ["*"]},
    }})  # fmt: skip


def test_a_whole_service_on_resources_known_only_at_deployment_is_refused(refusal):
    """An Output might turn out to be "*": it cannot switch the guard off."""
    later = pulumi.Output.from_input(["*"])
    problems = refusal({"identity_pool": True, "authenticated_statements": {
        "All": {"effect": "Allow", "actions": ["s3:GetObject", "s3:*"], "resources": later}}})  # fmt: skip
    assert problems == [
        'authenticated_statements.All.actions has "s3:*" on authenticated_statements.All.resources '
        "known only at deployment (an Output), which could be *: every action of a service on "
        "every resource, for every user of the role; name the actions and the resources"
    ]


@pytest.mark.parametrize(
    ("field", "action", "resource"),
    [
        ("authenticated_statements", "s3:*?", "*"),
        ("authenticated_statements", "iam:?*", "*"),
        ("authenticated_statements", "s3:*", "arn:*"),
        ("authenticated_statements", "s3:*", "arn:aws:s3:::*"),
        ("authenticated_statements", "s3:*", "arn:aws:s3:::*/*"),
        ("authenticated_statements", "iam:*", "arn:aws:iam::*"),
        ("authenticated_statements", "iam:*", "arn:aws:iam::123456789012:*"),
        ("unauthenticated_statements", "s3:*?", "arn:*"),
    ],
)
def test_every_spelling_of_a_whole_service_on_every_resource_is_refused(
    refusal, field, action, resource
):
    """Wildcards alone in the action, or an ARN whose wildcards cover every resource, are
    the same grant as s3:* on *: the guard holds for each spelling (an adversarial review's)."""
    args = {"identity_pool": True, "allow_unauthenticated": True,
            field: {"All": {"effect": "Allow", "actions": [action], "resources": [resource]}}}  # fmt: skip
    problems = refusal(args)
    assert any(
        f'{field}.All.actions has "{action}" on {field}.All.resources "{resource}": every action'
        in problem
        for problem in problems
    ), problems


@pytest.mark.parametrize(
    "resource",
    ["arn:aws:s3:::b/*", "arn:aws:s3:::b/${cognito-identity.amazonaws.com:sub}/*",
     "arn:aws:dynamodb:us-east-1:123456789012:table/orders"],
)  # fmt: skip
def test_a_whole_service_on_named_resources_stays_allowed(build, fake_aws, resource):
    build({"identity_pool": True, "authenticated_statements": {
        "Own": {"effect": "Allow", "actions": ["s3:*"], "resources": [resource]}}})  # fmt: skip
    # Not only accepted: the role's policy grants it, as written.
    policies = [json.loads(p.inputs["policy"]) for p in fake_aws.of_type(ROLE_POLICY)
                if not p.name.startswith("auth-pre-sign-up")]  # fmt: skip
    assert [s["Resource"] for d in policies for s in d["Statement"]] == [[resource]]
