"""CloudWatch metric alarm: PutMetricAlarm creates and changes it in place (the same call),
DescribeAlarms reads it back, DeleteAlarms removes it. Its name is its id."""

from __future__ import annotations

from typing import Any

from ..fieldmap import INT, PLAIN, ListOf, Scalar, aws_tags, from_aws, struct, to_aws
from .context import Context, Created, Undo, retag
from .kind import Autoname, kind

# Pulumi's `dimensions` map is the API's list of Name/Value pairs.
_DIMENSIONS = Scalar(
    lambda given: [{"Name": k, "Value": v} for k, v in given.items()],
    lambda listed: {d["Name"]: d["Value"] for d in listed},
)
ALARM = struct(
    name="AlarmName",
    alarmDescription="AlarmDescription",
    namespace="Namespace",
    metricName="MetricName",
    dimensions=("Dimensions", _DIMENSIONS),
    statistic="Statistic",
    extendedStatistic="ExtendedStatistic",
    period=("Period", INT),
    evaluationPeriods=("EvaluationPeriods", INT),
    datapointsToAlarm=("DatapointsToAlarm", INT),
    comparisonOperator="ComparisonOperator",
    threshold=("Threshold", Scalar(float)),
    treatMissingData="TreatMissingData",
    unit="Unit",
    actionsEnabled="ActionsEnabled",
    alarmActions=("AlarmActions", ListOf(PLAIN)),
    okActions=("OKActions", ListOf(PLAIN)),
    insufficientDataActions=("InsufficientDataActions", ListOf(PLAIN)),
)


def _describe(ctx: Context, name: str, inputs: dict[str, Any]) -> dict[str, Any] | None:
    alarms = ctx.client("cloudwatch", inputs).describe_alarms(AlarmNames=[name])["MetricAlarms"]
    return next((a for a in alarms if a["AlarmName"] == name), None)


def _put(ctx: Context, inputs: dict[str, Any], **tags: Any) -> None:
    ctx.client("cloudwatch", inputs).put_metric_alarm(
        **to_aws(ALARM, {k: v for k, v in inputs.items() if k not in ("region", "tags")}), **tags
    )


def _state(ctx: Context, inputs: dict[str, Any]) -> dict[str, Any]:
    region = ctx.region(inputs)
    return {
        **inputs,
        "arn": f"arn:{ctx.partition}:cloudwatch:{region}:{ctx.account_id}:alarm:{inputs['name']}",
        "tagsAll": inputs.get("tags") or {},
    }


def create_metric_alarm(ctx: Context, logical: str, inputs: dict[str, Any], undo: Undo) -> Created:
    tags = aws_tags(inputs.get("tags"))
    _put(ctx, inputs, **({"Tags": tags} if tags else {}))
    undo.push("cloudwatch", "delete_alarms", AlarmNames=[inputs["name"]])
    return Created(inputs["name"], _state(ctx, inputs))


def read_metric_alarm(ctx: Context, name: str, state: dict[str, Any]) -> Created | None:
    described = _describe(ctx, name, state)
    if described is None:
        return None
    inputs = from_aws(ALARM, described)
    # The service answers empty action lists and defaults for what was never set.
    inputs = {k: v for k, v in inputs.items() if v not in ([], None) or k in state}
    if state:
        inputs = {k: v for k, v in inputs.items() if k in state}
        inputs.update({k: state[k] for k in ("namePrefix", "tags", "region") if k in state})
    return Created(name, _state(ctx, inputs))


def update_metric_alarm(
    ctx: Context, name: str, old: dict[str, Any], new: dict[str, Any]
) -> Created:
    _put(ctx, new)  # PutMetricAlarm replaces the alarm's whole configuration in place
    state = _state(ctx, new)
    cloudwatch = ctx.client("cloudwatch", new)
    retag(
        old.get("tags") or {},
        new.get("tags") or {},
        lambda tags: cloudwatch.tag_resource(ResourceARN=state["arn"], Tags=aws_tags(tags)),
        lambda keys: cloudwatch.untag_resource(ResourceARN=state["arn"], TagKeys=keys),
    )
    return Created(name, state)


def delete_metric_alarm(ctx: Context, name: str, state: dict[str, Any]) -> None:
    # DeleteAlarms succeeds for names that do not exist.
    ctx.client("cloudwatch", state).delete_alarms(AlarmNames=[name])


def find_metric_alarm(ctx: Context, inputs: dict[str, Any]) -> list[str]:
    return [inputs["name"]] if _describe(ctx, inputs["name"], inputs) else []


METRIC_ALARM = kind(
    "aws:cloudwatch/metricAlarm:MetricAlarm",
    inputs={*ALARM.fields, "tags"},
    required=frozenset({"comparisonOperator", "evaluationPeriods"}),
    replace_on={"name"},
    autoname=Autoname(max_length=255, prefix=None),
    defaults={"actionsEnabled": True, "treatMissingData": "missing"},
    create=create_metric_alarm,
    read=read_metric_alarm,
    update=update_metric_alarm,
    delete=delete_metric_alarm,
    find=find_metric_alarm,
)
