"""After an interrupted `pulumi up`: the stack's lock, and the operations left pending.

A killed `pulumi up` leaves its lock on the stack, and the next one is refused ("the stack
is currently locked ... `pulumi cancel`"). The lock names the process that took it, so a
lock whose process is gone is stale and is cancelled, and one whose process lives means
another update is running, which is refused: two updates of one stack never overlap.

A `pulumi up` that is killed while a resource is being created leaves a *pending create*
in the stack's state: the engine cannot know whether the resource came to exist. Pulumi
asks the user to check the provider, then `pulumi refresh` with `--clear-pending-creates`
(or an import of what did come to exist); without that, the next `up` creates them again
and the first copy is orphaned (the old sandbox leaked a function on every killed run).

The sandbox can answer the question itself: Check chose each resource's name before the
create began, and the pending operation records those inputs, so the emulator is asked
whether a resource of that name exists that the state does not hold. Such an orphan was
made a moment before the kill and holds nothing yet; it is removed, the pending creates are
cleared, and the `up` that follows creates each resource once. (`pulumi import` would keep
it instead, but the CLI runs an import through the language host, which the sandbox lacks.)
"""

from __future__ import annotations

import json
import socket
from collections.abc import Callable
from dataclasses import dataclass, field

from .clients import EmulatorClients
from .engine import SandboxError, SandboxStack
from .processes import pid_alive
from .resources import KINDS, Context


@dataclass
class Settled:
    removed: dict[str, str] = field(default_factory=dict)  # urn -> orphan removed from the emulator
    cleared: list[str] = field(default_factory=list)  # urns of every pending create
    other: list[str] = field(default_factory=list)  # updates/deletes: the refresh reads them back

    def __bool__(self) -> bool:
        return bool(self.removed or self.cleared or self.other)

    def describe(self) -> str:
        parts = []
        if self.removed:
            parts.append(
                f"removed {len(self.removed)} orphan(s) the interrupted update had created: "
                + ", ".join(
                    f"{urn.rsplit('::', 1)[-1]} ({resource_id})"
                    for urn, resource_id in self.removed.items()
                )
            )
        if self.cleared:
            parts.append(
                f"cleared {len(self.cleared)} pending create(s), to be created once by this `up`"
            )
        if self.other:
            parts.append(f"refreshed {len(self.other)} interrupted updates or deletes")
        return "; ".join(parts)


def locks(stack: SandboxStack) -> list[dict]:
    """The stack's locks in the file backend, each with the process that holds it."""
    found = []
    for path in (stack.sandbox.backend_dir / ".pulumi" / "locks").glob(f"*/*/{stack.name}/*.json"):
        try:
            content = json.loads(path.read_text())
        except (OSError, ValueError):
            content = {}
        found.append({**content, "path": path})
    return found


def _alive(lock: dict) -> bool:
    if lock.get("hostname") not in (None, socket.gethostname()):
        return True  # another machine's: nothing here can tell, so it is respected
    try:
        pid = int(lock.get("pid") or 0)
    except (TypeError, ValueError):
        return False
    return pid > 0 and pid_alive(pid)


def release_stale_lock(
    stack: SandboxStack, endpoint: str, log: Callable[[str], None] = print
) -> None:
    """Refuse while another update of the stack runs; cancel a dead one's lock."""
    held = locks(stack)
    live = [lock for lock in held if _alive(lock)]
    if live:
        raise SandboxError(
            f"another update of stack {stack.name} is running (pid {live[0].get('pid')}, since "
            f"{live[0].get('timestamp', '?')}): wait for it to finish; the sandbox never runs two at once"
        )
    if held:
        log(
            f"stack {stack.name} is locked by an update whose process ({held[0].get('pid')}) is "
            "gone, so it was interrupted: running `pulumi cancel`"
        )
        stack.pulumi("cancel", "--yes", endpoint=endpoint)


def _refuse_if_in_use(token: str, resource_id: str, ctx: Context) -> None:
    """An orphaned user pool is removed only while it holds no user."""
    if token == "aws:cognito/userPool:UserPool":
        users = ctx.clients("cognito-idp").list_users(UserPoolId=resource_id, Limit=1)["Users"]
        if users:
            raise SandboxError(
                f"the interrupted update created user pool {resource_id}, which the state does not "
                "know and which already holds users: keep it by adopting it (`importUserPoolId`), "
                "or delete it yourself, then `python -m sandbox up` again"
            )


def pending_operations(stack: SandboxStack) -> list[dict]:
    return stack.export().get("deployment", {}).get("pending_operations") or []


def settle(stack: SandboxStack, endpoint: str, log: Callable[[str], None] = print) -> Settled:
    """Resolve every pending operation of `stack`, then refresh it; returns what was done."""
    operations = pending_operations(stack)
    settled = Settled()
    if not operations:
        return settled
    log(
        f"the last update of stack {stack.name} was interrupted with {len(operations)} "
        "operation(s) in flight (Pulumi says: run `pulumi refresh` to reconcile); reconciling "
        "them with the emulator"
    )
    deployment = stack.export().get("deployment", {})
    held = {resource.get("id") for resource in deployment.get("resources") or []}
    clients = EmulatorClients(endpoint)
    ctx = Context(clients, clients("sts").get_caller_identity()["Account"])
    for operation in operations:
        resource = operation.get("resource") or {}
        urn = resource.get("urn", "")
        if operation.get("type") != "creating":
            settled.other.append(urn)
            continue
        row = KINDS.get(resource.get("type", ""))
        found = (
            [] if row is None or row.find is None else row.find(ctx, resource.get("inputs") or {})
        )
        found = [resource_id for resource_id in found if resource_id not in held]
        if len(found) > 1:
            raise SandboxError(
                f"{urn} was being created when the update stopped, and the emulator holds "
                f"{len(found)} resources it could be ({', '.join(found)}): remove the extra ones, "
                "then `pulumi refresh --clear-pending-creates`"
            )
        for resource_id in found:
            _refuse_if_in_use(row.token, resource_id, ctx)
            row.delete(ctx, resource_id, resource.get("inputs") or {})
            settled.removed[urn] = resource_id
        settled.cleared.append(urn)
    flags = ["--clear-pending-creates"] if settled.cleared else []
    stack.pulumi("refresh", "--yes", "--skip-preview", *flags, endpoint=endpoint)
    log(f"stack {stack.name}: {settled.describe()}")
    return settled
