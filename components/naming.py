"""How a caller writes settings, and so how every message names them.

The Python API writes a field by its name (`callback_urls`); stack config writes it in
camelCase under the project's namespace (`cognito-auth:clients.spa.callbackUrls`), and its
values arrive as the CLI's strings. Unknown keys are worded here, once, for both.
"""

import difflib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .rules import short_name
from .settings import Field, camel


@dataclass(frozen=True)
class Naming:
    """One way of writing keys: the Python API's (no namespace) or a stack's."""

    owner: str  # what the keys are settings of: "CognitoAuth", "this program"
    namespace: str | None = None  # stack config only
    # Fields read by their Python names but named in messages as the schema names them
    # (camelCase): what a program in another language wrote.
    schema: bool = False

    def key(self, field: str) -> str:
        if self.namespace:
            return self.as_written(camel(field))
        return camel(field) if self.schema else field

    def as_written(self, key: str) -> str:
        """A top-level key as the caller wrote it, namespaced in stack config."""
        return f"{self.namespace}:{key}" if self.namespace else key

    def sub(self, field: str) -> str:
        return camel(field) if self.namespace or self.schema else field

    def nested(self, field: str, entry: str, subfield: str | None = None) -> str:
        name = f"{self.key(field)}.{entry}"
        return f"{name}.{self.sub(subfield)}" if subfield else name

    def field_of(self, written: str, fields: Mapping[str, Field]) -> str | None:
        """The field a written key names, or None when it names none."""
        if self.namespace:
            return next((f.name for f in fields.values() if f.key == written), None)
        return written if written in fields else None

    def unknown(self, where: str, written: str, fields: Mapping[str, Field], *, top: bool) -> str:
        """The one sentence for a key that is not a setting, with the closest that is."""
        names = [self.sub(f) for f in fields]
        close = [camel(written)] if camel(written) in names else []
        close = close or difflib.get_close_matches(written, names, n=1)
        owner = f" of {self.owner}" if top else ""
        if not close:
            return f"{where} is not a setting{owner}"
        suggestion = f"{self.namespace}:{close[0]}" if top and self.namespace else close[0]
        return f"{where} is not a setting{owner}; did you mean {suggestion}?"

    def parse(self, value: Any, kind: type) -> Any:
        """A top-level value as the field's kind. Stack config arrives as the CLI's strings
        (lists and maps as JSON); what does not parse stays as written, so that the rule
        reports the value the user wrote."""
        if not self.namespace or not isinstance(value, str):
            return value
        if kind is bool and value in ("true", "false"):
            return value == "true"
        if kind is int:
            # As the CLI reads an integer (Go's strconv.Atoi): ASCII digits after one sign,
            # within 64 bits. Python's int() would also take " 8 ", "1_0" and "٨".
            if re.fullmatch(r"[+-]?[0-9]{1,19}", value) and -(2**63) <= int(value) < 2**63:
                return int(value)
            return value
        if kind in (list, dict):
            try:
                return json.loads(value)
            except (ValueError, RecursionError):
                # Not JSON, or JSON Python will not read: nested thousands deep, or an
                # integer of thousands of digits. The rule then refuses the text itself.
                return value
        return value

    def stray_namespace(self, full_key: str, fields: Mapping[str, Field]) -> str | None:
        """A key of another namespace that looks like a typo of this one (cognitoauth:,
        cognito_auth:), answered like an unknown key: stack config would skip it silently."""
        namespace, _, written = full_key.partition(":")
        if not self.namespace or namespace == self.namespace:
            return None
        squash = lambda text: re.sub(r"[^a-z0-9]", "", text.lower())  # noqa: E731
        looks_alike = (
            squash(namespace) == squash(self.namespace)
            # cognito:protect, auth:protect: half of the name
            or squash(namespace) in re.split(r"[^a-z0-9]+", self.namespace.lower())
            or bool(difflib.get_close_matches(namespace, [self.namespace], n=1, cutoff=0.8))
        )
        if not looks_alike:
            return None
        names = [self.sub(f) for f in fields]
        close = [written] if written in names else difflib.get_close_matches(written, names, n=1)
        hint = f"; did you mean {self.namespace}:{close[0]}?" if close else ""
        shown = short_name(full_key)
        return (
            f"{shown} is not a setting of this program: its namespace is not {self.namespace}{hint}"
        )


PYTHON = Naming(owner="CognitoAuth")
SCHEMA = Naming(owner="CognitoAuth", schema=True)


def config_naming(namespace: str) -> Naming:
    return Naming(owner="this program", namespace=namespace)
