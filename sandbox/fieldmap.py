"""Declarative maps between Pulumi wire inputs (camelCase, floats) and AWS API shapes.

One table per nested block serves both directions: `to_aws` builds the request from
the inputs, `from_aws` turns the service's describe answer back into Pulumi state, the
way the real provider reads a resource back after creating it.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

log = logging.getLogger("sandbox")


def integer(value: Any) -> int:
    """Pulumi sends every number as a float; AWS integer fields refuse `12.0`."""
    if isinstance(value, float) and not value.is_integer():
        raise ValueError(f"expected a whole number, got {value}")
    return int(value)


def number_string(value: Any) -> str:
    """Cognito schema constraints are numbers carried as strings ("0", "2048")."""
    return str(integer(float(value)))


def policy_json(value: Any) -> str:
    """IAM documents may arrive as a JSON string or as a dict (a PolicyDocument input)."""
    return value if isinstance(value, str) else json.dumps(value)


@dataclass(frozen=True)
class Scalar:
    """A leaf value, converted on the way to AWS and, when needed, back."""

    to_aws: Callable[[Any], Any] = lambda v: v
    from_aws: Callable[[Any], Any] = lambda v: v


@dataclass(frozen=True)
class Struct:
    """A nested block: Pulumi name -> (AWS name, kind)."""

    fields: Mapping[str, tuple[str, Kind]] = field(default_factory=dict)


@dataclass(frozen=True)
class ListOf:
    item: Kind


Kind = Scalar | Struct | ListOf

PLAIN = Scalar()
INT = Scalar(integer)
NUMBER_STRING = Scalar(number_string, lambda v: v)
POLICY = Scalar(policy_json)


def struct(**fields: tuple[str, Kind] | str) -> Struct:
    """`struct(minimumLength=("MinimumLength", INT), name="Name")`; a bare string means PLAIN."""
    return Struct({k: (v, PLAIN) if isinstance(v, str) else v for k, v in fields.items()})


def to_aws(kind: Kind, value: Any, where: str = "") -> Any:
    """The AWS request shape for a Pulumi input value; None and unknown keys are left out."""
    if value is None:
        return None
    if isinstance(kind, Scalar):
        return kind.to_aws(value)
    if isinstance(kind, ListOf):
        return [to_aws(kind.item, item, where) for item in value if item is not None]
    result: dict[str, Any] = {}
    for key, item in value.items():
        if item is None:
            continue
        if key not in kind.fields:
            # Said out loud: a silently dropped input would make a passing sandbox run lie.
            log.warning("sandbox ignores input %s%s (not mapped to the emulator's API)", where, key)
            continue
        aws_name, item_kind = kind.fields[key]
        converted = to_aws(item_kind, item, f"{where}{key}.")
        if converted is not None:
            result[aws_name] = converted
    return result


def from_aws(kind: Kind, value: Any) -> Any:
    """The Pulumi state shape for an AWS describe value; fields the table lacks are dropped."""
    if value is None:
        return None
    if isinstance(kind, Scalar):
        return kind.from_aws(value)
    if isinstance(kind, ListOf):
        return [from_aws(kind.item, item) for item in value]
    result: dict[str, Any] = {}
    for pulumi_name, (aws_name, item_kind) in kind.fields.items():
        if aws_name in value and value[aws_name] is not None:
            result[pulumi_name] = from_aws(item_kind, value[aws_name])
    return result


def aws_tags(tags: Mapping[str, str] | None) -> list[dict[str, str]]:
    """IAM, like many services, takes tags as a Key/Value list; Pulumi as a map."""
    return [{"Key": k, "Value": v} for k, v in (tags or {}).items()]
