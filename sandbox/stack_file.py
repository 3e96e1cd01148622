"""The sandbox's copy of a stack file: the repository's text, byte for byte, plus its own
encryption salt, and (for the tests' stack variants) keys set over it.

Edits are made on the text, not by loading and dumping YAML: the point of the copy is that
the CLI reads exactly what the user wrote, as YAML 1.2 reads it, so no Python YAML loader
(1.1, where `OFF` is false) may round-trip it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

# Top-level keys of a stack file that belong to one backend's secrets, not to the stack's settings.
SECRETS_KEYS = ("encryptionsalt:", "secretsprovider:", "encryptedkey:")
# A map entry: its key runs to the first colon followed by a space or the end (config keys
# hold colons themselves: `cognito-auth:mfa: OFF`).
_ENTRY = re.compile(r"^(?P<indent> +)(?P<key>[^\s#].*?):(\s|$)")


def secrets_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith(SECRETS_KEYS)]


def settings_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if not line.startswith(SECRETS_KEYS)]


def with_overrides(lines: list[str], overrides: Mapping[str, Any]) -> list[str]:
    """`lines` with each `config:` entry named in `overrides` replaced by its new value.

    An entry is its key line and the more-indented lines under it; a new value is written
    as JSON, which is YAML flow syntax, so strings stay strings (`"OFF"`) whatever they hold.
    """
    if not overrides:
        return list(lines)
    out: list[str] = []
    in_config = False
    skipping_deeper_than: int | None = None
    indent: str | None = None  # of the config block's own entries (not of nested maps)
    for line in lines:
        if line and not line[0].isspace() and not line.startswith("#"):
            in_config = line.rstrip() == "config:"
            skipping_deeper_than = None
            out.append(line)
            continue
        if skipping_deeper_than is not None:
            if not line.strip() or len(line) - len(line.lstrip()) > skipping_deeper_than:
                continue
            skipping_deeper_than = None
        match = _ENTRY.match(line) if in_config else None
        if match and indent is None:
            indent = match.group("indent")
        if (
            match
            and match.group("indent") == indent
            and match.group("key").strip("\"'") in overrides
        ):
            skipping_deeper_than = len(indent)
            continue
        out.append(line)
    indent = indent or "  "
    if not any(line.rstrip() == "config:" for line in out):
        out.append("config:")
    position = max(i for i, line in enumerate(out) if line.rstrip() == "config:") + 1
    while position < len(out) and (not out[position].strip() or out[position][0].isspace()):
        position += 1
    added = [f"{indent}{json.dumps(key)}: {json.dumps(value)}" for key, value in overrides.items()]
    return out[:position] + added + out[position:]
