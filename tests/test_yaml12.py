"""The offline loader reads a stack value as the Pulumi CLI does and hands the program the
same string. The expected strings are what `pulumi config --json` (CLI v3.274.1) reported
for these values; tests/e2e/test_engine.py asks the real CLI again, row by row."""

import pytest

from offline.yaml12 import config_string, load

ROWS = [
    # YAML 1.2 (Go's yaml.v3): only true/false are booleans, so these stay strings.
    ("OFF", "OFF"),
    ("yes", "yes"),
    ("on", "on"),
    ("True", "true"),
    ("TRUE", "true"),
    # Null, in every spelling, is passed as nothing.
    ("~", ""),
    ("null", ""),
    ('""', ""),
    # Numbers as yaml.v3 resolves them, then written as JSON numbers.
    ('"8"', "8"),
    ("08", "8"),  # not octal: a float
    ("017", "15"),  # a YAML 1.1 octal, still read by yaml.v3
    ("0o17", "15"),
    ("0x10", "16"),
    ("1_000", "1000"),
    ("1e3", "1000"),
    (".5", "0.5"),
    ("+8", "8"),
    ("123456789012345678901234567890", "1.2345678901234568e+29"),
    ('" 8 "', " 8 "),
    # A timestamp, as Go's time.String writes it.
    ("2026-01-01", "2026-01-01 00:00:00 +0000 UTC"),
    # Lists and maps: compact JSON, keys sorted, HTML characters escaped as Go does.
    ("[a, 1, true, OFF]", '["a",1,true,"OFF"]'),
    ("{b: [x, y], a: 1, c: {d: OFF}}", '{"a":1,"b":["x","y"],"c":{"d":"OFF"}}'),
    ('["<b>", "a & b"]', '["\\u003cb\\u003e","a \\u0026 b"]'),
    ('"Example <no-reply@example.com> & co"', "Example <no-reply@example.com> & co"),
]


@pytest.mark.parametrize("text, expected", ROWS, ids=[row[0] for row in ROWS])
def test_a_value_reaches_the_program_as_the_cli_passes_it(text, expected):
    value = load(f"config:\n  probe:key: {text}\n")["config"]["probe:key"]
    assert config_string(value) == expected


def test_a_block_string_keeps_its_lines():
    value = load("config:\n  probe:key: |\n    line one\n    line two\n")["config"]["probe:key"]
    assert config_string(value) == "line one\nline two\n"


def test_pyyaml_alone_would_disagree():
    # The reason the loader exists: PyYAML is a YAML 1.1 parser.
    import yaml

    assert yaml.safe_load("mfa: OFF")["mfa"] is False
    assert load("mfa: OFF")["mfa"] == "OFF"
