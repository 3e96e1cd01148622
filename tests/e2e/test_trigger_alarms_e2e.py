"""Trigger alarms through the real engine, on the dev stack file as it is (alarms are on by
default): each of the PreSignUp function's three alarms exists in the emulator's CloudWatch
with its metric, its dimension (the deployed function's name) and its threshold, and an
Errors datapoint such as Lambda publishes puts the Errors alarm in ALARM.

ministack's Lambda publishes AWS/Lambda metrics only for an Invoke call, not for the
trigger calls its Cognito makes, so the datapoint is published here (PutMetricData)."""

import time

FUNCTION_ALARMS = {"Errors", "Throttles", "Duration"}


def _alarms(dev) -> dict[str, dict]:
    cloudwatch = dev.clients("cloudwatch")
    named = cloudwatch.describe_alarms(AlarmNames=dev.outputs["triggerAlarmNames"])
    return {alarm["MetricName"]: alarm for alarm in named["MetricAlarms"]}


def test_the_pre_sign_up_function_has_its_three_alarms(dev):
    function = dev.outputs["triggerFunctionName"]
    alarms = _alarms(dev)
    assert set(alarms) == FUNCTION_ALARMS
    assert len(dev.outputs["triggerAlarmNames"]) == 3
    for alarm in alarms.values():
        assert alarm["Namespace"] == "AWS/Lambda"
        assert alarm["Dimensions"] == [{"Name": "FunctionName", "Value": function}]
        assert alarm["ComparisonOperator"] == "GreaterThanThreshold"
        assert alarm["TreatMissingData"] == "notBreaching"
        assert alarm["AlarmActions"] == alarm["OKActions"] == []  # the dev stack names no topic
    assert (alarms["Errors"]["Statistic"], alarms["Errors"]["Threshold"]) == ("Sum", 0)
    assert (alarms["Throttles"]["Statistic"], alarms["Throttles"]["Threshold"]) == ("Sum", 0)
    # The dev stack keeps the default timeout of 3 s: 80 % of it, in milliseconds.
    assert alarms["Duration"]["ExtendedStatistic"] == "p99"
    assert alarms["Duration"]["Threshold"] == 2400


def test_an_error_puts_the_errors_alarm_in_alarm(dev):
    function = dev.outputs["triggerFunctionName"]
    dev.clients("cloudwatch").put_metric_data(
        Namespace="AWS/Lambda",
        MetricData=[{
            "MetricName": "Errors", "Value": 1, "Unit": "Count", "Timestamp": time.time(),
            "Dimensions": [{"Name": "FunctionName", "Value": function}],
        }],
    )  # fmt: skip
    errors = _alarms(dev)["Errors"]
    assert errors["StateValue"] == "ALARM", errors["StateReason"]
