"""CloudWatch Logs: the trigger's log group, created before the function so retention applies."""

from __future__ import annotations

from typing import Any

from botocore.exceptions import ClientError

from ..fieldmap import integer
from .context import Context, Created, Undo, retag, without_none
from .kind import Autoname, kind, not_found


def _describe(logs: Any, name: str) -> dict[str, Any] | None:
    groups = logs.describe_log_groups(logGroupNamePrefix=name)["logGroups"]
    return next((g for g in groups if g["logGroupName"] == name), None)


def _state(ctx: Context, described: dict[str, Any], inputs: dict[str, Any]) -> dict[str, Any]:
    name = described["logGroupName"]
    region = ctx.region(inputs)
    arn = (
        described.get("arn")
        or f"arn:{ctx.partition}:logs:{region}:{ctx.account_id}:log-group:{name}"
    )
    return {
        **inputs,
        # The provider strips the ":*" DescribeLogGroups appends, so ARNs compare equal in policies.
        "arn": arn.removesuffix(":*"),
        "tagsAll": inputs.get("tags") or {},
    }


def create_log_group(ctx: Context, logical: str, inputs: dict[str, Any], undo: Undo) -> Created:
    logs = ctx.client("logs", inputs)
    name = inputs["name"]
    logs.create_log_group(
        **without_none({
            "logGroupName": name,
            "logGroupClass": inputs.get("logGroupClass"),
            "tags": inputs.get("tags") or None,
        })
    )  # fmt: skip
    undo.push("logs", "delete_log_group", logGroupName=name)
    if inputs.get("retentionInDays"):
        logs.put_retention_policy(
            logGroupName=name, retentionInDays=integer(inputs["retentionInDays"])
        )
    return Created(name, _state(ctx, _describe(logs, name) or {"logGroupName": name}, inputs))


def read_log_group(ctx: Context, name: str, state: dict[str, Any]) -> Created | None:
    described = _describe(ctx.client("logs", state), name)
    if described is None:
        return None
    inputs = {
        "name": name,
        "retentionInDays": described.get("retentionInDays", 0),
        "logGroupClass": described.get("logGroupClass", "STANDARD"),
        "skipDestroy": state.get("skipDestroy", False),
    }
    if state:
        inputs = {k: v for k, v in inputs.items() if k in state}
        inputs.update({k: state[k] for k in ("namePrefix", "tags") if k in state})
    return Created(name, _state(ctx, described, inputs))


def update_log_group(ctx: Context, name: str, old: dict[str, Any], new: dict[str, Any]) -> Created:
    logs = ctx.client("logs", new)
    if old.get("retentionInDays") != new.get("retentionInDays"):
        if new.get("retentionInDays"):
            logs.put_retention_policy(
                logGroupName=name, retentionInDays=integer(new["retentionInDays"])
            )
        else:
            logs.delete_retention_policy(logGroupName=name)
    retag(
        old.get("tags") or {},
        new.get("tags") or {},
        lambda tags: logs.tag_log_group(logGroupName=name, tags=tags),
        lambda keys: logs.untag_log_group(logGroupName=name, tags=keys),
    )
    return Created(name, _state(ctx, _describe(logs, name) or {"logGroupName": name}, new))


def delete_log_group(ctx: Context, name: str, state: dict[str, Any]) -> None:
    if state.get("skipDestroy"):
        return  # the provider leaves it, as asked, and forgets it
    try:
        ctx.client("logs", state).delete_log_group(logGroupName=name)
    except ClientError as error:
        if not not_found(error):
            raise


def find_log_group(ctx: Context, inputs: dict[str, Any]) -> list[str]:
    return [inputs["name"]] if _describe(ctx.client("logs", inputs), inputs["name"]) else []


LOG_GROUP = kind(
    "aws:cloudwatch/logGroup:LogGroup",
    inputs={"name", "namePrefix", "retentionInDays", "logGroupClass", "skipDestroy", "tags"},
    replace_on={"name", "namePrefix", "logGroupClass"},
    autoname=Autoname(max_length=512),
    defaults={"retentionInDays": 0, "skipDestroy": False, "logGroupClass": "STANDARD"},
    create=create_log_group,
    read=read_log_group,
    update=update_log_group,
    delete=delete_log_group,
    find=find_log_group,
)
