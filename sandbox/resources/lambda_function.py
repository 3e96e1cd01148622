"""Lambda: the trigger function, packaged from the archive the engine hands the provider."""

from __future__ import annotations

import base64
import hashlib
import time
from typing import Any

from botocore.exceptions import ClientError

from ..archive import zip_bytes
from ..fieldmap import INT, PLAIN, ListOf, from_aws, struct, to_aws
from .context import Context, Created, Undo
from .kind import Autoname, ProviderError, kind, not_found

# Pulumi input name -> CreateFunction / UpdateFunctionConfiguration parameter.
CONFIGURATION = struct(
    role="Role",
    runtime="Runtime",
    handler="Handler",
    description="Description",
    timeout=("Timeout", INT),
    memorySize=("MemorySize", INT),
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
)
# Set at creation only (UpdateFunctionConfiguration has no such member).
CREATE_ONLY = struct(
    architectures=("Architectures", ListOf(PLAIN)),
    packageType="PackageType",
    publish="Publish",
    tags="Tags",
)

_ACTIVE_TIMEOUT = 10.0  # ministack flips Pending -> Active in a background thread


def code_sha256(code: Any) -> str:
    """Lambda's CodeSha256 of the package built from `code`: how a code change is seen."""
    return base64.b64encode(hashlib.sha256(zip_bytes(code)).digest()).decode()


def _state(ctx: Context, config: dict[str, Any], inputs: dict[str, Any]) -> dict[str, Any]:
    region = ctx.region(inputs)
    arn = config["FunctionArn"]
    version = config.get("Version", "$LATEST")
    invoke = (
        f"arn:{ctx.partition}:apigateway:{region}:lambda:path/2015-03-31/functions/{{}}/invocations"
    )
    return {
        **inputs,
        "arn": arn,
        "invokeArn": invoke.format(arn),
        "qualifiedArn": f"{arn}:{version}",
        "qualifiedInvokeArn": invoke.format(f"{arn}:{version}"),
        "version": version,
        "lastModified": config.get("LastModified"),
        "codeSha256": config.get("CodeSha256"),
        "sourceCodeSize": config.get("CodeSize"),
        "tagsAll": inputs.get("tags") or {},
    }


def create_function(ctx: Context, logical: str, inputs: dict[str, Any], undo: Undo) -> Created:
    lam = ctx.client("lambda", inputs)
    name = inputs["name"]
    request = {
        **to_aws(CONFIGURATION, {k: inputs.get(k) for k in CONFIGURATION.fields}, "Function."),
        **to_aws(CREATE_ONLY, {k: inputs.get(k) for k in CREATE_ONLY.fields}, "Function."),
    }
    created = lam.create_function(
        FunctionName=name, Code={"ZipFile": zip_bytes(inputs["code"])}, **request
    )
    undo.push("lambda", "delete_function", FunctionName=name)
    _concurrency(lam, name, inputs)
    return Created(name, _state(ctx, _wait(lam, name, created, "State", "Active"), inputs))


def read_function(ctx: Context, name: str, state: dict[str, Any]) -> Created | None:
    try:
        config = ctx.client("lambda", state).get_function_configuration(FunctionName=name)
    except ClientError as error:
        if not_found(error):
            return None
        raise
    inputs = {
        **from_aws(CONFIGURATION, config),
        "architectures": config.get("Architectures"),
        "packageType": config.get("PackageType", "Zip"),
        "name": name,
    }
    if state:
        inputs = {k: v for k, v in inputs.items() if k in state}
        # What the service cannot answer stays as written (the archive is kept by the server).
        inputs.update({k: state[k] for k in ("publish", "skipDestroy", "tags",
                                             "reservedConcurrentExecutions") if k in state})  # fmt: skip
    return Created(name, _state(ctx, config, inputs))


