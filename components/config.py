"""Reads the program's stack config into CognitoAuthArgs, and checks it.

Config keys are the args' field names in camelCase under the project's namespace, and so
are the fields of nested records (`clients.spa.callbackUrls`); every problem names the full
key, e.g. `cognito-auth:passwordMinimumLength` or `cognito-auth:clients.spa.callbackUrls`.
"""

from pathlib import Path

import pulumi
import yaml
from pulumi.runtime import config as runtime_config

from .adoption import adoption_problems
from .args import SETTINGS, CognitoAuthArgs
from .identity_providers import secrets_in_clear
from .naming import config_naming
from .rules import ConfigError
from .settings import camel
from .validation import kept_defaults, validate

__all__ = ["CONFIG_KEYS", "args_from_config", "camel", "check_adoption"]

CONFIG_KEYS: dict[str, str] = {field.key: name for name, field in SETTINGS.items()}


def args_from_config(config: pulumi.Config | None = None) -> CognitoAuthArgs:
    """The settings the stack sets, as CognitoAuthArgs; raises ConfigError naming every bad
    key, including keys of this namespace that are not settings."""
    config = config or pulumi.Config()
    naming = config_naming(config.name)
    keys = set(runtime_config.CONFIG.get()) | set(runtime_config.get_config_env())
    written = {
        key: config.get(key)
        for namespace, _, key in sorted(full.partition(":") for full in keys)
        if namespace == config.name
    }
    strays = [
        problem for full in sorted(keys) if (problem := naming.stray_namespace(full, SETTINGS))
    ]
    providers_key = naming.key("identity_providers")
    if providers_key.partition(":")[2] in written:
        strays += secrets_in_clear(_as_written(providers_key, written), providers_key)
    try:
        values = validate(written, naming)
    except ConfigError as error:
        raise ConfigError(strays + error.problems) from None
    if strays:
        raise ConfigError(strays)
    for note in kept_defaults(written, naming):
        pulumi.log.warn(note)
    return CognitoAuthArgs(**{name: values[name] for name in map(CONFIG_KEYS.get, written)})


def _as_written(full_key: str, written: dict):
    """The key's value as the stack file holds it, encrypted leaves as {"secure": ...}.
    Pulumi marks a whole key secret once one leaf is, so only the file tells which leaves
    are; a key that is not secret at all has none, and its value is what the config says."""
    short = full_key.partition(":")[2]
    if not runtime_config.is_config_secret(full_key):
        return config_naming(full_key.partition(":")[0]).parse(written[short], dict)
    stack_file = Path(pulumi.get_root_directory()) / f"Pulumi.{pulumi.get_stack()}.yaml"
    try:
        held = (yaml.safe_load(stack_file.read_text()) or {}).get("config") or {}
    except (OSError, yaml.YAMLError):
        held = {}
    # Set elsewhere than this stack file (an environment, a stackConfigDir): nothing is
    # in clear in the file.
    return held.get(full_key, {})


def check_adoption(
    args: CognitoAuthArgs, pool_name: str, config: pulumi.Config | None = None
) -> None:
    """With importUserPoolId set, raises ConfigError naming each setting (by its stack key)
    that does not describe the pool as it is, `pool_name` being the name the pool would
    get; the component checks again, in Python names."""
    config = config or pulumi.Config()
    values = validate(dict(args))
    problems = adoption_problems(values, config_naming(config.name), pool_name)
    if problems:
        raise ConfigError(problems)
