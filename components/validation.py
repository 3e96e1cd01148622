"""Checks every input before any resource is registered.

A bad value stops the program with one error that lists every problem, each naming the
key, the value received and what is allowed. The same rules serve the Python API (keys
named as the args' fields) and the stack config (keys named `project:camelCase`), through
a `Naming`. Nested records (triggers, clients, groups, attributes) are checked field by
field and named `<key>.<entry>.<field>`.
"""

import re
from pathlib import Path
from typing import Any

import pulumi

from . import limits
from .args import (
    ATTRIBUTE_FIELDS,
    CLIENT_FIELDS,
    DEFAULTS,
    GROUP_FIELDS,
    TRIGGER_FIELDS,
)
from .combinations import combination_problems
from .handlers import SHIPPED_HANDLERS
from .rules import (
    ConfigError,
    Naming,
    Rule,
    boolean,
    domain_prefix,
    int_range,
    matching,
    name_rule,
    one_of,
    record_map,
    show,
    string_list,
    string_map,
    text,
    url,
)

__all__ = ["ConfigError", "Naming", "validate"]

_FLOWS = limits.AUTH_FLOWS + limits.LEGACY_AUTH_FLOWS
_AUTH_FLOWS = string_list(one_of(_FLOWS), "auth flows", allow_empty=False)
_ACCESS = int_range(limits.ACCESS_TOKEN_VALIDITY_MINUTES)
_ID = int_range(limits.ID_TOKEN_VALIDITY_MINUTES)
_REFRESH = int_range(limits.REFRESH_TOKEN_VALIDITY_HOURS)
_TIMEOUT = int_range(limits.TRIGGER_TIMEOUT_SECONDS)
_MEMORY = int_range(limits.LAMBDA_MEMORY_MB)
_ARCHITECTURE = one_of(limits.LAMBDA_ARCHITECTURES)

# --- Nested records -----------------------------------------------------------------


def _handler(value):
    allowed = (
        "a shipped handler (" + ", ".join(sorted(SHIPPED_HANDLERS)) + ") or the path of a "
        ".py file in the project"
    )
    if not isinstance(value, str):
        return allowed
    if value.endswith(".py"):
        return None if Path(value).is_file() else f"{allowed}; there is no file {value}"
    return None if value in SHIPPED_HANDLERS else allowed


TRIGGER_RULES: dict[str, Rule] = {
    "handler": _handler,
    "function_arn": matching(limits.LAMBDA_ARN_PATTERN, "a Lambda function ARN"),
    "timeout_seconds": _TIMEOUT,
    "memory_mb": _MEMORY,
    "architecture": _ARCHITECTURE,
    "environment": string_map,
    "lambda_version": one_of(limits.PRE_TOKEN_GENERATION_VERSIONS),
    "enabled": boolean,
}
CLIENT_RULES: dict[str, Rule] = {
    "public": boolean,
    "auth_flows": _AUTH_FLOWS,
    "access_token_validity_minutes": _ACCESS,
    "id_token_validity_minutes": _ID,
    "refresh_token_validity_hours": _REFRESH,
    "oauth_flows": string_list(one_of(limits.OAUTH_FLOWS), "OAuth flows"),
    "oauth_scopes": string_list(
        matching(
            limits.SCOPE_PATTERN, "1 to 256 printable characters without spaces, quotes or \\"
        ),
        "scopes",
        most=50,
    ),
    "callback_urls": string_list(url, "URLs", most=limits.MAX_URLS),
    "logout_urls": string_list(url, "URLs", most=limits.MAX_URLS),
}
GROUP_RULES: dict[str, Rule] = {
    "description": text(limits.DESCRIPTION_MAX),
    "precedence": int_range((0, None)),
    "role_arn": matching(limits.IAM_ROLE_ARN_PATTERN, "an IAM role ARN"),
}
ATTRIBUTE_RULES: dict[str, Rule] = {
    "type": one_of(limits.ATTRIBUTE_TYPES),
    "mutable": boolean,
    "min_length": int_range(limits.STRING_ATTRIBUTE_LENGTH),
    "max_length": int_range(limits.STRING_ATTRIBUTE_LENGTH),
    "min_value": int_range((-(2**63), 2**63 - 1)),
    "max_value": int_range((-(2**63), 2**63 - 1)),
}
assert set(TRIGGER_RULES) == set(TRIGGER_FIELDS) and set(CLIENT_RULES) == set(CLIENT_FIELDS)
assert set(GROUP_RULES) == set(GROUP_FIELDS) and set(ATTRIBUTE_RULES) == set(ATTRIBUTE_FIELDS)


def _entry_names(kind: str) -> Rule:
    """Which names a map's entries may have."""
    if kind == "triggers":
        return one_of(limits.TRIGGER_NAMES)
    if kind == "clients":
        return name_rule
    if kind == "groups":
        low, high = limits.GROUP_NAME_LENGTH
        return matching(rf"[^\s]{{{low},{high}}}", f"{low} to {high} characters without spaces")
    low, high = limits.ATTRIBUTE_NAME_LENGTH
    return matching(
        rf"[^\s:]{{{low},{high}}}",
        f"{low} to {high} characters without spaces or ':' (custom: is added)",
    )