def update_function(ctx: Context, name: str, old: dict[str, Any], new: dict[str, Any]) -> Created:
    lam = ctx.client("lambda", new)
    changed = {k for k in CONFIGURATION.fields if old.get(k) != new.get(k)}
    if changed:
        # Every member is sent: an omitted one would be reset, as UpdateFunctionConfiguration does.
        request = to_aws(CONFIGURATION, {k: new.get(k) for k in CONFIGURATION.fields}, "Function.")
        lam.update_function_configuration(FunctionName=name, **request)
        _wait(lam, name, {}, "LastUpdateStatus", "Successful")
    if old.get("codeSha256") != code_sha256(new["code"]):
        lam.update_function_code(FunctionName=name, ZipFile=zip_bytes(new["code"]))
        _wait(lam, name, {}, "LastUpdateStatus", "Successful")
    if old.get("reservedConcurrentExecutions") != new.get("reservedConcurrentExecutions"):
        _concurrency(lam, name, new, clear=True)
    config = lam.get_function_configuration(FunctionName=name)
    arn = config["FunctionArn"]
    old_tags, new_tags = old.get("tags") or {}, new.get("tags") or {}
    if old_tags != new_tags:
        if removed := sorted(set(old_tags) - set(new_tags)):
            lam.untag_resource(Resource=arn, TagKeys=removed)
        if new_tags:
            lam.tag_resource(Resource=arn, Tags=new_tags)
    return Created(name, _state(ctx, config, new))


def delete_function(ctx: Context, name: str, state: dict[str, Any]) -> None:
    if state.get("skipDestroy"):
        return
    try:
        ctx.client("lambda", state).delete_function(FunctionName=name)
    except ClientError as error:
        if not not_found(error):
            raise


def find_function(ctx: Context, inputs: dict[str, Any]) -> list[str]:
    return [inputs["name"]] if read_function(ctx, inputs["name"], {}) else []


def _concurrency(lam: Any, name: str, inputs: dict[str, Any], clear: bool = False) -> None:
    reserved = inputs.get("reservedConcurrentExecutions")
    if reserved not in (None, -1, -1.0):
        lam.put_function_concurrency(FunctionName=name, ReservedConcurrentExecutions=int(reserved))
    elif clear:
        lam.delete_function_concurrency(FunctionName=name)


def _wait(lam: Any, name: str, config: dict[str, Any], field: str, done: str) -> dict[str, Any]:
    """Wait as the real provider does: invoking a function before it is ready fails."""
    deadline = time.monotonic() + _ACTIVE_TIMEOUT
    while config.get(field) != done and time.monotonic() < deadline:
        if config.get(field) == "Failed":
            break
        time.sleep(0.02)
        config = lam.get_function_configuration(FunctionName=name)
    if config.get(field) != done:
        raise ProviderError(
            f"Lambda function {name} is not ready ({field} {config.get(field)}): "
            f"{config.get('StateReason') or config.get('LastUpdateStatusReason') or 'no reason given'}"
        )
    return config


def _check(inputs: dict[str, Any]) -> list[tuple[str, str]]:
    if inputs.get("code") is None:
        return [("code", "the sandbox deploys only inline code (an AssetArchive or FileArchive)")]
    return []


FUNCTION = kind(
    "aws:lambda/function:Function",
    inputs={
        "name",
        "code",
        *CONFIGURATION.fields,
        *CREATE_ONLY.fields,
        "sourceCodeHash",
        "reservedConcurrentExecutions",
        "skipDestroy",
    },  # fmt: skip
    required=frozenset({"role"}),
    replace_on={"name", "packageType"},
    computed=frozenset({"architectures", "sourceCodeHash"}),
    autoname=Autoname(max_length=64, prefix=None),
    # The Terraform schema's defaults, which the real provider writes into the inputs.
    defaults={
        "timeout": 3,
        "memorySize": 128,
        "publish": False,
        "packageType": "Zip",
        "reservedConcurrentExecutions": -1,
        "skipDestroy": False,
    },  # fmt: skip
    check=_check,
    create=create_function,
    read=read_function,
    update=update_function,
    delete=delete_function,
    find=find_function,
)
