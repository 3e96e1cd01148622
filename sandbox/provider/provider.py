"""The sandbox's `aws` provider: the custom-resource protocol, answered by the emulator.

The engine calls it exactly as it calls the real pulumi-aws provider: Check fills defaults
and autonames and refuses what the sandbox cannot apply, Diff decides update versus
replace by the resource's row, Create, Read, Update and Delete go to ministack, and the
invokes answer the account, region and partition. Everything type-specific is in the rows
of `sandbox/resources/`; this module is the same for every type.
"""

from __future__ import annotations

import asyncio
import hashlib
import threading
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError
from pulumi.provider.experimental import provider as protocol
from pulumi.provider.experimental.property_value import PropertyValue

from ..clients import EmulatorClients
from ..resources import KINDS, Context, ProviderError, ResourceKind, Undo
from ..resources.context import unique_suffix
from .invokes import INVOKES
from .wire import UNKNOWN, is_unknown, plain, plain_map, secret_keys, wire, wire_map

VERSION = "7.51.1"
"""The pulumi-aws version this plugin stands in for: the one the SDK asks the engine for."""

# Provider settings the sandbox never uses: credentials and profiles belong to AWS, and the
# emulator has its own, so whatever a stack or shell says of them cannot matter here.
IGNORED_CONFIG = frozenset({
    "version", "profile", "accessKey", "secretKey", "token", "sharedCredentialsFiles",
    "sharedConfigFiles", "skipCredentialsValidation", "skipMetadataApiCheck",
    "skipRegionValidation", "skipRequestingAccountId", "maxRetries", "retryMode",
    "assumeRoles", "assumeRoleWithWebIdentity", "s3UsePathStyle", "skipGetEc2Platforms",
})  # fmt: skip


