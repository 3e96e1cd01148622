"""A trigger's Lambda function with its least-privilege role and its log group.

The code archive holds the one handler module and nothing else of the repo, so the
upload stays a few kilobytes and no test or secret file can ride along.
"""

import json
from pathlib import Path

import pulumi
import pulumi_aws as aws

# In this repo the handlers sit in functions/ beside components/; installed, they are the
# package's `functions` subpackage (pyproject.toml maps both folders).
_HERE = Path(__file__).resolve().parent
HANDLERS_DIR = next(d for d in (_HERE / "functions", _HERE.parent / "functions") if d.is_dir())
RUNTIME = "python3.13"

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


def handler_archive(module: str) -> pulumi.AssetArchive:
    path = HANDLERS_DIR / f"{module}.py"
    if not path.is_file():
        raise FileNotFoundError(f"no handler module {path.name} in {HANDLERS_DIR}")
    return pulumi.AssetArchive({path.name: pulumi.FileAsset(str(path))})


class TriggerFunction:
    """Role → log group → function, all children of `parent`."""

    def __init__(
        self,
        name: str,
        module: str,
        environment: dict[str, str],
        settings: dict,
        parent: pulumi.Resource,
    ):
        opts = pulumi.ResourceOptions(parent=parent)
        # An explicit name lets the log group exist, with its retention, before the
        # function's first cold start would create one that keeps logs forever.
        function_name = name
        self.role = aws.iam.Role(
            f"{name}-role",
            assume_role_policy=_ASSUME_ROLE_POLICY,
            description=f"Runs the {module} Cognito trigger; may only write its own logs.",
            opts=opts,
        )
        self.log_group = aws.cloudwatch.LogGroup(
            f"{name}-logs",
            name=f"/aws/lambda/{function_name}",
            retention_in_days=settings["log_retention_days"],
            opts=opts,
        )
        self.logs_policy = aws.iam.RolePolicy(
            f"{name}-logs",
            role=self.role.id,
            policy=self.log_group.arn.apply(_logs_policy),
            opts=opts,
        )
        self.function = aws.lambda_.Function(
            name,
            name=function_name,
            role=self.role.arn,
            runtime=RUNTIME,
            architectures=[settings["trigger_architecture"]],
            handler=f"{module}.handler",
            code=handler_archive(module),
            timeout=settings["trigger_timeout_seconds"],
            memory_size=settings["trigger_memory_mb"],
            environment={"variables": environment},
            logging_config={"log_format": "Text", "log_group": self.log_group.name},
            opts=pulumi.ResourceOptions(parent=parent, depends_on=[self.logs_policy]),
        )
