"""Reads the program's stack config into CognitoAuthArgs, and checks it.

Config keys are the args' field names in camelCase under the project's namespace. Values
arrive from the CLI as strings (YAML scalars) or JSON (lists), so each is parsed by the
type of the field's default, and every problem names the full key, e.g.
`cognito-auth:passwordMinimumLength`.
"""

import difflib
import json
from typing import Any

import pulumi
from pulumi.runtime import config as runtime_config

from .args import DEFAULTS, CognitoAuthArgs
from .validation import RULES, ConfigError, validate

_TYPES: dict[str, type] = {field: type(default) for field, default in DEFAULTS.items()}
_TYPES["user_pool_name"] = str


def camel(field: str) -> str:
    head, *rest = field.split("_")
    return head + "".join(word.title() for word in rest)


CONFIG_KEYS: dict[str, str] = {camel(field): field for field in RULES}


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
    if kind is list:
        try:
            return json.loads(raw)
        except json.JSONDecodeError:
            return raw
    return raw


def _all_config_keys() -> set[str]:
    return set(runtime_config.CONFIG.get()) | set(runtime_config.get_config_env())


def args_from_config(config: pulumi.Config | None = None) -> CognitoAuthArgs:
    """The stack's settings as CognitoAuthArgs; raises ConfigError naming every bad key."""
    config = config or pulumi.Config()
    namespace = config.name
    args: dict[str, Any] = {}
    for key, field in CONFIG_KEYS.items():
        raw = config.get(key)
        # An empty name means "use the default", as its Pulumi.yaml default says.
        if raw is not None and not (field == "user_pool_name" and raw == ""):
            args[field] = _parse(raw, _TYPES[field])

    problems = []
    for full_key in sorted(_all_config_keys()):
        ns, _, key = full_key.partition(":")
        if ns == namespace and key not in CONFIG_KEYS:
            close = difflib.get_close_matches(key, list(CONFIG_KEYS), n=1)
            hint = f"; did you mean {namespace}:{close[0]}?" if close else ""
            problems.append(f"{full_key} is not a setting of this program{hint}")

    try:
        validate(
            {"user_pool_name": "placeholder", **DEFAULTS, **args},
            key=lambda field: f"{namespace}:{camel(field)}",
        )
    except ConfigError as error:
        problems += error.problems
    if problems:
        raise ConfigError(problems)
    return CognitoAuthArgs(**args)
