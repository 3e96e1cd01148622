"""Read a stack file as the Pulumi CLI reads it, and turn each value into the string the CLI
hands the program.

The CLI parses YAML with Go's gopkg.in/yaml.v3, which follows YAML 1.2 plus a few
leftovers of its own: `OFF`, `yes` and `on` are strings (PyYAML, a YAML 1.1 parser, reads
them as booleans), `08` is the float 8, `0o17` and `017` are 15, `1_000` is 1000 and
`2026-01-01` is a timestamp. Pulumi then writes scalars as JSON (`1e3` → "1000"), times with
Go's time.String, null as "", and lists and maps as compact JSON. tests/e2e checks every
row of its table against the real CLI.
"""

from __future__ import annotations

import datetime
import decimal
import json
import math
import re
from typing import Any

import yaml

_INT64 = (-(2**63), 2**63 - 1)
_UINT64_MAX = 2**64 - 1
_YAML_STYLE_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_SPECIALS: dict[str, Any] = {
    **dict.fromkeys(("true", "True", "TRUE"), True),
    **dict.fromkeys(("false", "False", "FALSE"), False),
    **dict.fromkeys(("", "~", "null", "Null", "NULL"), None),
    **dict.fromkeys((".nan", ".NaN", ".NAN"), math.nan),
    **dict.fromkeys((".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"), math.inf),
    **dict.fromkeys(("-.inf", "-.Inf", "-.INF"), -math.inf),
}
_TIMESTAMP = re.compile(
    r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
    r"(?:(?:[Tt](?P<H>\d{1,2}):(?P<M>\d{1,2}):(?P<S>\d{1,2})(?:\.(?P<f>\d{1,9}))?(?P<z>Z|[-+]\d{2}:\d{2}))"
    r"|(?: (?P<H2>\d{1,2}):(?P<M2>\d{1,2}):(?P<S2>\d{1,2})(?:\.(?P<f2>\d{1,9}))?))?"
)
_PLAIN = "tag:cognito-auth:yaml.v3-plain"