class EmulatorProvider(protocol.Provider):
    def __init__(self, endpoint: str) -> None:
        self.endpoint = endpoint
        self.region = "us-east-1"
        self._context: Context | None = None
        self._lock = threading.Lock()

    # -- provider configuration ----------------------------------------------------------------

    async def check_config(self, request: protocol.CheckRequest) -> protocol.CheckResponse:
        unknown = sorted(
            key for key in plain_map(request.new_inputs) if key not in IGNORED_CONFIG | {"region"}
        )
        failures = [
            protocol.CheckFailure(
                key,
                f"aws:{key} is not a setting the sandbox can honour (it sets only aws:region); "
                "remove it from the stack to run in the sandbox",
            )
            for key in unknown
        ]
        return protocol.CheckResponse(inputs=request.new_inputs, failures=failures)

    async def configure(self, request: protocol.ConfigureRequest) -> protocol.ConfigureResponse:
        region = plain(request.args["region"]) if "region" in request.args else None
        self.region = region if isinstance(region, str) and region else self.region
        return protocol.ConfigureResponse(
            accept_secrets=True,
            # The engine computes previews itself: Create and Update only ever run for real.
            supports_preview=False,
            accept_outputs=False,
            accept_resources=False,
        )

    async def get_schema(self, request: protocol.GetSchemaRequest) -> protocol.GetSchemaResponse:
        return protocol.GetSchemaResponse(schema=f'{{"name": "aws", "version": "{VERSION}"}}')

    @property
    def context(self) -> Context:
        with self._lock:  # asked once: the account is whatever the emulator says the caller's is
            if self._context is None:
                clients = EmulatorClients(self.endpoint, self.region)
                account = clients("sts").get_caller_identity()["Account"]
                self._context = Context(clients, account)
            return self._context

    # -- resources ---------------------------------------------------------------------------------

    async def check(self, request: protocol.CheckRequest) -> protocol.CheckResponse:
        row = KINDS.get(_token(request))
        if row is None:
            return protocol.CheckResponse(
                failures=[protocol.CheckFailure("", _unsupported(_token(request)))]
            )
        news = plain_map(request.new_inputs)
        failures = [
            protocol.CheckFailure(key, f"{key} is an input the sandbox cannot apply to the emulator "
                                       f"(it maps {', '.join(sorted(row.inputs))})")
            for key in sorted(set(news) - row.inputs)
        ]  # fmt: skip
        failures += [
            protocol.CheckFailure(key, f"missing required property '{key}'")
            for key in sorted(row.required - set(news))
        ]
        if row.check is not None:
            failures += [protocol.CheckFailure(k, reason) for k, reason in row.check(news)]
        added = {k: v for k, v in row.defaults.items() if k not in news}
        if row.autoname is not None and row.autoname.key not in news:
            name, problem = _autoname(row, request, news)
            if problem:
                failures.append(protocol.CheckFailure(row.autoname.key, problem))
            else:
                added[row.autoname.key] = name
        inputs = {**request.new_inputs, **wire_map(added)}
        return protocol.CheckResponse(inputs=inputs, failures=failures or None)

    async def diff(self, request: protocol.DiffRequest) -> protocol.DiffResponse:
        row = KINDS[_token(request)]
        old = plain_map(request.old_state)
        new = plain_map(request.new_inputs)
        detailed: dict[str, protocol.PropertyDiff] = {}
        for key in sorted(row.inputs & (set(old) | set(new))):
            if key in request.ignore_changes or _same(row, key, old, new):
                continue
            replace = key in row.replace_on or row.update is None
            if key not in old:
                change = (
                    protocol.PropertyDiffKind.ADD_REPLACE
                    if replace
                    else protocol.PropertyDiffKind.ADD
                )
            elif key not in new:
                change = (
                    protocol.PropertyDiffKind.DELETE_REPLACE
                    if replace
                    else protocol.PropertyDiffKind.DELETE
                )
            else:
                change = (
                    protocol.PropertyDiffKind.UPDATE_REPLACE
                    if replace
                    else protocol.PropertyDiffKind.UPDATE
                )
            detailed[key] = protocol.PropertyDiff(change, input_diff=True)
        replaces = [k for k, d in detailed.items() if d.kind.name.endswith("REPLACE")]
        return protocol.DiffResponse(
            changes=bool(detailed), replaces=replaces, diffs=list(detailed), detailed_diff=detailed
        )

    async def create(self, request: protocol.CreateRequest) -> protocol.CreateResponse:
        row = KINDS[_token(request)]
        inputs = plain_map(request.properties)
        ctx = self.context
        undo = Undo(ctx.region(inputs))
        try:
            created = await asyncio.to_thread(row.create, ctx, request.name, inputs, undo)
        except Exception as error:
            # Whatever part of it exists goes again: a failed Create leaves nothing behind.
            leftovers = await asyncio.to_thread(undo.rollback, ctx.clients)
            raise _explain("create", row, request.name, error, leftovers) from error
        return protocol.CreateResponse(
            resource_id=created.id,
            properties=wire_map(created.outputs, _secrets(row, request.properties)),
        )

    async def read(self, request: protocol.ReadRequest) -> protocol.ReadResponse:
        row = KINDS.get(_token(request))
        if row is None:
            raise ProviderError(_unsupported(_token(request)))
        state = plain_map(request.properties)
        try:
            found = await asyncio.to_thread(row.read, self.context, request.resource_id, state)
        except Exception as error:
            raise _explain("read", row, request.name, error) from error
        if found is None:  # gone from the emulator: the engine drops it from the state
            return protocol.ReadResponse(resource_id=None)
        secret = _secrets(row, request.properties)
        inputs = {k: v for k, v in found.outputs.items() if k in row.inputs}
        return protocol.ReadResponse(
            resource_id=found.id,
            properties=wire_map(found.outputs, secret),
            inputs=wire_map(inputs, secret),
        )

    async def update(self, request: protocol.UpdateRequest) -> protocol.UpdateResponse:
        row = KINDS[_token(request)]
        if row.update is None:
            raise ProviderError(
                f"{_token(request)} cannot change in place; the diff should have replaced it"
            )
        old, new = plain_map(request.olds), plain_map(request.news)
        try:
            updated = await asyncio.to_thread(
                row.update, self.context, request.resource_id, old, new
            )
        except Exception as error:
            raise _explain("update", row, request.name, error) from error
        return protocol.UpdateResponse(
            properties=wire_map(updated.outputs, _secrets(row, request.news))
        )

    async def delete(self, request: protocol.DeleteRequest) -> None:
        row = KINDS[_token(request)]
        state = plain_map(request.properties)
        try:
            await asyncio.to_thread(row.delete, self.context, request.resource_id, state)
        except Exception as error:
            raise _explain("delete", row, request.name, error) from error

    async def invoke(self, request: protocol.InvokeRequest) -> protocol.InvokeResponse:
        answer = INVOKES.get(request.tok)
        if answer is None:
            raise ProviderError(
                f"the sandbox's aws provider cannot answer the function {request.tok}; "
                f"it answers {', '.join(sorted(INVOKES))}"
            )
        result = await asyncio.to_thread(answer, self.context, self.region, plain_map(request.args))
        return protocol.InvokeResponse(return_value=wire_map(result))


