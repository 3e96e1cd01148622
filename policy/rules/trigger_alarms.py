"""Trigger alarms on production stacks (advisory): each trigger function the stack holds has
a CloudWatch alarm on its Errors, on its Throttles and on its Duration.

A failing or throttled PreSignUp blocks every sign-up, and nothing else tells anyone. An
alarm counts for a function when its `namespace` is `AWS/Lambda`, its `metricName` is the
metric, and its `dimensions.FunctionName` is the function's name; during a preview that
name is unknown, so the alarm's `dimensions` property dependency on the function counts
instead. The trigger functions are those of trigger_function.py (the stack's functions a
pool's lambdaConfig names); an existing function given by ARN is not in the stack.
"""

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from .common import (
    ADVISORY,
    PRODUCTION_STACKS_SCHEMA,
    Resource,
    is_production,
    is_unknown,
    messages,
    stack_name,
    stack_policy,
)
from .trigger_function import trigger_functions

METRIC_ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm"
METRICS = ("Errors", "Throttles", "Duration")


def _watches(alarm: Resource, function: Resource) -> bool:
    dimensions = alarm.props.get("dimensions")
    watched = dimensions.get("FunctionName") if isinstance(dimensions, Mapping) else None
    if is_unknown(watched) or is_unknown(dimensions):
        return bool(function.urn) and function.urn in alarm.property_dependencies.get(
            "dimensions", ()
        )
    return isinstance(watched, str) and watched == function.props.get("name")


def trigger_alarm_violations(
    resources: Sequence[Resource], config: Mapping[str, Any]
) -> Iterator[tuple[Resource, str]]:
    if not is_production(config):
        return
    alarms = [
        r for r in resources if r.type == METRIC_ALARM and r.props.get("namespace") == "AWS/Lambda"
    ]
    for function in trigger_functions(resources):
        watched = {a.props.get("metricName") for a in alarms if _watches(a, function)}
        missing = [metric for metric in METRICS if metric not in watched]
        if missing:
            yield (
                function,
                f"Trigger function '{function.name}' on production stack "
                f"'{stack_name(config)}' has no CloudWatch alarm on {', '.join(missing)}: a "
                "failing or slow trigger blocks the sign-ups or sign-ins it serves, and nobody "
                "hears of it; set triggerAlarms to true (the default), with alarmTopicArn.",
            )


TRIGGER_ALARMS = stack_policy(
    name="cognito-trigger-alarms",
    description="Trigger functions on production stacks have CloudWatch alarms on Errors, "
    "Throttles and Duration.",
    level=ADVISORY,
    violations=trigger_alarm_violations,
    config_schema=PRODUCTION_STACKS_SCHEMA,
)


def check_trigger_alarms(resources: Sequence[Resource], config: Mapping[str, Any]) -> list[str]:
    return messages(trigger_alarm_violations(resources, config))


POLICIES = [TRIGGER_ALARMS]
