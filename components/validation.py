"""Checks every input before any resource is registered.

A bad value stops the program with one error that lists every problem, each naming the
key, the value received and what is allowed. The same rules serve the Python API (keys
named as the args' fields) and the stack config (keys named `project:camelCase`).
"""

import json
import re
from collections.abc import Callable
from typing import Any

import pulumi

from . import limits
from .args import DEFAULTS


class ConfigError(ValueError):
    """Raised when inputs are invalid; `problems` lists one sentence per problem."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("invalid settings:\n  - " + "\n  - ".join(problems))


def _show(value: Any) -> str:
    try:
        return json.dumps(value)
    except TypeError:
        return repr(value)


def _int_range(bounds: tuple[int, int]) -> Callable[[Any], str | None]:
    low, high = bounds

    def check(value):
        if not isinstance(value, int) or isinstance(value, bool):
            return "a whole number"
        if not low <= value <= high:
            return f"a whole number from {low} to {high}"
        return None

    return check


def _one_of(choices) -> Callable[[Any], str | None]:
    def check(value):
        if value not in choices or isinstance(value, bool):
            return "one of " + ", ".join(_show(c) for c in choices)
        return None

    return check


def _bool(value):
    return None if isinstance(value, bool) else "true or false"


def _matching(pattern: str, description: str, allow_empty: bool = False):
    def check(value):
        if not isinstance(value, str):
            return description
        if value == "" and allow_empty:
            return None
        if not re.fullmatch(pattern, value):
            return description
        return None

    return check


def _name(value):
    low, high = limits.NAME_LENGTH
    if not isinstance(value, str) or not low <= len(value) <= high:
        return f"a string of {low} to {high} characters"
    if not re.fullmatch(limits.NAME_PATTERN, value):
        return "made only of letters, digits, spaces and + = , . @ -"
    return None


def _string_list(item_check: Callable[[Any], str | None], what: str, allow_empty: bool):
    def check(value):
        if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
            return f"a list of {what}"
        if not value and not allow_empty:
            return f"a non-empty list of {what}"
        for item in value:
            if item == "":
                return f"a list of {what}, with no empty entry"
            if problem := item_check(item):
                return f"a list of {what}, each {problem}; {_show(item)} is not"
        if len(set(value)) != len(value):
            return f"a list of {what}, with no duplicates"
        return None

    return check


_FLOWS = limits.AUTH_FLOWS + limits.LEGACY_AUTH_FLOWS

# One rule per field: returns None when the value is valid, else what is allowed.
RULES: dict[str, Callable[[Any], str | None]] = {
    "user_pool_name": _name,
    "password_minimum_length": _int_range(limits.PASSWORD_MIN_LENGTH),
    "password_require_lowercase": _bool,
    "password_require_uppercase": _bool,
    "password_require_numbers": _bool,
    "password_require_symbols": _bool,
    "temporary_password_validity_days": _int_range(limits.TEMPORARY_PASSWORD_VALIDITY_DAYS),
    "password_history_size": _int_range(limits.PASSWORD_HISTORY_SIZE),
    "mfa": _one_of(limits.MFA_CONFIGURATIONS),
    "mfa_totp": _bool,
    "user_pool_tier": _one_of(limits.USER_POOL_TIERS),
    "threat_protection": _one_of(limits.THREAT_PROTECTION_MODES),
    "protect": _bool,
    "ses_source_arn": _matching(
        limits.SES_IDENTITY_ARN_PATTERN,
        "empty or an SES identity ARN (arn:aws:ses:<region>:<account>:identity/<identity>)",
        allow_empty=True,
    ),
    "email_from": _matching(
        r"(.*<)?" + limits.EMAIL_PATTERN + r">?",
        'empty or an email address, optionally as "Name <address>"',
        allow_empty=True,
    ),
    "auto_confirm_users": _bool,
    "auto_verify_email": _bool,
    "allowed_email_domains": _string_list(
        _matching(limits.DOMAIN_PATTERN, "a lowercase domain name such as example.com"),
        "domains",
        allow_empty=True,
    ),
    "trigger_timeout_seconds": _int_range(limits.TRIGGER_TIMEOUT_SECONDS),
    "trigger_memory_mb": _int_range(limits.LAMBDA_MEMORY_MB),
    "trigger_architecture": _one_of(limits.LAMBDA_ARCHITECTURES),
    "log_retention_days": _one_of(limits.LOG_RETENTION_DAYS),
    "auth_flows": _string_list(_one_of(_FLOWS), "auth flows", allow_empty=False),
    "access_token_validity_minutes": _int_range(limits.ACCESS_TOKEN_VALIDITY_MINUTES),
    "id_token_validity_minutes": _int_range(limits.ID_TOKEN_VALIDITY_MINUTES),
    "refresh_token_validity_hours": _int_range(limits.REFRESH_TOKEN_VALIDITY_HOURS),
    "auth_session_validity_minutes": _int_range(limits.AUTH_SESSION_VALIDITY_MINUTES),
}
assert set(RULES) == set(DEFAULTS) | {"user_pool_name"}, "every field needs a rule"


# Fields that decide resource options, which must be known before anything registers.
PLAIN_FIELDS = ("protect",)


def _is_known(value: Any) -> bool:
    # Values computed by other resources are checked by AWS at deploy time instead.
    return not isinstance(value, pulumi.Output)


def _combination_problems(v: dict, key: Callable[[str], str]) -> list[str]:
    """Rules that span fields; each message names every key involved."""
    problems = []
    if v["mfa"] in ("ON", "OPTIONAL") and not v["mfa_totp"]:
        problems.append(
            f"{key('mfa')} is {_show(v['mfa'])} but no MFA factor is configured: "
            f'set {key("mfa_totp")} to true, or {key("mfa")} to "OFF"'
        )
    if v["threat_protection"] != "OFF" and v["user_pool_tier"] != "PLUS":
        problems.append(
            f"{key('threat_protection')} is {_show(v['threat_protection'])}, which needs "
            f'{key("user_pool_tier")} "PLUS", not {_show(v["user_pool_tier"])}'
        )
    if v["password_history_size"] > 0 and v["user_pool_tier"] == "LITE":
        problems.append(
            f"{key('password_history_size')} is {v['password_history_size']}, which needs "
            f'{key("user_pool_tier")} "ESSENTIALS" or "PLUS", not "LITE"'
        )
    if v["email_from"] and not v["ses_source_arn"]:
        problems.append(
            f"{key('email_from')} is {_show(v['email_from'])} but {key('ses_source_arn')} "
            "is empty: a From address needs an SES identity"
        )
    refresh_minutes = v["refresh_token_validity_hours"] * 60
    for field in ("access_token_validity_minutes", "id_token_validity_minutes"):
        if refresh_minutes < v[field]:
            problems.append(
                f"{key('refresh_token_validity_hours')} is {v['refresh_token_validity_hours']} "
                f"hours, shorter than {key(field)} ({v[field]} minutes): the refresh token "
                "must live at least as long"
            )
    flows = set(v["auth_flows"])
    if flows & set(limits.LEGACY_AUTH_FLOWS) and flows & set(limits.AUTH_FLOWS):
        problems.append(
            f"{key('auth_flows')} is {_show(list(v['auth_flows']))}, which mixes legacy "
            f"values ({', '.join(limits.LEGACY_AUTH_FLOWS)}) with ALLOW_* values: use ALLOW_* only"
        )
    return problems


def validate(values: dict, key: Callable[[str], str] = lambda field: field) -> None:
    """Raise ConfigError listing every invalid value in `values` (args with defaults).

    `key` turns a field name into the name the user wrote, for the message.
    """
    problems = [
        f"{key(field)} must be a plain value known when the program runs, "
        "not an output of another resource"
        for field in PLAIN_FIELDS
        if isinstance(values.get(field), pulumi.Output)
    ]
    for field, rule in RULES.items():
        value = values.get(field)
        if _is_known(value) and (allowed := rule(value)):
            problems.append(f"{key(field)} is {_show(value)}; it must be {allowed}")
    unknown = sorted(set(values) - set(RULES))
    problems += [f"{field} is not a setting of CognitoAuth" for field in unknown]
    if not problems and all(_is_known(values[f]) for f in RULES):
        problems = _combination_problems(values, key)
    if problems:
        raise ConfigError(problems)
