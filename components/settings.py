"""How a setting is declared, once, and what is derived from the declaration.

Each field of `CognitoAuthArgs` (and of its nested records) reads

    password_minimum_length: NotRequired[Annotated[pulumi.Input[int], Setting(
        default=8, rule=int_range(limits.PASSWORD_MIN_LENGTH))]]
    \"\"\"Minimum length of a password.\"\"\"

The annotation gives the type, and whether an Output may be given (`pulumi.Input[...]`) or
the value must be plain; `Setting` the default, the rule (with its range from `limits`)
and, for records, which names entries may have and what a field inherits; the attribute
docstring is the one description, shown alike by the schema, `Pulumi.yaml` and the README.
Its stack config key is the field's name in camelCase.
"""

import ast
import collections.abc
import copy
import inspect
import typing
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Annotated, Any, NotRequired

import pulumi

from .rules import Rule


@dataclass(frozen=True)
class Setting:
    rule: Rule | None = None  # None for a map of records: the records' fields carry theirs
    default: Any = None  # None: left out, unless it inherits
    entries: Rule | None = None  # a map of records: which names its entries may have
    inherits: str | None = None  # a record's field: the top-level setting it falls back to
    # A map of records given by the caller is merged over the default's entries, and an
    # entry whose `enabled` is false is removed: a default entry leaves only when asked to.
    merges: bool = False


@dataclass(frozen=True)
class Field:
    """A declared setting, with everything derived from its declaration."""

    name: str  # snake_case, the Python API's
    key: str  # camelCase, the stack config's and the schema's
    kind: type  # bool, int, str, list or dict
    plain: bool  # an Output is refused: the value decides which resources exist
    required: bool
    description: str
    setting: Setting
    record: Mapping[str, "Field"] | None = field(default=None)  # a map of records: its fields
    record_description: str | None = None  # the record type's own docstring

    @property
    def default(self) -> Any:
        # A copy, so that no caller can change the declaration's own list or map.
        return copy.deepcopy(self.setting.default)


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(word.title() for word in rest)


_DECLARED: dict[type, dict[str, "Field"]] = {}


def declare(typed_dict: type) -> dict[str, Field]:
    """The fields of a TypedDict whose annotations carry a `Setting`, by name.

    Pulumi's schema analyzer does not understand `Annotated`, so the class keeps the plain
    annotations (`NotRequired[pulumi.Input[int]]`) and the settings live in what this
    returns. A record type two settings share is declared once, on first use.
    """
    if typed_dict in _DECLARED:
        return _DECLARED[typed_dict]
    descriptions = _docstrings(typed_dict)
    fields, plain_annotations = {}, {}
    for name, annotation in typed_dict.__annotations__.items():
        optional = typing.get_origin(annotation) is NotRequired
        inner = typing.get_args(annotation)[0] if optional else annotation
        if typing.get_origin(inner) is not Annotated:
            raise TypeError(f"{typed_dict.__name__}.{name} has no Setting")
        value_type, setting = inner.__origin__, inner.__metadata__[0]
        base, may_be_output = _without_input(value_type)
        record = typing.get_args(base)[1] if typing.get_origin(base) is Mapping else None
        fields[name] = Field(
            name=name,
            key=camel(name),
            kind=_kind(base),
            plain=not may_be_output,
            required=not optional,
            description=descriptions[name],
            setting=setting,
            record=declare(record) if typing.is_typeddict(record) else None,
            record_description=inspect.getdoc(record) if typing.is_typeddict(record) else None,
        )
        plain_annotations[name] = NotRequired[value_type] if optional else value_type
    typed_dict.__annotations__ = plain_annotations
    _DECLARED[typed_dict] = fields
    return fields


def filled(fields: Mapping[str, Field], given: Mapping, values: Mapping | None = None) -> dict:
    """A record with each field it leaves out taken from its default or, given the
    top-level `values`, from the setting it inherits."""
    record = {}
    for name, declared in fields.items():
        if name in given:
            record[name] = given[name]
        elif declared.setting.inherits and values is not None:
            record[name] = values[declared.setting.inherits]
        elif declared.setting.default is not None:
            record[name] = declared.default
    return record


def _without_input(annotation) -> tuple[Any, bool]:
    """`pulumi.Input[T]` (a Union of T, Awaitable[T] and Output[T]) → (T, True); T → (T, False)."""
    args = typing.get_args(annotation)
    if typing.get_origin(annotation) is typing.Union and any(
        typing.get_origin(a) is collections.abc.Awaitable for a in args
    ):
        return args[0], True
    return annotation, False


def _kind(annotation) -> type:
    origin = typing.get_origin(annotation) or annotation
    if origin in (bool, int, str):
        return origin
    if issubclass(origin, Mapping):
        return dict
    if issubclass(origin, Sequence):
        return list
    raise TypeError(f"no setting kind for {annotation}")


def _docstrings(cls: type) -> dict[str, str]:
    """Attribute docstrings, read from the source as Pulumi's schema analyzer reads them."""
    body = ast.parse(inspect.getsource(cls)).body[0].body
    return {
        node.target.id: body[i + 1].value.value
        for i, node in enumerate(body[:-1])
        if isinstance(node, ast.AnnAssign)
        and isinstance(body[i + 1], ast.Expr)
        and isinstance(body[i + 1].value, ast.Constant)
    }


@dataclass(frozen=True)
class OutputField:
    key: str
    kind: type
    description: str


def output_fields(component: type) -> dict[str, OutputField]:
    """A component's outputs (its `pulumi.Output` annotations), by attribute name."""
    descriptions = _docstrings(component)
    return {
        name: OutputField(camel(name), _kind(typing.get_args(annotation)[0]), descriptions[name])
        for name, annotation in inspect.get_annotations(component).items()
        if typing.get_origin(annotation) is pulumi.Output
    }