def _token(request: Any) -> str:
    """The resource's type token: the URN's type is qualified by its parents' (`a$b$token`)."""
    return request.type.rsplit("$", 1)[-1]


def _unsupported(token: str) -> str:
    return (
        f"the sandbox's aws provider cannot create {token}: it manages "
        f"{', '.join(sorted(KINDS))}; deploy to AWS for the rest"
    )


def _autoname(
    row: ResourceKind, request: protocol.CheckRequest, news: dict[str, Any]
) -> tuple[str, str | None]:
    """The name the real provider would choose, or why it cannot (too long)."""
    spec = row.autoname
    assert spec is not None
    old = plain(request.old_inputs[spec.key]) if spec.key in request.old_inputs else None
    prefix = news.get(spec.prefix) if spec.prefix else None
    if isinstance(old, str) and old and (prefix is None or old.startswith(prefix)):
        return old, None  # an update keeps its name; a replacement is re-checked without olds
    if isinstance(prefix, str) or spec.default_prefix:
        name = f"{prefix if isinstance(prefix, str) else spec.default_prefix}{unique_suffix()}"
    else:
        seed = hashlib.sha256(request.random_seed + request.urn.encode()).hexdigest()
        name = f"{request.name}-{seed[:7]}"
    if prefix is UNKNOWN:
        return name, None
    if len(name) > spec.max_length:
        return name, (
            f"{spec.key} {name!r} (the resource's name plus a random suffix) is longer than "
            f"{spec.max_length} characters; give a shorter name"
        )
    return name, None


def _normal(value: Any) -> Any:
    """Compare as the service does: no difference between null and absent map members."""
    if isinstance(value, dict):
        return {k: _normal(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_normal(v) for v in value]
    return value


def _same(row: ResourceKind, key: str, old: dict[str, Any], new: dict[str, Any]) -> bool:
    if key not in new and key in row.computed:
        return True  # left to the service, which filled it in
    value = new.get(key)
    if is_unknown(value):
        return False
    return _normal(old.get(key)) == _normal(value)


def _secrets(row: ResourceKind, given: dict[str, PropertyValue]) -> set[str]:
    """Outputs to keep secret: the type's own secrets, and whatever was secret going in."""
    return set(row.secret_outputs) | secret_keys(given)


def _explain(
    action: str, row: ResourceKind, name: str, error: Exception, leftovers: list[str] | None = None
) -> ProviderError:
    if isinstance(error, ProviderError):
        message = str(error)
    elif isinstance(error, ClientError):
        detail = error.response.get("Error", {})
        message = (
            f"the emulator refused to {action} {row.token} {name!r}: "
            f"{detail.get('Code', 'Error')}: {detail.get('Message', error)}"
        )
    elif isinstance(error, BotoCoreError):
        message = f"the emulator could not be reached to {action} {row.token} {name!r}: {error}"
    elif isinstance(error, KeyError):
        message = f"{row.token} {name!r} is missing the input {error.args[0]!r}"
    else:
        message = f"could not {action} {row.token} {name!r}: {type(error).__name__}: {error}"
    if leftovers:
        message += "; rolling back the partial resource also failed: " + "; ".join(leftovers)
    return ProviderError(message)


__all__ = ["VERSION", "EmulatorProvider", "wire"]