# --- The top-level table ----------------------------------------------------------------

RULES: dict[str, Rule] = {
    "user_pool_name": name_rule,
    "password_minimum_length": int_range(limits.PASSWORD_MIN_LENGTH),
    "password_require_lowercase": boolean,
    "password_require_uppercase": boolean,
    "password_require_numbers": boolean,
    "password_require_symbols": boolean,
    "temporary_password_validity_days": int_range(limits.TEMPORARY_PASSWORD_VALIDITY_DAYS),
    "password_history_size": int_range(limits.PASSWORD_HISTORY_SIZE),
    "mfa": one_of(limits.MFA_CONFIGURATIONS),
    "mfa_totp": boolean,
    "user_pool_tier": one_of(limits.USER_POOL_TIERS),
    "threat_protection": one_of(limits.THREAT_PROTECTION_MODES),
    "protect": boolean,
    "ses_source_arn": matching(
        limits.SES_IDENTITY_ARN_PATTERN,
        "empty or an SES identity ARN (arn:aws:ses:<region>:<account>:identity/<identity>)",
        allow_empty=True,
    ),
    "email_from": matching(
        r"(.*<)?" + limits.EMAIL_PATTERN + r">?",
        'empty or an email address, optionally as "Name <address>"',
        allow_empty=True,
    ),
    "auto_confirm_users": boolean,
    "auto_verify_email": boolean,
    "allowed_email_domains": string_list(
        matching(limits.DOMAIN_PATTERN, "a lowercase domain name such as example.com"), "domains"
    ),
    "trigger_timeout_seconds": _TIMEOUT,
    "trigger_memory_mb": _MEMORY,
    "trigger_architecture": _ARCHITECTURE,
    "log_retention_days": one_of(limits.LOG_RETENTION_DAYS),
    "auth_flows": _AUTH_FLOWS,
    "access_token_validity_minutes": _ACCESS,
    "id_token_validity_minutes": _ID,
    "refresh_token_validity_hours": _REFRESH,
    "auth_session_validity_minutes": int_range(limits.AUTH_SESSION_VALIDITY_MINUTES),
    "kms_key_arn": matching(limits.KMS_KEY_ARN_PATTERN, "empty or a KMS key ARN", allow_empty=True),
    "default_group": matching(r"[^\s]{0,128}", "empty or a group name"),
    "token_claims": string_map,
    "domain_prefix": domain_prefix,
}
MAP_RULES = {
    "triggers": record_map(_entry_names("triggers"), TRIGGER_RULES),
    "clients": record_map(_entry_names("clients"), CLIENT_RULES),
    "groups": record_map(_entry_names("groups"), GROUP_RULES),
    "custom_attributes": record_map(
        _entry_names("custom_attributes"), ATTRIBUTE_RULES, required=("type",)
    ),
}
FIELDS = set(RULES) | set(MAP_RULES)
assert set(DEFAULTS) | {"user_pool_name"} == FIELDS, "every field needs a rule"

# Fields that decide which resources exist or their options: they must be known before
# anything registers, so an Output is refused rather than skipped.
PLAIN_FIELDS = (
    "protect",
    "triggers",
    "clients",
    "groups",
    "custom_attributes",
    "default_group",
    "token_claims",
)


def is_known(value: Any) -> bool:
    # Values computed by other resources are checked by AWS at deploy time instead.
    return not isinstance(value, pulumi.Output)


def validate(values: dict, naming: Naming | None = None, component: str | None = None) -> None:
    """Raise ConfigError listing every invalid value in `values` (args with defaults).

    `component`, the component's name, is given by the component itself: resource names
    are built from it, so it is checked too, with the names it makes.
    """
    naming = naming or Naming()
    key = naming.top
    problems = []
    if component is not None and not (
        isinstance(component, str) and re.fullmatch(limits.RESOURCE_PREFIX_PATTERN, component)
    ):
        problems.append(
            f"name is {component!r}; it must be 1 to 30 letters, digits, - or _ "
            "(functions and roles are autonamed after it, and stop at 64 characters)"
        )
        component = None
    problems += [
        f"{key(field)} must be a plain value known when the program runs, "
        "not an output of another resource"
        for field in PLAIN_FIELDS
        if isinstance(values.get(field), pulumi.Output)
    ]
    for field, rule in RULES.items():
        value = values.get(field)
        if is_known(value) and (allowed := rule(value)):
            problems.append(f"{key(field)} is {show(value)}; it must be {allowed}")
    for field, check in MAP_RULES.items():
        if is_known(values.get(field)):
            problems += check(values.get(field), field, naming)
    problems += [
        f"{field} is not a setting of CognitoAuth" for field in sorted(set(values) - FIELDS)
    ]
    if not problems and all(is_known(values[f]) for f in RULES):
        problems = combination_problems(values, naming, component)
    if problems:
        raise ConfigError(problems)
