"""A trigger's Lambda function with its least-privilege role and its log group, and the
permission that lets the pool invoke a function.

The code archive holds the one handler module and nothing else of the repo, so the
upload stays a few kilobytes and no test or secret file can ride along.
"""

import json

import pulumi
import pulumi_aws as aws

from .plan import FunctionPlan
from .tagging import tagged

RUNTIME = "python3.13"
COGNITO_PRINCIPAL = "cognito-idp.amazonaws.com"

_ASSUME_ROLE_POLICY = json.dumps({
    "Version": "2012-10-17",
    "Statement": [{
        "Effect": "Allow",
        "Principal": {"Service": "lambda.amazonaws.com"},
        "Action": "sts:AssumeRole",
    }],
})  # fmt: skip


def _logs_policy(log_group_arn: str) -> str:
    # Only writing to its own log group: the managed basic-execution policy would allow
    # any log group in the account. The group exists already, so no CreateLogGroup.
    return json.dumps({
        "Version": "2012-10-17",
        "Statement": [{
            "Effect": "Allow",
            "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
            "Resource": f"{log_group_arn}:log-stream:*",
        }],
    })  # fmt: skip


class TriggerFunction:
    """Role → log group → function, all children of `parent`."""

    def __init__(
        self,
        name: str,
        plan: FunctionPlan,
        log_retention_days,
        parent: pulumi.Resource,
        tags: dict[str, str] | None = None,
    ):
        opts = pulumi.ResourceOptions(parent=parent)
        module = plan.handler.module
        # Physical names are autonamed (a random suffix), so two stacks or two components
        # never collide and a replacement can create before it deletes.
        self.name, self.plan = name, plan
        self.role = aws.iam.Role(
            f"{name}-role",
            assume_role_policy=_ASSUME_ROLE_POLICY,
            description=f"Runs the {module} Cognito trigger; may only write its own logs.",
            **tagged(tags or {}),
            opts=opts,
        )
        # The log group exists, with its retention, before the function, and the function
        # names it: otherwise the first cold start creates one that keeps logs forever.
        self.log_group = aws.cloudwatch.LogGroup(
            f"{name}-logs",
            name_prefix=f"/aws/lambda/{name}-",
            retention_in_days=log_retention_days,
            **tagged(tags or {}),
            opts=opts,
        )
        self.logs_policy = aws.iam.RolePolicy(
            f"{name}-logs-policy",
            role=self.role.id,
            policy=self.log_group.arn.apply(_logs_policy),
            opts=opts,
        )
        path = plan.handler.path
        self.function = aws.lambda_.Function(
            name,
            role=self.role.arn,
            runtime=RUNTIME,
            architectures=[plan.architecture],
            handler=f"{module}.handler",
            code=pulumi.AssetArchive({path.name: pulumi.FileAsset(str(path))}),
            timeout=plan.timeout_seconds,
            memory_size=plan.memory_mb,
            environment={"variables": plan.environment},
            logging_config={"log_format": "Text", "log_group": self.log_group.name},
            **tagged(tags or {}),
            opts=pulumi.ResourceOptions(parent=parent, depends_on=[self.logs_policy]),
        )

    def grant(self, user_pool_arn: pulumi.Input[str], parent) -> aws.iam.RolePolicy | None:
        """What its handler calls: actions on the pool (this policy is created after the
        pool, so the function never depends on it: no cycle), kms:Decrypt for a sender."""
        statements = []
        if self.plan.pool_actions:
            statements.append(
                {
                    "Effect": "Allow",
                    "Action": list(self.plan.pool_actions),
                    "Resource": user_pool_arn,
                }
            )
        if self.plan.decrypts_with is not None:
            statements.append(
                {"Effect": "Allow", "Action": ["kms:Decrypt"], "Resource": self.plan.decrypts_with}
            )
        if not statements:
            return None
        return aws.iam.RolePolicy(
            f"{self.name}-grants",
            role=self.role.id,
            policy=pulumi.Output.from_input(statements).apply(
                lambda s: json.dumps({"Version": "2012-10-17", "Statement": s})
            ),
            opts=pulumi.ResourceOptions(parent=parent),
        )


def invoke_permission(
    name: str,
    function: pulumi.Input[str],
    user_pool: aws.cognito.UserPool,
    account_id: pulumi.Input[str],
    parent: pulumi.Resource,
) -> aws.lambda_.Permission:
    """Let this pool, and only this pool in this account, invoke the function (a name or ARN).

    Both conditions matter: a source ARN alone would let a pool of the same id in another
    account (after deletion and re-creation) call the function.
    """
    return aws.lambda_.Permission(
        name,
        action="lambda:InvokeFunction",
        function=function,
        principal=COGNITO_PRINCIPAL,
        source_arn=user_pool.arn,
        source_account=account_id,
        opts=pulumi.ResourceOptions(parent=parent),
    )
