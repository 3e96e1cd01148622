"""Pulumi mocks that build the program's resources for real, inside the emulator.

A program run under `pulumi.runtime.set_mocks(SandboxMocks(...), preview=False)` then
leaves behind a working user pool, client and trigger that boto3 can sign up and log
in against, which is how the sandbox shows behaviour without the Pulumi CLI or AWS.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pulumi
from botocore.exceptions import ClientError

from .clients import EmulatorClients
from .emulator import REGION, Emulator
from .invokes import INVOKES, UnsupportedInvokeError
from .ledger import Entry, Ledger, run_undo
from .resources import CREATORS, Context, Undo

_NOTHING_TO_CREATE = {"pulumi:pulumi:Stack"}


class SandboxError(RuntimeError):
    """A resource could not be created in the emulator; the message names type, name and cause."""


class UnsupportedResourceError(SandboxError):
    """The program declared a resource type the sandbox cannot build."""


class SandboxMocks(pulumi.runtime.Mocks):
    """`new_resource` creates the resource in the emulator and returns its real id and state.

    Component resources, the stack and explicit providers are only echoed back. Each
    resource is written to the ledger (on disk, if it has a path) the moment it exists,
    and one that fails halfway is rolled back, so `teardown()` can always clean up; call
    it first to clear what a crashed earlier run left in a persisted ledger.
    """

    def __init__(
        self, endpoint: str, *, region: str = REGION, ledger: Ledger | None = None
    ) -> None:
        self.clients = EmulatorClients(endpoint, region)
        self.ledger = ledger if ledger is not None else Ledger()
        self._context: Context | None = None
        self._context_lock = threading.Lock()

    @classmethod
    def started(
        cls, emulator: Emulator | None = None, *, ledger_path: Path | None = None
    ) -> SandboxMocks:
        """Start (or reuse) the emulator and return mocks bound to it, with an on-disk ledger."""
        emulator = emulator or Emulator()
        record = emulator.start()
        path = ledger_path or emulator.home / "ledger.json"
        return cls(record.endpoint, ledger=Ledger.load(path))

    @property
    def context(self) -> Context:
        # Asked once, lazily: the account is whatever the emulator says the caller's is.
        with self._context_lock:
            if self._context is None:
                account = self.clients("sts").get_caller_identity()["Account"]
                self._context = Context(self.clients, account)
            return self._context

    @property
    def created(self) -> list[Entry]:
        return list(self.ledger.entries)

    # -- pulumi.runtime.Mocks ------------------------------------------------------------------

    def new_resource(
        self, args: pulumi.runtime.MockResourceArgs
    ) -> tuple[str | None, dict[str, Any]]:
        inputs = {k: self._resolve_references(v) for k, v in args.inputs.items() if v is not None}
        if (
            args.typ in _NOTHING_TO_CREATE
            or args.custom is False
            or args.typ.startswith("pulumi:providers:")
        ):
            return f"{args.name}_id", inputs
        if args.resource_id:
            # Resource.get()/import: there is nothing to create; echo what the program passed.
            return args.resource_id, inputs
        creator = CREATORS.get(args.typ)
        if creator is None:
            raise UnsupportedResourceError(
                f"the sandbox cannot create resource type {args.typ!r} ({args.name!r}); "
                f"supported types: {', '.join(sorted(CREATORS))}"
            )
        if pulumi.runtime.is_dry_run():
            raise SandboxError(
                "the sandbox creates real resources, so it needs set_mocks(..., preview=False); "
                f"{args.typ} {args.name!r} was registered during a preview"
            )
        context = self.context
        undo = Undo(context.region(inputs))
        try:
            created = creator(context, args.name, inputs, undo)
        except Exception as error:
            # Whatever part of the resource exists goes again: a failed resource leaves nothing.
            leftovers = run_undo(undo.steps, self.clients)
            raise SandboxError(_explain(args.typ, args.name, error, leftovers)) from error
        self.ledger.record(Entry(args.typ, args.name, created.id, undo.steps))
        return created.id, {k: v for k, v in created.outputs.items() if v is not None}

    def call(
        self, args: pulumi.runtime.MockCallArgs
    ) -> tuple[dict[str, Any], list[tuple[str, str]]]:
        answer = INVOKES.get(args.token)
        if answer is None:
            raise UnsupportedInvokeError(
                f"the sandbox cannot answer provider function {args.token!r}; "
                f"supported: {', '.join(sorted(INVOKES))}"
            )
        # No failures: an empty list, since the mock monitor iterates it (None raises TypeError).
        return answer(self.context, dict(args.args)), []

    def _resolve_references(self, value: Any) -> Any:
        """Refuse a resource passed as an input (`role=role`) with advice, instead of a hang.

        Under mocks such an input arrives as a rehydrated resource object whose lookup runs
        on another event loop, and the program then fails with "attached to a different
        loop" or hangs. Passing `role.name` / `role.arn` / `pool.id` works.
        """
        if isinstance(value, pulumi.Resource):
            raise SandboxError(
                f"an input is the resource object {value.pulumi_resource_type} {value.pulumi_resource_name!r}; "
                "under Pulumi mocks pass one of its outputs (e.g. .name, .arn, .id) instead"
            )
        if isinstance(value, list):
            return [self._resolve_references(v) for v in value]
        if isinstance(value, dict):
            return {k: self._resolve_references(v) for k, v in value.items()}
        return value

    # -- lifecycle -------------------------------------------------------------------------------

    def teardown(self) -> list[Entry]:
        """Delete everything this sandbox created, newest first; returns what was removed."""
        return self.ledger.teardown(self.clients)


def _explain(typ: str, name: str, error: Exception, leftovers: list[str]) -> str:
    if isinstance(error, ClientError):
        detail = error.response.get("Error", {})
        message = f"the emulator refused {typ} {name!r}: {detail.get('Code', 'Error')}: {detail.get('Message', error)}"
    elif isinstance(error, KeyError):
        message = f"{typ} {name!r} is missing required input {error.args[0]!r}"
    else:
        message = f"the sandbox could not create {typ} {name!r}: {type(error).__name__}: {error}"
    if leftovers:
        message += "; rolling back the partial resource also failed: " + "; ".join(leftovers)
    return message
