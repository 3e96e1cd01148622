"""Lambda: the trigger function, packaged from the archive Pulumi hands the mock."""

from __future__ import annotations

import time
from typing import Any

from ..archive import zip_bytes
from ..fieldmap import INT, PLAIN, ListOf, from_aws, integer, struct, to_aws
from .context import Context, Created, Undo, physical_name

# Pulumi input name -> CreateFunction parameter, for everything but code and naming.
FUNCTION = struct(
    role="Role",
    runtime="Runtime",
    handler="Handler",
    description="Description",
    timeout=("Timeout", INT),
    memorySize=("MemorySize", INT),
    architectures=("Architectures", ListOf(PLAIN)),
    publish="Publish",
    packageType="PackageType",
    kmsKeyArn="KMSKeyArn",
    layers=("Layers", ListOf(PLAIN)),
    environment=("Environment", struct(variables="Variables")),
    loggingConfig=(
        "LoggingConfig",
        struct(
            logFormat="LogFormat",
            logGroup="LogGroup",
            applicationLogLevel="ApplicationLogLevel",
            systemLogLevel="SystemLogLevel",
        ),
    ),
    tracingConfig=("TracingConfig", struct(mode="Mode")),
    ephemeralStorage=("EphemeralStorage", struct(size=("Size", INT))),
    deadLetterConfig=("DeadLetterConfig", struct(targetArn="TargetArn")),
    snapStart=("SnapStart", struct(applyOn="ApplyOn")),
    vpcConfig=(
        "VpcConfig",
        struct(
            subnetIds=("SubnetIds", ListOf(PLAIN)),
            securityGroupIds=("SecurityGroupIds", ListOf(PLAIN)),
            ipv6AllowedForDualStack="Ipv6AllowedForDualStack",
        ),
    ),
    tags="Tags",
)

# Inputs that only steer the provider (not the API) or are handled separately.
_PROVIDER_ONLY = {
    "name",
    "namePrefix",
    "code",
    "region",
    "sourceCodeHash",
    "skipDestroy",
    "reservedConcurrentExecutions",
    "replaceSecurityGroupsOnDestroy",
    "replacementSecurityGroupIds",
    "useResourceTimeoutForPropagation",
}

# Read back after creation, as the provider does; the rest keeps the input's value
# (ministack answers e.g. Layers as objects and an empty VpcConfig where Pulumi has none).
_READ_BACK = {
    "runtime",
    "handler",
    "description",
    "timeout",
    "memorySize",
    "architectures",
    "environment",
    "loggingConfig",
    "tracingConfig",
    "ephemeralStorage",
}

_ACTIVE_TIMEOUT = 10.0  # ministack flips Pending -> Active in a background thread


def create_function(ctx: Context, logical: str, inputs: dict[str, Any], undo: Undo) -> Created:
    if inputs.get("s3Bucket") or inputs.get("imageUri"):
        raise ValueError(
            "the sandbox packages only inline `code` (AssetArchive/FileArchive), not s3Bucket/imageUri"
        )
    if inputs.get("code") is None:
        raise ValueError("a Lambda function needs `code` in the sandbox")
    lam = ctx.client("lambda", inputs)
    name = physical_name(logical, inputs, max_length=64)
    request = to_aws(
        FUNCTION, {k: v for k, v in inputs.items() if k not in _PROVIDER_ONLY}, "Function."
    )
    created = lam.create_function(
        FunctionName=name, Code={"ZipFile": zip_bytes(inputs["code"])}, **request
    )
    undo.push("lambda", "delete_function", FunctionName=name)
    if inputs.get("reservedConcurrentExecutions") not in (None, -1, -1.0):
        lam.put_function_concurrency(
            FunctionName=name,
            ReservedConcurrentExecutions=integer(inputs["reservedConcurrentExecutions"]),
        )
    config = _wait_active(lam, name, created)

    region = ctx.region(inputs)
    arn = config["FunctionArn"]
    version = config.get("Version", "$LATEST")
    invoke = (
        f"arn:{ctx.partition}:apigateway:{region}:lambda:path/2015-03-31/functions/{{}}/invocations"
    )
    outputs = {
        **inputs,
        **{k: v for k, v in from_aws(FUNCTION, config).items() if k in _READ_BACK},
        "name": name,
        "arn": arn,
        "invokeArn": invoke.format(arn),
        "qualifiedArn": f"{arn}:{version}",
        "qualifiedInvokeArn": invoke.format(f"{arn}:{version}"),
        "version": version,
        "lastModified": config.get("LastModified"),
        "codeSha256": config.get("CodeSha256"),
        "sourceCodeHash": inputs.get("sourceCodeHash") or config.get("CodeSha256"),
        "sourceCodeSize": config.get("CodeSize"),
        "packageType": config.get("PackageType", "Zip"),
        "region": region,
        "tagsAll": inputs.get("tags") or {},
    }
    return Created(name, outputs)


def _wait_active(lam: Any, name: str, created: dict[str, Any]) -> dict[str, Any]:
    """Wait as the real provider does: an invoke before Active fails."""
    config = created
    deadline = time.monotonic() + _ACTIVE_TIMEOUT
    while config.get("State") == "Pending" and time.monotonic() < deadline:
        time.sleep(0.02)
        config = lam.get_function_configuration(FunctionName=name)
    if config.get("State") not in (None, "Active"):
        raise RuntimeError(
            f"Lambda {name} is {config.get('State')}: {config.get('StateReason') or 'no reason given'}"
        )
    return config
