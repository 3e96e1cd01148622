"""The IAM role Cognito assumes to send SMS (MFA and SMS_OTP codes) through Amazon SNS.

Only Cognito may assume it, only on behalf of this account (`aws:SourceAccount`) and only
with the pool's external id (`sts:ExternalId`), so another account's user pool cannot use
it (the confused-deputy case). The pool's ARN cannot scope it further: the pool needs the
role before it exists. It may publish to phone numbers only: SNS has no resource for a
phone number, so the allow is on `*` and topics (every `arn:aws:sns:` resource) are denied,
as the Cognito developer guide's SMS role does.
"""

import json
import uuid

import pulumi
import pulumi_aws as aws

from .tagging import tagged


def external_id(component: str) -> str:
    """Stable across updates, distinct per project, stack and component."""
    scope = f"{pulumi.get_project()}/{pulumi.get_stack()}/{component}"
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"cognito-auth:sms:{scope}"))


def trust_policy(account_id: str, external: str) -> str:
    return json.dumps({
        "Version": "2012-10-17",
        "Statement": [{
            "Effect": "Allow",
            "Principal": {"Service": "cognito-idp.amazonaws.com"},
            "Action": "sts:AssumeRole",
            "Condition": {
                "StringEquals": {"sts:ExternalId": external, "aws:SourceAccount": account_id}
            },
        }],
    })  # fmt: skip


def publish_policy(partition: str) -> str:
    return json.dumps({
        "Version": "2012-10-17",
        "Statement": [
            {"Sid": "PublishSms", "Effect": "Allow", "Action": "sns:Publish", "Resource": "*"},
            {"Sid": "NoTopics", "Effect": "Deny", "Action": "sns:Publish",
             "Resource": f"arn:{partition}:sns:*:*:*"},
        ],
    })  # fmt: skip


def sms_role(
    component: str, external: pulumi.Input[str], account_id, partition, parent, tags=None
) -> aws.iam.Role:
    child = pulumi.ResourceOptions(parent=parent)
    role = aws.iam.Role(
        f"{component}-sms-role",
        assume_role_policy=pulumi.Output.all(account_id, external).apply(
            lambda known: trust_policy(*known)
        ),
        description="Cognito sends SMS codes through SNS with this role",
        **tagged(tags or {}),
        opts=child,
    )
    aws.iam.RolePolicy(
        f"{component}-sms-publish",
        role=role.id,
        policy=pulumi.Output.from_input(partition).apply(publish_policy),
        opts=child,
    )
    return role
