"""Between the engine's PropertyValues and the plain values the resource modules work on.

Resource modules see what a Pulumi program wrote, in the engine's wire names (camelCase,
numbers as floats); an input the engine does not know yet (a preview, or an output of a
resource not yet created) is the `UNKNOWN` marker, and secrets are tracked by key so the
state keeps them secret.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pulumi
from pulumi.provider.experimental.property_value import (
    Computed,
    PropertyValue,
    ResourceReference,
)

# The engine sends an unknown value as this string (rpc.UnknownStringValue in the SDKs).
UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"


class _Unknown:
    """A value the engine will know only after some other resource is created."""

    _instance: _Unknown | None = None

    def __new__(cls) -> _Unknown:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "<unknown>"


UNKNOWN = _Unknown()


def plain(value: PropertyValue) -> Any:
    """The Python value of a PropertyValue; secrets lose their mark (see `secret_keys`)."""
    inner = value.value
    if isinstance(inner, Computed) or inner == UNKNOWN_STRING:
        return UNKNOWN
    if isinstance(inner, ResourceReference):
        # A resource passed as an input: the provider works with its id, as the real one does.
        return plain(inner.resource_id) if inner.resource_id is not None else inner.urn
    if isinstance(inner, (pulumi.Asset, pulumi.Archive)) or inner is None:
        return inner
    if isinstance(inner, Mapping):
        return {key: plain(item) for key, item in inner.items()}
    if isinstance(inner, Sequence) and not isinstance(inner, str):
        return [plain(item) for item in inner]
    return inner


def plain_map(values: Mapping[str, PropertyValue]) -> dict[str, Any]:
    return {key: plain(value) for key, value in values.items()}


def secret_keys(values: Mapping[str, PropertyValue]) -> set[str]:
    """Top-level keys whose value holds a secret anywhere inside it."""
    return {key for key, value in values.items() if value.contains_secret()}


def is_unknown(value: Any) -> bool:
    """True if the value, or anything inside it, is not known yet."""
    if value is UNKNOWN:
        return True
    if isinstance(value, dict):
        return any(is_unknown(item) for item in value.values())
    if isinstance(value, list):
        return any(is_unknown(item) for item in value)
    return False


def wire(value: Any, secret: bool = False) -> PropertyValue:
    """A PropertyValue for a plain value (ints become the engine's floats)."""
    if value is UNKNOWN:
        result = PropertyValue(UNKNOWN_STRING)
    elif isinstance(value, bool) or value is None or isinstance(value, (str, float)):
        result = PropertyValue(value)
    elif isinstance(value, int):
        result = PropertyValue(float(value))
    elif isinstance(value, (pulumi.Asset, pulumi.Archive)):
        result = PropertyValue(value)
    elif isinstance(value, Mapping):
        result = PropertyValue({str(k): wire(v) for k, v in value.items()})
    elif isinstance(value, Sequence):
        result = PropertyValue([wire(v) for v in value])
    else:
        raise TypeError(f"cannot send {type(value).__name__} to the engine: {value!r}")
    return result.with_secret(True) if secret else result


def wire_map(
    values: Mapping[str, Any], secret: set[str] | frozenset[str] = frozenset()
) -> dict[str, PropertyValue]:
    return {key: wire(value, key in secret) for key, value in values.items() if value is not None}