class _Timestamp:
    """A yaml.v3 timestamp, kept with its nanoseconds and offset to be printed as Go does."""

    def __init__(self, moment: datetime.datetime, nanos: int, offset: int | None) -> None:
        self.moment, self.nanos, self.offset = moment, nanos, offset

    def go_string(self) -> str:
        # time.Time.String(): "2006-01-02 15:04:05.999999999 -0700 MST"
        text = self.moment.strftime("%Y-%m-%d %H:%M:%S")
        if self.nanos:
            text += "." + f"{self.nanos:09d}".rstrip("0")
        if not self.offset:
            return text + " +0000 UTC"
        sign = "-" if self.offset < 0 else "+"
        hours, minutes = divmod(abs(self.offset) // 60, 60)
        zone = f"{sign}{hours:02d}{minutes:02d}"
        return f"{text} {zone} {zone}"


def _go_parse_int(text: str) -> int | None:
    """strconv.ParseInt/ParseUint(text, 0, 64): sign, then 0x/0o/0b/0 prefixes, digits only."""
    sign, body = (-1, text[1:]) if text[:1] == "-" else (1, text[1:] if text[:1] == "+" else text)
    base, digits = 10, body
    lowered = body[:2].lower()
    if lowered in ("0x", "0o", "0b"):
        base, digits = {"0x": 16, "0o": 8, "0b": 2}[lowered], body[2:]
    elif len(body) > 1 and body[0] == "0":
        base, digits = 8, body[1:]
    alphabet = "0123456789abcdef"[:base]
    if not digits or any(c not in alphabet for c in digits.lower()):
        return None
    value = sign * int(digits, base)
    return value if _INT64[0] <= value <= _UINT64_MAX else None


def _resolve_plain(text: str) -> Any:
    """yaml.v3's resolve() for an untagged plain scalar."""
    if text in _SPECIALS:
        return _SPECIALS[text]
    if not text or text[0] not in "+-0123456789.":
        return text
    if text[0] == ".":
        try:
            return float(text)
        except ValueError:
            return text
    if (stamp := _timestamp(text)) is not None:
        return stamp
    plain = text.replace("_", "")
    if (number := _go_parse_int(plain)) is not None:
        return number
    if _YAML_STYLE_FLOAT.fullmatch(plain):
        return float(plain)
    for prefix, base in (("0b", 2), ("-0b", 2), ("0o", 8), ("-0o", 8)):
        if plain.startswith(prefix):
            try:
                return int(("-" if prefix[0] == "-" else "") + plain[len(prefix) :], base)
            except ValueError:
                return text
    return text


def _timestamp(text: str) -> _Timestamp | None:
    match = _TIMESTAMP.fullmatch(text)
    if match is None:
        return None
    parts = match.groupdict()
    hour, minute, second = (
        (parts["H"] or parts["H2"] or 0),
        (parts["M"] or parts["M2"] or 0),
        (parts["S"] or parts["S2"] or 0),
    )
    fraction = parts["f"] or parts["f2"] or ""
    try:
        moment = datetime.datetime(int(parts["y"]), int(parts["m"]), int(parts["d"]), int(hour),
                                   int(minute), int(second))  # fmt: skip
    except ValueError:
        return None
    offset = None
    if parts["z"] and parts["z"] != "Z":
        sign = -1 if parts["z"][0] == "-" else 1
        offset = sign * (int(parts["z"][1:3]) * 60 + int(parts["z"][4:6])) * 60
    return _Timestamp(moment, int(fraction.ljust(9, "0")) if fraction else 0, offset)


class Yaml12Loader(yaml.SafeLoader):
    """PyYAML's safe loader with yaml.v3's scalar resolution instead of YAML 1.1's."""


Yaml12Loader.yaml_implicit_resolvers = {}
# Every plain scalar goes to one constructor, which resolves it the way yaml.v3 does.
Yaml12Loader.add_implicit_resolver(_PLAIN, re.compile(r".*", re.DOTALL), None)
Yaml12Loader.add_constructor(_PLAIN, lambda loader, node: _resolve_plain(node.value))


def load(text: str) -> Any:
    return yaml.load(text, Loader=Yaml12Loader)  # noqa: S506 (a safe loader subclass)


def _go_float(value: float) -> str:
    """encoding/json's float64: the shortest digits that round-trip, in fixed notation, but
    in exponent notation below 1e-6 and from 1e21 (`1e-07` written `1e-7`)."""
    if math.isnan(value) or math.isinf(value):
        raise ValueError(f"json: unsupported value: {value}")
    shortest = decimal.Decimal(repr(value))
    if value == 0 or 1e-6 <= abs(value) < 1e21:
        return format(shortest.normalize(), "f")
    sign, digits, exponent = shortest.as_tuple()
    text = "".join(map(str, digits)).rstrip("0") or "0"
    power = exponent + len(digits) - 1
    mantissa = text[0] + ("." + text[1:] if len(text) > 1 else "")
    return f"{'-' if sign else ''}{mantissa}e{'-' if power < 0 else '+'}{abs(power):02d}".replace(
        "e-0", "e-"
    )


def _plain_object(value: Any) -> Any:
    """The value as Pulumi keeps it inside an object: times become strings."""
    if isinstance(value, _Timestamp):
        return value.go_string()
    if isinstance(value, dict):
        return {str(key): _plain_object(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain_object(item) for item in value]
    return value


def _go_json(value: Any) -> str:
    """json.Marshal: compact, map keys sorted, <, > and & escaped as Go does."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        text = json.dumps(value, ensure_ascii=False)
    elif isinstance(value, int):
        text = str(value)
    elif isinstance(value, float):
        text = _go_float(value)
    elif isinstance(value, list):
        text = "[" + ",".join(_go_json(item) for item in value) + "]"
    else:
        text = "{" + ",".join(f"{_go_json(k)}:{_go_json(value[k])}" for k in sorted(value)) + "}"
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def config_string(value: Any) -> str:
    """The string the CLI passes the program for a value read by `load`."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, _Timestamp):
        return value.go_string()
    return _go_json(_plain_object(value))
