"""Building blocks of validation: a rule per kind of value, and the naming of keys.

A rule returns None for a valid value, else a phrase saying what is allowed; messages are
"<key> is <value>; it must be <phrase>", in the tone of CDK's errors.
"""

import difflib
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import pulumi

from . import limits

Rule = Callable[[Any], str | None]  # None when valid, else what is allowed


class ConfigError(ValueError):
    """Raised when inputs are invalid; `problems` lists one sentence per problem."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("invalid settings:\n  - " + "\n  - ".join(problems))


@dataclass(frozen=True)
class Naming:
    """How a field is named in messages: top-level fields, and fields of nested records."""

    top: Callable[[str], str] = staticmethod(lambda field: field)
    sub: Callable[[str], str] = staticmethod(lambda field: field)

    def nested(self, field: str, entry: str, subfield: str | None = None) -> str:
        name = f"{self.top(field)}.{entry}"
        return f"{name}.{self.sub(subfield)}" if subfield else name


def show(value: Any) -> str:
    try:
        return json.dumps(value)
    except TypeError:
        return repr(value)


# --- Scalar rules -------------------------------------------------------------------


def int_range(bounds: tuple[int, int | None]) -> Rule:
    low, high = bounds

    def check(value):
        if not isinstance(value, int) or isinstance(value, bool):
            return "a whole number"
        if value < low or (high is not None and value > high):
            return (
                f"a whole number from {low} to {high}"
                if high is not None
                else f"a whole number from {low} up"
            )
        return None

    return check


def one_of(choices) -> Rule:
    def check(value):
        if isinstance(value, bool) or value not in choices:
            return "one of " + ", ".join(show(c) for c in choices)
        return None

    return check


def boolean(value):
    return None if isinstance(value, bool) else "true or false"


def matching(pattern: str, description: str, allow_empty: bool = False) -> Rule:
    def check(value):
        if not isinstance(value, str):
            return description
        if value == "" and allow_empty:
            return None
        return None if re.fullmatch(pattern, value) else description

    return check


def text(max_length: int) -> Rule:
    def check(value):
        if not isinstance(value, str) or len(value) > max_length:
            return f"a string of at most {max_length} characters"
        return None

    return check


def name_rule(value):
    low, high = limits.NAME_LENGTH
    if not isinstance(value, str) or not low <= len(value) <= high:
        return f"a string of {low} to {high} characters"
    if not re.fullmatch(limits.NAME_PATTERN, value):
        return "made only of letters, digits, spaces and + = , . @ -"
    return None


def string_list(item: Rule, what: str, allow_empty: bool = True, most: int | None = None) -> Rule:
    def check(value):
        if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
            return f"a list of {what}"
        if not value and not allow_empty:
            return f"a non-empty list of {what}"
        if most is not None and len(value) > most:
            return f"a list of at most {most} {what}"
        for entry in value:
            if entry == "":
                return f"a list of {what}, with no empty entry"
            if problem := item(entry):
                return f"a list of {what}, each {problem}; {show(entry)} is not"
        if len(set(value)) != len(value):
            return f"a list of {what}, with no duplicates"
        return None

    return check


def string_map(value):
    if not isinstance(value, Mapping) or not all(
        isinstance(k, str) and k and isinstance(v, str) for k, v in value.items()
    ):
        return "a map of names to strings"
    return None


def domain_prefix(value):
    allowed = (
        "empty, or 1 to 63 lowercase letters, digits and hyphens, not starting or ending "
        "with a hyphen, and not containing " + ", ".join(limits.DOMAIN_RESERVED_WORDS)
    )
    if not isinstance(value, str):
        return allowed
    if value == "":
        return None
    if not re.fullmatch(limits.DOMAIN_PREFIX_PATTERN, value) or any(
        word in value for word in limits.DOMAIN_RESERVED_WORDS
    ):
        return allowed
    return None


def url(value):
    low, high = limits.URL_LENGTH
    if not low <= len(value) <= high or re.search(r"\s", value):
        return f"a URL of {low} to {high} characters"
    # Cognito refuses plain http anywhere but on the developer's own machine.
    if not re.fullmatch(r"https://[^/#]+(/[^#]*)?|http://localhost(:\d+)?(/[^#]*)?", value):
        return "an https:// URL (or http://localhost), without a fragment"
    return None


def record_map(entry_rule: Rule, rules: dict[str, Rule], required: tuple[str, ...] = ()):
    """Check a map of name → record; returns every problem, each with its full key."""

    def check(value, field: str, naming: Naming) -> list[str]:
        if not isinstance(value, Mapping) or not all(
            isinstance(e, Mapping) for e in value.values()
        ):
            return [f"{naming.top(field)} is {show(value)}; it must be a map of names to settings"]
        problems = []
        for entry, record in value.items():
            if problem := entry_rule(entry):
                problems.append(
                    f"{naming.nested(field, entry)} is not allowed: the name must be {problem}"
                )
                continue
            for subfield in required:
                if subfield not in record:
                    problems.append(
                        f"{naming.nested(field, entry, subfield)} is missing; it is required"
                    )
            for subfield, subvalue in record.items():
                rule = rules.get(subfield)
                if rule is None:
                    close = difflib.get_close_matches(subfield, list(rules), n=1)
                    hint = f"; did you mean {naming.sub(close[0])}?" if close else ""
                    problems.append(
                        f"{naming.nested(field, entry, subfield)} is not a setting{hint}"
                    )
                elif not isinstance(subvalue, pulumi.Output) and (allowed := rule(subvalue)):
                    problems.append(
                        f"{naming.nested(field, entry, subfield)} is {show(subvalue)}; it must be {allowed}"
                    )
        return problems

    return check
