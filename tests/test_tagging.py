"""One `tags` map on every resource the component creates that AWS can tag.

Which types take tags is pulumi-aws's answer (components/tagging.takes_tags); this builds
a stack with every optional resource switched on and checks each registered resource
against it, so a resource added later without the map fails here. Add the setting that
switches a new resource on to EVERYTHING."""

import pytest

from components import CognitoAuth
from components.tagging import takes_tags
from offline import evaluate

TAGS = {"team": "identity", "cost-center": "4711", "Name with spaces": "a/b:c=d+e-f@g"}
KMS = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
EVERYTHING = {
    "user_notification_logs": True,
    "default_group": "members",
    "groups": {"members": {}},
    "token_claims": {"tenant": "acme"},
    "domain_prefix": "example-shop",
    "clients": {
        "server": {"public": False},
        "web": {"oauth_flows": ["code"], "oauth_scopes": ["openid"],
                "callback_urls": ["https://app.example.com/cb"], "managed_login_branding": "cognito"},
        "m2m": {"public": False, "oauth_flows": ["client_credentials"],
                "oauth_scopes": ["https://api.example.com/read"]},
    },
    "triggers": {"CustomMessage": {"handler": "pre_sign_up"}},
    "identity_pool": True,
    "allow_unauthenticated": True,
    "authenticated_statements": {"Read": {"effect": "Allow", "actions": ["s3:GetObject"],
                                          "resources": ["arn:aws:s3:::files/*"]}},
    # OAuth (components/resource_servers.py, custom_domain.py, managed_login.py).
    "resource_servers": {"orders": {"identifier": "https://api.example.com", "scopes": {"read": "r"}}},
    "custom_domain": "auth.example.com",
    "custom_domain_hosted_zone_id": "Z0123ABC",
    "managed_login_version": 2,
    # SMS MFA: the SNS role the component makes for it (components/sms_role.py).
    "mfa": "OPTIONAL",
    "mfa_sms": True,
}  # fmt: skip


@pytest.fixture
def build(fake_aws, monitor, tmp_path):
    def run(args: dict) -> None:
        evaluate(
            fake_aws,
            lambda: {"pool": CognitoAuth("auth", args).user_pool_id},
            monitor=monitor,
            root_directory=tmp_path,
        )

    return run


def test_every_taggable_resource_carries_the_tags(build, fake_aws):
    build({**EVERYTHING, "tags": TAGS})
    kinds = {r.typ for r in fake_aws.resources if r.typ.startswith("aws:")}
    assert {
        "aws:cognito/userPool:UserPool", "aws:lambda/function:Function", "aws:iam/role:Role",
        "aws:cloudwatch/logGroup:LogGroup", "aws:cognito/userPoolDomain:UserPoolDomain",
        "aws:acm/certificate:Certificate", "aws:cognito/resourceServer:ResourceServer",
        "aws:cognito/logDeliveryConfiguration:LogDeliveryConfiguration",
        "aws:cognito/identityPool:IdentityPool", "aws:cloudwatch/metricAlarm:MetricAlarm",
    } <= kinds  # fmt: skip
    untagged = [
        (r.typ, r.name)
        for r in fake_aws.resources
        if r.typ.startswith("aws:") and takes_tags(r.typ) and r.inputs.get("tags") != TAGS
    ]
    assert untagged == []
    # And nothing is given tags it cannot take (the provider would refuse the input).
    assert [r.typ for r in fake_aws.resources if "tags" in r.inputs and not takes_tags(r.typ)] == []


def test_the_known_taggable_types():
    assert takes_tags("aws:cognito/userPool:UserPool")
    assert takes_tags("aws:lambda/function:Function")
    assert not takes_tags("aws:lambda/permission:Permission")
    assert not takes_tags("aws:cognito/userPoolClient:UserPoolClient")
    assert not takes_tags("cognito-auth:index:CognitoAuth")


def test_no_tags_pass_no_tags_argument(build, fake_aws):
    build(EVERYTHING)
    assert [r.typ for r in fake_aws.resources if "tags" in r.inputs] == []
