"""Trigger alarms under mocks: each alarm's metric, statistic and threshold read off the
registered inputs, per function and per timeout; the topic; alarms off; none for an
existing function."""

import pulumi
import pytest

from components.trigger_alarms import duration_threshold_ms

ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm"
TOPIC = "arn:aws:sns:us-east-1:123456789012:auth-alarms"
EXISTING = "arn:aws:lambda:us-east-1:123456789012:function:existing-trigger"


@pytest.fixture
def build(build_auth):
    return build_auth


def _alarms(fake_aws, function: str) -> dict[str, dict]:
    """The alarms on one function, by metric name."""
    name = fake_aws.states[function]["name"]
    return {
        a.inputs["metricName"]: a.inputs
        for a in fake_aws.of_type(ALARM)
        if a.inputs["dimensions"] == {"FunctionName": name}
    }


@pytest.mark.parametrize("timeout, threshold", [(1, 800), (3, 2400), (4, 3200), (5, 4000)])
def test_each_alarm_reads_its_metric_and_threshold(build, fake_aws, timeout, threshold):
    out = build({"trigger_timeout_seconds": timeout})
    alarms = _alarms(fake_aws, "auth-pre-sign-up")
    assert set(alarms) == {"Errors", "Throttles", "Duration"}
    for metric in ("Errors", "Throttles"):
        alarm = alarms[metric]
        assert alarm["namespace"] == "AWS/Lambda"
        assert (alarm["statistic"], alarm["threshold"]) == ("Sum", 0)
        assert alarm["comparisonOperator"] == "GreaterThanThreshold"
        assert "extendedStatistic" not in alarm
    duration = alarms["Duration"]
    assert duration["namespace"] == "AWS/Lambda"
    assert duration["extendedStatistic"] == "p99" and "statistic" not in duration
    assert duration["threshold"] == threshold
    assert duration["comparisonOperator"] == "GreaterThanThreshold"
    for alarm in alarms.values():
        assert alarm["treatMissingData"] == "notBreaching"
        assert alarm["alarmActions"] == alarm["okActions"] == []
    assert len(out["triggerAlarmNames"]) == 3


def test_thresholds_follow_the_lower_of_timeout_and_cognitos_wait():
    assert [duration_threshold_ms(t) for t in (1, 2, 3, 4, 5, 6, 900)] == [
        800, 1600, 2400, 3200, 4000, 4000, 4000]  # fmt: skip


def test_each_function_gets_its_own_alarms_at_its_own_timeout(build, fake_aws):
    build({
        "trigger_timeout_seconds": 3, "default_group": "members", "groups": {"members": {}},
        "triggers": {"PostConfirmation": {"timeout_seconds": 5}},
    })  # fmt: skip
    assert _alarms(fake_aws, "auth-pre-sign-up")["Duration"]["threshold"] == 2400
    assert _alarms(fake_aws, "auth-post-confirmation")["Duration"]["threshold"] == 4000
    assert len(fake_aws.of_type(ALARM)) == 6


def test_a_timeout_given_as_an_output_reaches_the_threshold(build, fake_aws):
    build({"trigger_timeout_seconds": pulumi.Output.from_input(4)})
    assert _alarms(fake_aws, "auth-pre-sign-up")["Duration"]["threshold"] == 3200


def test_the_topic_hears_alarms_and_recoveries(build, fake_aws):
    build({"alarm_topic_arn": TOPIC})
    for alarm in _alarms(fake_aws, "auth-pre-sign-up").values():
        assert alarm["alarmActions"] == [TOPIC] and alarm["okActions"] == [TOPIC]


def test_alarms_can_be_switched_off(build, fake_aws):
    out = build({"trigger_alarms": False})
    assert fake_aws.of_type(ALARM) == [] and out["triggerAlarmNames"] == []


def test_an_existing_function_gets_no_alarm(build, fake_aws):
    build({"triggers": {"PreSignUp": {"function_arn": EXISTING}}})
    assert fake_aws.of_type(ALARM) == []


def test_alarms_are_children_of_the_component(build, monitor):
    build({})
    component = next(r for r in monitor.requests if r.type == "cognito-auth:index:CognitoAuth")
    parent = monitor.urns[component.name]
    alarms = [r for r in monitor.requests if r.type == ALARM]
    assert len(alarms) == 3 and all(r.parent == parent for r in alarms)


@pytest.mark.parametrize(
    "args, fragment",
    [
        ({"trigger_alarms": False, "alarm_topic_arn": TOPIC},
         "alarm_topic_arn is set but trigger_alarms is false"),
        ({"trigger_alarms": False, "alarm_topic_arn": pulumi.Output.from_input(TOPIC)},
         "alarm_topic_arn is set but trigger_alarms is false"),
        ({"alarm_topic_arn": "arn:aws:sqs:us-east-1:123456789012:q"},
         "alarm_topic_arn is \"arn:aws:sqs:us-east-1:123456789012:q\"; it must be empty or an SNS topic ARN"),
    ],
)  # fmt: skip
def test_refused_before_anything_registers(refusal, args, fragment):
    problems = refusal(args)
    assert any(fragment in problem for problem in problems), problems
