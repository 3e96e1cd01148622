"""What the sandbox's `aws` provider knows about one resource type: a descriptor row.

Check, Diff, Create, Read, Update and Delete are the same for every type but for what a
row says: which inputs the type takes (anything else is refused by name, so a passing
sandbox run never hides an input it ignored), which of them replace the resource on AWS,
how it is autonamed, and the functions that talk to the emulator.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .context import Context, Created, Undo

Inputs = dict[str, Any]
State = dict[str, Any]


class ProviderError(RuntimeError):
    """A failure to tell the user in one sentence (no traceback): the engine shows it as is."""


@dataclass(frozen=True)
class Autoname:
    """How the real provider names a resource whose program gives no name.

    Pulumi's own style is `<logical name>-<7 random hex>`; a `prefix` input (`namePrefix`)
    gives Terraform's `<prefix><26 digits>` instead. Names longer than `max_length` are
    refused at preview, as the real provider refuses them.
    """

    max_length: int
    key: str = "name"
    prefix: str | None = "namePrefix"
    # Terraform's form for an unnamed Lambda permission: "terraform-<26 digits>".
    default_prefix: str | None = None


@dataclass(frozen=True)
class ResourceKind:
    token: str
    inputs: frozenset[str]
    create: Callable[[Context, str, Inputs, Undo], Created]
    read: Callable[[Context, str, State], Created | None]
    """The resource as the emulator holds it (None when it is gone); the state may be empty
    (an import), else it is the old state, whose shape the answer keeps."""
    delete: Callable[[Context, str, State], None]
    """Removes the resource; succeeds when it is already gone."""
    update: Callable[[Context, str, State, Inputs], Created] | None = None
    """Changes it in place; None when every change replaces it."""
    find: Callable[[Context, Inputs], str | None] | None = None
    """The id of an existing resource these (checked) inputs describe: how an interrupted
    create is recovered, since its inputs hold the name Check chose."""
    required: frozenset[str] = frozenset()
    replace_on: frozenset[str] = frozenset()
    computed: frozenset[str] = frozenset()
    """Optional inputs the service fills in when absent: leaving one out is not a change."""
    autoname: Autoname | None = None
    secret_outputs: frozenset[str] = frozenset()
    defaults: dict[str, Any] = field(default_factory=dict)
    """Inputs the real provider defaults in Check, so Diff sees them on both sides."""
    check: Callable[[Inputs], list[tuple[str, str]]] | None = None
    """Type-specific refusals (property, reason) that the emulator would not make itself."""


# Every type takes `region` (pulumi-aws v7); moving a resource to another region replaces it.
COMMON_INPUTS = frozenset({"region"})
COMMON_REPLACE = frozenset({"region"})


def kind(
    token: str,
    *,
    inputs: set[str] | frozenset[str],
    replace_on: set[str] | frozenset[str] = frozenset(),
    **rest: Any,
) -> ResourceKind:
    """A row, with the inputs and replacements every type shares."""
    return ResourceKind(
        token,
        inputs=frozenset(inputs) | COMMON_INPUTS,
        replace_on=frozenset(replace_on) | COMMON_REPLACE,
        **rest,
    )


def not_found(error: Exception) -> bool:
    """True for the emulator's answer that the thing is not there (already deleted)."""
    response = getattr(error, "response", None) or {}
    code = (response.get("Error") or {}).get("Code", "")
    return (
        code
        in {
            "ResourceNotFoundException",
            "NoSuchEntity",
            "NoSuchEntityException",
            "NotFoundException",
        }
        or response.get("ResponseMetadata", {}).get("HTTPStatusCode") == 404
    )


__all__ = [
    "Autoname",
    "Inputs",
    "ProviderError",
    "ResourceKind",
    "State",
    "kind",
    "not_found",
    "Undo",
    "Context",
    "Created",
]
