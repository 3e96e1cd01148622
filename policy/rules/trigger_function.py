"""Trigger functions: a timeout of 5 s or less, a runtime Lambda still supports, and a log
group with a retention.

A trigger function is a Lambda function some user pool's `lambdaConfig` points at: any
trigger key (`preSignUp`, ...) or the `lambdaArn` of a nested block
(`preTokenGenerationConfig`, `customEmailSender`, `customSmsSender`); `kmsKeyId` is not a
function. Functions are matched by ARN (without version or alias) or by name. During a
preview a new function's ARN is unknown, so the pool's `lambdaConfig` property
dependencies name the functions instead. Functions that are not in the stack (an existing
function given by ARN) cannot be checked here.

Its log group is the `aws:cloudwatch/logGroup:LogGroup` whose `name` is the function's
`loggingConfig.logGroup`, or `/aws/lambda/<function name>` without one; it must exist in
the stack (else Lambda creates one that keeps logs forever) with `retentionInDays` set.

Supported runtimes: `RUNTIME_DEPRECATION` below gives every runtime identifier of the
Lambda API (botocore's `Runtime` enum, which still lists every runtime ever offered) with
the date AWS deprecates it (phase 1: no more security patches, no new functions), `None`
where AWS has announced none. A runtime is supported until that date. So python3.9
(2025-12-15), nodejs18.x (2025-09-01) and nodejs20.x (2026-04-30) are out, as is every
Amazon Linux 2 runtime (python3.10, python3.11, java8.al2, java11, java17, provided.al2:
2026-06-30, when Amazon Linux 2 ends). tests/test_policy.py fails when botocore's enum
gains or loses an identifier, so a new runtime gets a date (or None) here before use.
Dates: AWS's "Lambda runtimes" page (docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html);
AWS moves them now and then, so check that page when editing the table.
"""

import datetime
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from .common import (
    FUNCTION,
    LOG_GROUP,
    MANDATORY,
    USER_POOL,
    Resource,
    function_name,
    is_unknown,
    messages,
    stack_policy,
    today,
    unqualified_arn,
)

COGNITO_TIMEOUT_SECONDS = 5

_d = datetime.date
RUNTIME_DEPRECATION: dict[str, datetime.date | None] = {
    # Node.js
    "nodejs26.x": None,
    "nodejs24.x": _d(2028, 4, 30),
    "nodejs22.x": _d(2027, 4, 30),
    "nodejs20.x": _d(2026, 4, 30),
    "nodejs18.x": _d(2025, 9, 1),
    "nodejs16.x": _d(2024, 6, 12),
    "nodejs14.x": _d(2023, 12, 4),
    "nodejs12.x": _d(2023, 3, 31),
    "nodejs10.x": _d(2021, 7, 30),
    "nodejs8.10": _d(2020, 3, 6),
    "nodejs6.10": _d(2019, 8, 12),
    "nodejs4.3": _d(2020, 3, 5),
    "nodejs4.3-edge": _d(2020, 3, 5),
    "nodejs": _d(2016, 10, 31),
    # Python
    "python3.15": None,
    "python3.14": _d(2029, 6, 30),
    "python3.13": _d(2029, 6, 30),
    "python3.12": _d(2028, 10, 31),
    "python3.11": _d(2026, 6, 30),
    "python3.10": _d(2026, 6, 30),
    "python3.9": _d(2025, 12, 15),
    "python3.8": _d(2024, 10, 14),
    "python3.7": _d(2023, 12, 4),
    "python3.6": _d(2022, 7, 18),
    "python2.7": _d(2021, 7, 15),
    # Java
    "java25": _d(2029, 6, 30),
    "java21": _d(2029, 6, 30),
    "java17.al2023": None,
    "java11.al2023": None,
    "java8.al2023": None,
    "java17": _d(2026, 6, 30),
    "java11": _d(2026, 6, 30),
    "java8.al2": _d(2026, 6, 30),
    "java8": _d(2024, 1, 8),
    # .NET
    "dotnet10": _d(2028, 11, 14),
    "dotnet8": _d(2026, 11, 10),
    "dotnet6": _d(2024, 11, 12),
    "dotnetcore3.1": _d(2023, 4, 3),
    "dotnetcore2.1": _d(2022, 1, 5),
    "dotnetcore2.0": _d(2019, 5, 30),
    "dotnetcore1.0": _d(2019, 7, 27),
    # Ruby
    "ruby4.0": None,
    "ruby3.4": _d(2028, 3, 31),
    "ruby3.3": _d(2027, 3, 31),
    "ruby3.2": _d(2026, 3, 31),
    "ruby2.7": _d(2023, 11, 27),
    "ruby2.5": _d(2021, 7, 30),
    # OS-only
    "provided.al2023": _d(2029, 6, 30),
    "provided.al2": _d(2026, 6, 30),
    "provided": _d(2024, 1, 8),
    "go1.x": _d(2024, 1, 8),
}

# In botocore's enum but not a runtime AWS documents for functions: never supported here.
UNDOCUMENTED_RUNTIMES = frozenset({"custom"})


def supported_runtimes(on: datetime.date) -> list[str]:
    return sorted(
        runtime
        for runtime, deprecated in RUNTIME_DEPRECATION.items()
        if deprecated is None or on < deprecated
    )


