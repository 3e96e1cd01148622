"""Rules for one value each, the vocabulary the declarations are written in.

A rule returns None for a valid value, else a phrase saying what is allowed; messages are
"<key> is <value>; it must be <phrase>", in the tone of CDK's errors. Each rule also
carries `allowed`, the phrase the README's settings table shows.
"""

import json
import re
import unicodedata
from collections.abc import Callable, Mapping
from typing import Any

import pulumi

from . import limits

Rule = Callable[[Any], str | None]  # None when valid, else what is allowed; has .allowed


class ConfigError(pulumi.RunError, ValueError):
    """Raised when inputs are invalid; `problems` lists one sentence per problem.

    A RunError: the Pulumi runtime shows its message alone, without a traceback."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        listed = problems[:PROBLEMS_LISTED]
        more = len(problems) - len(listed)
        tail = [f"... and {more} more problems of the same kinds"] if more > 0 else []
        super().__init__("invalid settings:\n  - " + "\n  - ".join(listed + tail))


SHOWN_MAX = 80  # characters of a value a message repeats
PROBLEMS_LISTED = 50  # problems the error's message lists (`problems` keeps them all)


NAME_SHOWN_MAX = 200  # of a key or a name: whole when one over a 128-character limit


def short_name(name: str) -> str:
    """A key or an entry's name as a message repeats it: a 200,000-character typo is cut."""
    if len(name) <= NAME_SHOWN_MAX:
        return name
    return f"{name[: NAME_SHOWN_MAX - 20]}… ({len(name)} characters)"


def show(value: Any) -> str:
    """A value as a message shows it: JSON, cut short for a long one (a message about one
    entry of a 20,000-item list must not repeat the list)."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 64:
        # Python refuses to print an int of more than 4,300 digits; none fits a setting.
        return f"a whole number of about {int(value.bit_length() * 0.30103) + 1} digits"
    try:
        text = json.dumps(value)
    except (TypeError, ValueError, RecursionError):
        text = type(value).__name__
    if len(text) <= SHOWN_MAX:
        return text
    if isinstance(value, list | tuple | Mapping):
        return f"{text[: SHOWN_MAX - 20]}… ({len(value)} entries)"
    if isinstance(value, str):
        return f'{text[: SHOWN_MAX - 20]}…" ({len(value)} characters)'
    return f"{text[: SHOWN_MAX - 20]}…"


def allowing(allowed: str):
    """Marks a check with the phrase that documents it."""

    def mark(check: Rule) -> Rule:
        check.allowed = allowed
        return check

    return mark


def int_range(bounds: tuple[int, int | None]) -> Rule:
    low, high = bounds
    allowed = (
        f"a whole number from {low} to {high}"
        if high is not None
        else f"a whole number from {low} up"
    )

    @allowing(allowed)
    def check(value):
        if not isinstance(value, int) or isinstance(value, bool):
            return "a whole number"
        if value < low or (high is not None and value > high):
            return allowed
        return None

    return check


def one_of(choices) -> Rule:
    allowed = "one of " + ", ".join(show(c) for c in choices)

    @allowing(allowed)
    def check(value):
        return allowed if isinstance(value, bool) or value not in choices else None

    return check


@allowing("true or false")
def boolean(value):
    return None if isinstance(value, bool) else "true or false"


def matching(pattern: str, description: str, allow_empty: bool = False) -> Rule:
    @allowing(description)
    def check(value):
        if not isinstance(value, str):
            return description
        if value == "" and allow_empty:
            return None
        return None if re.fullmatch(pattern, value) else description

    return check


def text(max_length: int) -> Rule:
    allowed = f"a string of at most {max_length} characters"

    @allowing(allowed)
    def check(value):
        return allowed if not isinstance(value, str) or len(value) > max_length else None

    return check


_NAME_LOW, _NAME_HIGH = limits.NAME_LENGTH
_NAME_CHARS = "made only of letters, digits, spaces and + = , . @ -"


@allowing(f"a string of {_NAME_LOW} to {_NAME_HIGH} characters, {_NAME_CHARS}")
def name_rule(value):
    if not isinstance(value, str) or not _NAME_LOW <= len(value) <= _NAME_HIGH:
        return f"a string of {_NAME_LOW} to {_NAME_HIGH} characters"
    if not re.fullmatch(limits.NAME_PATTERN, value, re.ASCII):
        return _NAME_CHARS
    return None


_GROUP_LOW, _GROUP_HIGH = limits.GROUP_NAME_LENGTH


@allowing(
    f"{_GROUP_LOW} to {_GROUP_HIGH} letters, marks, symbols, digits or punctuation, "
    "without spaces, control or invisible characters"
)
def group_name(value):
    if (
        not isinstance(value, str)
        or not _GROUP_LOW <= len(value) <= _GROUP_HIGH
        or any(unicodedata.category(c)[0] not in limits.GROUP_NAME_CATEGORIES for c in value)
    ):
        return group_name.allowed
    return None


_RESERVED_ENVIRONMENT = frozenset(limits.RESERVED_ENVIRONMENT)


@allowing(
    "a map of names to strings; each name a letter then letters, digits or _, and none of "
    "the names Lambda reserves (AWS_REGION, _HANDLER, ...)"
)
def environment_map(value):
    if string_map(value):
        return string_map.allowed
    for name in value:
        if name in _RESERVED_ENVIRONMENT:
            return f"{environment_map.allowed}; {show(name)} is reserved by Lambda"
        if not re.fullmatch(limits.ENVIRONMENT_NAME_PATTERN, name):
            return f"{environment_map.allowed}; {show(name)} is not such a name"
    return None


def or_empty(rule: Rule) -> Rule:
    """The rule, or the empty string: "use the default"."""

    @allowing(f"empty, or {rule.allowed}")
    def check(value):
        return None if value == "" else rule(value)

    return check


def string_list(item: Rule, what: str, allow_empty: bool = True, most: int | None = None) -> Rule:
    size = "a list of" if allow_empty else "a non-empty list of"
    size += f" at most {most}" if most is not None else ""

    @allowing(f"{size} {what}, each {item.allowed}, with no duplicates")
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


@allowing("a map of names to strings")
def string_map(value):
    if not strings_to_strings(value) or not all(value):
        return "a map of names to strings"
    return None


def strings_to_strings(value) -> bool:
    """A map whose keys and values are all strings (the maps' rules then check their bounds)."""
    return isinstance(value, Mapping) and all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    )


