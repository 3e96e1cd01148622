"""Reads the program's stack config into CognitoAuthArgs, and checks it.

Config keys are the args' field names in camelCase under the project's namespace, and so
are the fields of nested records (`clients.spa.callbackUrls`). Values arrive from the CLI
as strings (YAML scalars) or JSON (lists and maps), so each is parsed by the type of the
field's default, and every problem names the full key, e.g.
`cognito-auth:passwordMinimumLength` or `cognito-auth:clients.spa.callbackUrls`.
"""

import difflib
import json
from typing import Any

import pulumi
from pulumi.runtime import config as runtime_config

from .args import (
    ATTRIBUTE_FIELDS,
    CLIENT_FIELDS,
    DEFAULTS,
    GROUP_FIELDS,
    TRIGGER_FIELDS,
    CognitoAuthArgs,
)
from .validation import FIELDS, ConfigError, Naming, validate

_TYPES: dict[str, type] = {field: type(default) for field, default in DEFAULTS.items()}
_TYPES["user_pool_name"] = str
# Maps whose entries are records: their fields are camelCase in config.
_RECORD_FIELDS = {
    "triggers": TRIGGER_FIELDS,
    "clients": CLIENT_FIELDS,
    "groups": GROUP_FIELDS,
    "custom_attributes": ATTRIBUTE_FIELDS,
}


def camel(field: str) -> str:
    head, *rest = field.split("_")
    return head + "".join(word.title() for word in rest)


CONFIG_KEYS: dict[str, str] = {camel(field): field for field in sorted(FIELDS)}


def _parse(raw: Any, kind: type) -> Any:
    """Turn a raw config string into the field's type; unparseable values stay as they are,
    so the rules report them with the value the user wrote."""
    if not isinstance(raw, str):
        return raw
    if kind is bool and raw in ("true", "false"):
        return raw == "true"
    if kind is int:
        try:
            return int(raw)
        except ValueError:
            return raw
    if kind in (list, dict):
        try:
            return json.loads(raw)
        except json.JSONDecodeError:
            return raw
    return raw


def _snake_records(value: Any, fields: tuple[str, ...], key: str, problems: list[str]) -> Any:
    """{entry: {camelField: v}} → {entry: {snake_field: v}}; unknown fields keep their
    names, so validation can report them with the closest valid one. A field spelled in
    snake_case (the Python API's name) is not a config key either: it is reported here,
    with its camelCase name, and left out rather than taken for that field."""
    if not isinstance(value, dict):
        return value
    by_camel = {camel(f): f for f in fields}
    records = {}
    for entry, record in value.items():
        if not isinstance(record, dict):
            records[entry] = record
            continue
        records[entry] = {}
        for k, v in record.items():
            if k in fields and k not in by_camel:
                problems.append(f"{key}.{entry}.{k} is not a setting; did you mean {camel(k)}?")
            else:
                records[entry][by_camel.get(k, k)] = v
    return records


def _all_config_keys() -> set[str]:
    return set(runtime_config.CONFIG.get()) | set(runtime_config.get_config_env())


def args_from_config(config: pulumi.Config | None = None) -> CognitoAuthArgs:
    """The stack's settings as CognitoAuthArgs; raises ConfigError naming every bad key."""
    config = config or pulumi.Config()
    namespace = config.name
    args: dict[str, Any] = {}
    problems: list[str] = []
    for key, field in CONFIG_KEYS.items():
        raw = config.get(key)
        # An empty name means "use the default", as its Pulumi.yaml default says.
        if raw is None or (field == "user_pool_name" and raw == ""):
            continue
        value = _parse(raw, _TYPES[field])
        if field in _RECORD_FIELDS:
            value = _snake_records(value, _RECORD_FIELDS[field], f"{namespace}:{key}", problems)
        args[field] = value

    for full_key in sorted(_all_config_keys()):
        ns, _, key = full_key.partition(":")
        if ns == namespace and key not in CONFIG_KEYS:
            close = difflib.get_close_matches(key, list(CONFIG_KEYS), n=1)
            hint = f"; did you mean {namespace}:{close[0]}?" if close else ""
            problems.append(f"{full_key} is not a setting of this program{hint}")

    naming = Naming(top=lambda field: f"{namespace}:{camel(field)}", sub=camel)
    try:
        validate({"user_pool_name": "placeholder", **DEFAULTS, **args}, naming)
    except ConfigError as error:
        problems += error.problems
    if problems:
        raise ConfigError(problems)
    return CognitoAuthArgs(**args)
