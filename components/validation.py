"""Checks every input once, before any resource is registered.

One pass, and one error listing every problem: keys that are not settings (named with the
closest one that is), plain settings given as Outputs, each value against the rule its
declaration gives (nested records field by field, named `<key>.<entry>.<field>`), then the
rules across settings. Each message names the key as the caller wrote it (a `Naming`), the
value received and what is allowed.
"""

import re
from collections.abc import Mapping

from . import (
    hardening_rules,  # noqa: F401 (registers its rules)
    limits,
    oauth_rules,  # noqa: F401 (registers its rules)
)
from .args import DEFAULTS, SETTINGS
from .cross_field_rules import RULES, Reading
from .inputs import is_output
from .naming import PYTHON, Naming
from .rules import ConfigError, short_name, show
from .settings import Field

__all__ = ["ConfigError", "kept_defaults", "validate"]


def validate(raw: Mapping, naming: Naming = PYTHON, component: str | None = None) -> dict:
    """Every setting by field name, with the defaults of those left out; raises ConfigError
    naming every problem. `component`, the component's name, is checked too: resource names
    are made of it."""
    problems = []
    if component is not None and not (
        isinstance(component, str) and re.fullmatch(limits.RESOURCE_PREFIX_PATTERN, component)
    ):
        problems.append(
            f"name is {component!r}; it must be 1 to 30 letters, digits, - or _ "
            "(functions and roles are autonamed after it, and stop at 64 characters)"
        )
        component = None
    given = {}
    for written, value in raw.items():
        name = naming.field_of(written, SETTINGS)
        if name is None:
            problems.append(
                naming.unknown(naming.as_written(short_name(written)), written, SETTINGS, top=True)
            )
        else:
            given[name] = naming.parse(value, SETTINGS[name].kind)

    for name, field in SETTINGS.items():
        if field.setting.merges and isinstance(given.get(name), Mapping):
            given[name] = {**field.default, **given[name]}

    values = {**DEFAULTS, **given}
    # What a cross-field rule cannot judge: values refused already, and values known only
    # at deployment (unless the rule judges them late).
    refused, late = set(), set()
    for name, field in SETTINGS.items():
        found, values[name] = _check(field, values[name], naming.key(name), naming)
        if found:
            refused.add(name)
        elif is_output(values[name]):
            late.add(name)
        elif field.setting.merges:
            values[name] = {
                entry: {k: v for k, v in record.items() if k != "enabled"}
                for entry, record in values[name].items()
                if record.get("enabled", True) is not False
            }
        problems += found

    for rule in RULES:
        if not refused & set(rule.reads) and not late & (set(rule.reads) - rule.late):
            problems += rule.check(Reading(values, rule, naming, component))
    if problems:
        raise ConfigError(problems)
    return values


def _check(field: Field, value, key: str, naming: Naming) -> tuple[list[str], object]:
    """The problems of one value, and the value with its records' keys as field names."""
    if is_output(value):
        if field.plain:
            return [
                f"{key} must be a plain value known when the program runs, "
                "not an output of another resource"
            ], value
        return [], value
    if field.record is None:
        allowed = field.setting.rule(value)
        return ([f"{key} is {show(value)}; it must be {allowed}"] if allowed else []), value
    if not isinstance(value, Mapping) or not all(isinstance(r, Mapping) for r in value.values()):
        return [f"{key} is {show(value)}; it must be a map of names to settings"], value
    problems, records = [], {}
    for entry, record in value.items():
        where = f"{key}.{short_name(str(entry))}"
        if allowed := field.setting.entries(entry):
            problems.append(f"{where} is not allowed: the name must be {allowed}")
            continue
        records[entry] = {}
        for sub in field.record.values():
            if sub.required and not any(
                naming.field_of(w, field.record) == sub.name for w in record
            ):
                problems.append(f"{where}.{naming.sub(sub.name)} is missing; it is required")
        for written, subvalue in record.items():
            name = naming.field_of(written, field.record)
            if name is None:
                problems.append(
                    naming.unknown(
                        f"{where}.{short_name(written)}", written, field.record, top=False
                    )
                )
                continue
            found, records[entry][name] = _check(
                field.record[name], subvalue, f"{where}.{naming.sub(name)}", naming
            )
            problems += found
    return problems, records


def kept_defaults(raw: Mapping, naming: Naming = PYTHON) -> list[str]:
    """A warning for each default entry a merged setting keeps though the caller gave the
    setting without naming it: the default app client, kept so that its id keeps working,
    is also a public client that signs users up and in without a secret."""
    notes = []
    for written, value in raw.items():
        name = naming.field_of(written, SETTINGS)
        field = SETTINGS.get(name) if name else None
        if not field or not field.setting.merges:
            continue
        value = naming.parse(value, field.kind)
        for entry in field.default if isinstance(value, Mapping) else ():
            if entry not in value:
                notes.append(
                    f"{naming.key(name)} does not name {entry}, so the default "
                    f"{naming.nested(name, entry)} is kept beside its entries: apps may hold "
                    "its id, and it is a public client (sign-up and sign-in need no secret); "
                    f"set {naming.nested(name, entry, 'enabled')} to false to remove it"
                )
    return notes
