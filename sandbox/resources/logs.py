"""CloudWatch Logs: the trigger's log group, created before the function so retention applies."""

from __future__ import annotations

from typing import Any

from ..fieldmap import integer
from .context import Context, Created, Undo, physical_name, without_none


def create_log_group(ctx: Context, logical: str, inputs: dict[str, Any], undo: Undo) -> Created:
    logs = ctx.client("logs", inputs)
    name = physical_name(logical, inputs, max_length=512)
    logs.create_log_group(
        **without_none(
            {
                "logGroupName": name,
                "kmsKeyId": inputs.get("kmsKeyId"),
                "logGroupClass": inputs.get("logGroupClass"),
                "tags": inputs.get("tags") or None,
            }
        )
    )
    # Deleted on teardown even with skipDestroy: the sandbox is disposable as a whole.
    undo.push("logs", "delete_log_group", logGroupName=name)
    if inputs.get("retentionInDays"):
        logs.put_retention_policy(
            logGroupName=name, retentionInDays=integer(inputs["retentionInDays"])
        )
    described = next(
        (
            g
            for g in logs.describe_log_groups(logGroupNamePrefix=name)["logGroups"]
            if g["logGroupName"] == name
        ),
        {},
    )
    region = ctx.region(inputs)
    arn = (
        described.get("arn")
        or f"arn:{ctx.partition}:logs:{region}:{ctx.account_id}:log-group:{name}"
    )
    outputs = {
        **inputs,
        "name": name,
        # The provider strips the ":*" DescribeLogGroups appends, so ARNs compare equal in policies.
        "arn": arn.removesuffix(":*"),
        "retentionInDays": described.get(
            "retentionInDays", integer(inputs.get("retentionInDays") or 0)
        ),
        "logGroupClass": described.get("logGroupClass", inputs.get("logGroupClass") or "STANDARD"),
        "region": region,
        "tagsAll": inputs.get("tags") or {},
    }
    return Created(name, outputs)