def _lambda_config_refs(pool: Resource) -> tuple[set[str], bool]:
    """The function ARNs/names the pool's lambdaConfig names, and whether any is unknown."""
    config = pool.props.get("lambdaConfig")
    if is_unknown(config):
        return set(), True
    if not isinstance(config, Mapping):
        return set(), False
    refs, unknown = set(), False
    for key, value in config.items():
        if key == "kmsKeyId":
            continue
        target = value.get("lambdaArn") if isinstance(value, Mapping) else value
        if is_unknown(target):
            unknown = True
        elif isinstance(target, str) and target:
            refs.add(target)
    return refs, unknown


def trigger_functions(resources: Sequence[Resource]) -> list[Resource]:
    """The stack's functions that a user pool uses as a trigger."""
    arns: set[str] = set()
    names: set[str] = set()
    depended_on: set[str] = set()
    for pool in resources:
        if pool.type != USER_POOL:
            continue
        refs, unknown = _lambda_config_refs(pool)
        arns |= {unqualified_arn(ref) for ref in refs}
        names |= {function_name(ref) for ref in refs}
        if unknown:
            depended_on |= set(pool.property_dependencies.get("lambdaConfig", ()))
    found = []
    for function in resources:
        if function.type != FUNCTION:
            continue
        arn, name = function.props.get("arn"), function.props.get("name")
        if (
            (isinstance(arn, str) and unqualified_arn(arn) in arns)
            or (isinstance(name, str) and name in names)
            or (function.urn and function.urn in depended_on)
        ):
            found.append(function)
    return found


def _timeout_violation(function: Resource) -> str | None:
    timeout = function.props.get("timeout")  # unset: Lambda's default of 3 s
    if not isinstance(timeout, int | float) or timeout <= COGNITO_TIMEOUT_SECONDS:
        return None
    return (
        f"Trigger function '{function.name}' has a timeout of {timeout:g} s: Cognito waits "
        f"at most {COGNITO_TIMEOUT_SECONDS} s for a trigger, so set timeout to "
        f"{COGNITO_TIMEOUT_SECONDS} or less."
    )


def _runtime_violation(function: Resource, on: datetime.date) -> str | None:
    if function.props.get("packageType") == "Image":
        return None  # a container image brings its own runtime
    runtime = function.props.get("runtime")
    if is_unknown(runtime):
        return None
    if not runtime:
        return (
            f"Trigger function '{function.name}' sets no runtime: set one that Lambda "
            "still supports."
        )
    if runtime not in RUNTIME_DEPRECATION:
        return (
            f"Trigger function '{function.name}' runs '{runtime}', which is not a Lambda "
            "runtime this policy knows: use one that Lambda still supports."
        )
    deprecated = RUNTIME_DEPRECATION[runtime]
    if deprecated is not None and on >= deprecated:
        return (
            f"Trigger function '{function.name}' runs {runtime}, which AWS Lambda deprecated "
            f"on {deprecated.isoformat()}: move it to a runtime that Lambda still supports."
        )
    return None


def _log_group_violation(function: Resource, resources: Sequence[Resource]) -> str | None:
    logging_config = function.props.get("loggingConfig")
    configured = logging_config.get("logGroup") if isinstance(logging_config, Mapping) else None
    groups = [r for r in resources if r.type == LOG_GROUP]
    if is_unknown(configured) or is_unknown(logging_config):
        # Preview: the group's name is not computed yet; the dependency names the group.
        linked = set(function.property_dependencies.get("loggingConfig", ()))
        candidates = [g for g in groups if g.urn in linked]
        if not candidates:
            return None
        group, group_name = candidates[0], candidates[0].props.get("name")
    else:
        name = function.props.get("name")
        if configured:
            group_name = configured
        elif isinstance(name, str):
            group_name = f"/aws/lambda/{name}"
        else:
            return None  # the name is not known yet
        matching = [g for g in groups if g.props.get("name") == group_name]
        if not matching:
            return (
                f"Trigger function '{function.name}' logs to '{group_name}', which this "
                "stack does not create: add a log group of that name with "
                "retention_in_days, or Lambda creates one that keeps logs forever."
            )
        group = matching[0]
    retention = group.props.get("retentionInDays")
    if is_unknown(retention) or (isinstance(retention, int | float) and retention > 0):
        return None
    return (
        f"Log group '{group.name}' of trigger function '{function.name}' has no retention: "
        "set retention_in_days so that its logs do not stay forever."
    )


def trigger_function_violations(
    resources: Sequence[Resource], config: Mapping[str, Any]
) -> Iterator[tuple[Resource, str]]:
    on = today(config)
    for function in trigger_functions(resources):
        for violation in (
            _timeout_violation(function),
            _runtime_violation(function, on),
            _log_group_violation(function, resources),
        ):
            if violation:
                yield function, violation


def check_trigger_functions(resources: Sequence[Resource], config: Mapping[str, Any]) -> list[str]:
    return messages(trigger_function_violations(resources, config))


TRIGGER_FUNCTIONS = stack_policy(
    name="cognito-trigger-function",
    description="Cognito trigger functions time out within 5 s, run a supported runtime and "
    "log to a log group with a retention.",
    level=MANDATORY,
    violations=trigger_function_violations,
)

POLICIES = [TRIGGER_FUNCTIONS]
