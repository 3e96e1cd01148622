"""The pool's own logs: user-notification errors (email and SMS Cognito failed to send) and,
on the PLUS plan with threat protection, user-activity events, delivered to a CloudWatch
log group the component creates, with its retention.

The group is named under /aws/vendedlogs/, AWS's path for logs services deliver (it keeps
their resource policies apart from the account's 5120-character one). CloudWatch Logs
accepts delivery only where a resource policy lets `delivery.logs.amazonaws.com` write;
AWS would add one itself if the deployer may call PutResourcePolicy, so the component
writes it instead, on this group alone, for this account's deliveries.
"""

import json

import pulumi
import pulumi_aws as aws

from .tagging import tagged

DELIVERY_PRINCIPAL = "delivery.logs.amazonaws.com"


def _delivery_policy(group_arn: str, region: str, account: str, partition: str) -> str:
    return json.dumps({
        "Version": "2012-10-17",
        "Statement": [{
            "Sid": "CognitoLogDelivery",
            "Effect": "Allow",
            "Principal": {"Service": DELIVERY_PRINCIPAL},
            "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
            "Resource": f"{group_arn}:log-stream:*",
            "Condition": {
                "StringEquals": {"aws:SourceAccount": account},
                "ArnLike": {"aws:SourceArn": f"arn:{partition}:logs:{region}:{account}:*"},
            },
        }],
    })  # fmt: skip


def log_configurations(group_arn, notifications: bool, activity: bool) -> list[dict]:
    """userNotification at ERROR, userAuthEvents at INFO (PLUS), each when asked."""
    sources = [("userNotification", "ERROR")] if notifications else []
    sources += [("userAuthEvents", "INFO")] if activity else []
    return [
        {
            "event_source": source,
            "log_level": level,
            "cloud_watch_logs_configuration": {"log_group_arn": group_arn},
        }
        for source, level in sources
    ]


class PoolLogs:
    """Log group → its resource policy → the pool's log delivery configuration."""

    def __init__(self, name: str, user_pool: aws.cognito.UserPool, settings, parent, invoke):
        opts = pulumi.ResourceOptions(parent=parent)
        self.log_group = aws.cloudwatch.LogGroup(
            f"{name}-pool-logs",
            name_prefix=f"/aws/vendedlogs/cognito/{name}-",
            retention_in_days=settings["log_retention_days"],
            **tagged(settings["tags"]),
            opts=opts,
        )
        identity = aws.get_caller_identity_output(opts=invoke)
        region = aws.get_region_output(opts=invoke).region
        partition = aws.get_partition_output(opts=invoke).partition
        self.policy = aws.cloudwatch.LogResourcePolicy(
            f"{name}-pool-logs-delivery",
            resource_arn=self.log_group.arn,
            policy_document=pulumi.Output.all(
                self.log_group.arn, region, identity.account_id, partition
            ).apply(lambda parts: _delivery_policy(*parts)),
            opts=opts,
        )
        self.delivery = aws.cognito.LogDeliveryConfiguration(
            f"{name}-pool-log-delivery",
            user_pool_id=user_pool.id,
            log_configurations=log_configurations(
                self.log_group.arn,
                settings["user_notification_logs"],
                settings["user_activity_logs"],
            ),
            opts=pulumi.ResourceOptions(parent=parent, depends_on=[self.policy]),
        )
