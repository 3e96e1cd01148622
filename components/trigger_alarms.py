"""CloudWatch alarms on a trigger function the component builds, one row per alarm.

A failing or throttled PreSignUp blocks every sign-up, and Cognito gives up on a trigger
after 5 seconds, so each function gets an alarm on any Errors, on any Throttles, and on a
p99 Duration above 80 % of the lower of its timeout and Cognito's wait: a warning before
the calls start failing. No invocations is no problem (missing data is not breaching).
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pulumi
import pulumi_aws as aws

from .inputs import lift
from .tagging import tagged

COGNITO_WAIT_SECONDS = 5
DURATION_PERCENT = 80


def duration_threshold_ms(timeout_seconds: int) -> int:
    """80 % of the lower of the function's timeout and Cognito's 5 s, in milliseconds:
    3 s -> 2400, 5 s -> 4000 (whole numbers: no 2400.0000000000005)."""
    return min(timeout_seconds, COGNITO_WAIT_SECONDS) * 1000 * DURATION_PERCENT // 100


@dataclass(frozen=True)
class AlarmKind:
    suffix: str  # of the alarm's logical name
    metric: str  # in AWS/Lambda
    statistic: dict  # statistic=... or extended_statistic=...
    period_seconds: int
    threshold: Callable[[int], float]  # of the function's timeout in seconds
    why: str  # what it means for users, in its description


ALARMS = (
    AlarmKind("errors", "Errors", {"statistic": "Sum"}, 60, lambda _: 0,
              "the function failed, so the Cognito operation it serves failed for the user"),
    AlarmKind("throttles", "Throttles", {"statistic": "Sum"}, 60, lambda _: 0,
              "Lambda refused to run the function, so the Cognito operation failed"),
    AlarmKind("duration", "Duration", {"extended_statistic": "p99"}, 300, duration_threshold_ms,
              "the slowest calls near the point where Cognito gives up (5 s) or the timeout"),
)  # fmt: skip


def trigger_alarms(
    name: str,
    function: aws.lambda_.Function,
    triggers: tuple[str, ...],
    timeout_seconds: pulumi.Input[int],
    topic_arn: pulumi.Input[str],
    parent: pulumi.Resource,
    tags: Mapping[str, str],
) -> list[aws.cloudwatch.MetricAlarm]:
    """The alarms of one function; they notify `topic_arn` on alarm and on recovery,
    or nobody when it is empty."""
    actions = lift(lambda arn: [arn] if arn else [], topic_arn)
    serving = ", ".join(triggers)
    return [
        aws.cloudwatch.MetricAlarm(
            f"{name}-{kind.suffix}-alarm",
            alarm_description=f"{kind.metric} of the {serving} trigger function: {kind.why}.",
            namespace="AWS/Lambda",
            metric_name=kind.metric,
            dimensions={"FunctionName": function.name},
            **kind.statistic,
            period=kind.period_seconds,
            evaluation_periods=1,
            comparison_operator="GreaterThanThreshold",
            threshold=lift(kind.threshold, timeout_seconds),
            treat_missing_data="notBreaching",
            alarm_actions=actions,
            ok_actions=actions,
            **tagged(tags),
            opts=pulumi.ResourceOptions(parent=parent),
        )
        for kind in ALARMS
    ]