@allowing(
    "empty, or 1 to 63 lowercase letters, digits and hyphens, not starting or ending "
    "with a hyphen, and not containing " + ", ".join(limits.DOMAIN_RESERVED_WORDS)
)
def domain_prefix(value):
    if not isinstance(value, str):
        return domain_prefix.allowed
    if value == "":
        return None
    if not re.fullmatch(limits.DOMAIN_PREFIX_PATTERN, value) or any(
        word in value for word in limits.DOMAIN_RESERVED_WORDS
    ):
        return domain_prefix.allowed
    return None


_URL_LOW, _URL_HIGH = limits.URL_LENGTH


@allowing(f"an https:// URL (or http://localhost) of {_URL_LOW} to {_URL_HIGH} characters")
def url(value):
    if not _URL_LOW <= len(value) <= _URL_HIGH or re.search(r"\s", value):
        return f"a URL of {_URL_LOW} to {_URL_HIGH} characters"
    # Cognito refuses plain http anywhere but on the developer's own machine.
    if not re.fullmatch(r"https://[^/#]+(/[^#]*)?|http://localhost(:\d+)?(/[^#]*)?", value):
        return "an https:// URL (or http://localhost), without a fragment"
    return None


_CERTIFICATE = (
    f"empty or an ACM certificate ARN in {limits.CERTIFICATE_REGION} "
    f"(arn:aws:acm:{limits.CERTIFICATE_REGION}:<account>:certificate/<id>)"
)


@allowing(_CERTIFICATE)
def certificate_arn_rule(value):
    """CloudFront serves a custom domain and takes its certificate from us-east-1 alone,
    whatever region the pool is in: a certificate elsewhere fails at deployment."""
    if not isinstance(value, str):
        return _CERTIFICATE
    if value == "":
        return None
    found = re.fullmatch(limits.ACM_CERTIFICATE_ARN_PATTERN, value)
    if not found:
        return _CERTIFICATE
    if found.group(1) != limits.CERTIFICATE_REGION:
        return (
            f"{_CERTIFICATE}, not one in {found.group(1)}: CloudFront, which serves a custom "
            f"domain, takes certificates from {limits.CERTIFICATE_REGION} only"
        )
    return None


def mapping_of(key_bounds: tuple[int, int], what: str) -> Rule:
    """A map of names (of the given lengths) to non-empty strings."""
    low, high = key_bounds
    allowed = f"a map of {what} ({low} to {high} characters) to non-empty strings"

    @allowing(allowed)
    def check(value):
        if not isinstance(value, Mapping) or not all(
            isinstance(k, str) and low <= len(k) <= high and isinstance(v, str) and v
            for k, v in value.items()
        ):
            return allowed
        return None

    return check


def nonblank(max_length: int) -> Rule:
    allowed = f"a non-empty string of at most {max_length} characters"

    @allowing(allowed)
    def check(value):
        ok = isinstance(value, str) and value.strip() and len(value) <= max_length
        return None if ok else allowed

    return check


@allowing(url.allowed)
def single_url(value):
    return url(value) if isinstance(value, str) else url.allowed
