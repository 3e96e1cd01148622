"""Serve the provider to the engine, as `pulumi.provider.experimental.server.main` does,
but with one-sentence errors.

The SDK's servicer turns every exception into its message plus a Python traceback, which
the engine then prints to the user. A ProviderError is an answer, not a crash: it reaches
the engine as its message alone.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys
from typing import Any

import grpc
from pulumi.provider.experimental.server import _GRPC_CHANNEL_OPTIONS, ProviderServicer
from pulumi.runtime import rpc
from pulumi.runtime.proto import provider_pb2_grpc

from ..resources import ProviderError
from .provider import VERSION, EmulatorProvider

_ASSET_SIGNATURES = {rpc._special_asset_sig, rpc._special_archive_sig}


def _assets(struct) -> dict[str, Any]:
    """The top-level values of a property map that are assets or archives (raw, with hash)."""
    found = {}
    for key, value in struct.fields.items():
        if value.WhichOneof("kind") == "struct_value":
            signature = value.struct_value.fields.get(rpc._special_sig_key)
            if signature is not None and signature.string_value in _ASSET_SIGNATURES:
                found[key] = value
    return found


def _as_hashes(struct) -> None:
    """Assets the engine sends with their contents elided (old state, diffs) become their
    hash: the engine's own digest of the contents, which is all a diff needs."""
    for key, value in _assets(struct).items():
        digest = value.struct_value.fields.get("hash")
        struct.fields[key].string_value = f"asset:{digest.string_value if digest else ''}"


def _keep_assets(source, target) -> None:
    """Return assets as the engine sent them, hash included, so the state records the digest."""
    for key, value in _assets(source).items():
        target.fields[key].CopyFrom(value)


class Servicer(ProviderServicer):
    async def _answer(self, method, request, context):
        try:
            return await method(request, context)
        except Exception as error:
            # The SDK re-raises a new Exception from inside its handler: the original is its context.
            original = error.__context__ if not isinstance(error, ProviderError) else error
            if isinstance(original, ProviderError):
                await context.abort(grpc.StatusCode.UNKNOWN, str(original))
            raise

    async def CheckConfig(self, request, context):
        return await self._answer(super().CheckConfig, request, context)

    async def Check(self, request, context):
        _as_hashes(request.olds)
        response = await self._answer(super().Check, request, context)
        # The checked inputs carry the engine's digest of each archive on to Diff and Create.
        _keep_assets(request.news, response.inputs)
        return response

    async def Diff(self, request, context):
        for properties in (request.olds, request.news, request.old_inputs):
            _as_hashes(properties)
        return await self._answer(super().Diff, request, context)

    async def Create(self, request, context):
        response = await self._answer(super().Create, request, context)
        _keep_assets(request.properties, response.properties)
        return response

    async def Read(self, request, context):
        # The old state's assets arrive without contents; the provider leaves them as they were.
        kept_state, kept_inputs = _assets(request.properties), _assets(request.inputs)
        for key in kept_state:
            del request.properties.fields[key]
        for key in kept_inputs:
            del request.inputs.fields[key]
        response = await self._answer(super().Read, request, context)
        if response.id:
            for key, value in kept_state.items():
                response.properties.fields[key].CopyFrom(value)
            for key, value in kept_inputs.items():
                response.inputs.fields[key].CopyFrom(value)
        return response

    async def Update(self, request, context):
        _as_hashes(request.olds)
        _as_hashes(request.old_inputs)
        response = await self._answer(super().Update, request, context)
        _keep_assets(request.news, response.properties)
        return response

    async def Delete(self, request, context):
        _as_hashes(request.properties)
        _as_hashes(request.old_inputs)
        return await self._answer(super().Delete, request, context)

    async def Invoke(self, request, context):
        return await self._answer(super().Invoke, request, context)


def main(argv: list[str], endpoint: str) -> None:
    parser = argparse.ArgumentParser(description="the sandbox's aws resource plugin")
    parser.add_argument("engine", help="Pulumi engine address")
    engine = parser.parse_known_args(argv)[0].engine
    provider = EmulatorProvider(endpoint)

    async def serve() -> None:
        server = grpc.aio.server(options=_GRPC_CHANNEL_OPTIONS)
        provider_pb2_grpc.add_ResourceProviderServicer_to_server(
            Servicer(argv, VERSION, provider, engine_address=engine), server
        )
        port = server.add_insecure_port("127.0.0.1:0")
        await server.start()
        # The plugin handshake: the engine reads the port from the first line of stdout.
        sys.stdout.write(f"{port}\n")
        sys.stdout.flush()
        await server.wait_for_termination()

    with contextlib.suppress(KeyboardInterrupt):  # the engine stops plugins with a signal
        asyncio.run(serve())
