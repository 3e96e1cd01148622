"""The generated text (Pulumi.yaml's config block, the README's settings and outputs tables)
is what `make docs` writes from the declarations, byte for byte, and so shows each setting
with the one description the schema shows too (tests/test_provider.py)."""

import dataclasses
import re

import pytest
import yaml

from components.args import SETTINGS
from components.cognito_auth import OUTPUTS
from tests.conftest import ROOT
from tools import docs


def _committed(name: str) -> str:
    return (ROOT / name).read_bytes().decode()


@pytest.mark.parametrize("name", list(docs.GENERATED))
def test_committed_file_is_what_make_docs_writes(name):
    committed = _committed(name)
    assert docs.GENERATED[name](committed) == committed, f"{name} is stale: run make docs"


def test_a_changed_declaration_makes_the_files_stale(monkeypatch):
    changed = dataclasses.replace(SETTINGS["mfa"], description="Something else.")
    monkeypatch.setitem(SETTINGS, "mfa", changed)
    for name, render in docs.GENERATED.items():
        assert render(_committed(name)) != _committed(name), name


def test_check_mode_finds_nothing_stale(capsys):
    assert docs.main(["--check"]) == 0
    assert capsys.readouterr().out == ""


def test_pulumi_yaml_declares_each_setting_with_its_description():
    config = yaml.safe_load(_committed("Pulumi.yaml"))["config"]
    assert list(config) == [field.key for field in SETTINGS.values()]
    for field in SETTINGS.values():
        assert config[field.key]["description"] == field.description
        assert config[field.key]["default"] == field.default


def _section(name: str) -> str:
    readme = _committed("README.md")
    return re.search(
        rf"<!-- generated:{name}\b.*?-->(.*?)<!-- /generated:{name} -->", readme, re.S
    )[1]


def test_readme_has_a_row_for_every_setting_nested_field_and_output():
    rows = {}  # the first row of each key: the top-level table comes first
    for line in _section("settings").splitlines():
        rows.setdefault(line.split(" | ")[0].strip("| `"), line)
    for field in SETTINGS.values():
        assert docs._cell(field.description) in rows[field.key]
        for sub in (field.record or {}).values():
            assert docs._cell(sub.description) in _section("settings")
    outputs = _section("outputs")
    for output in OUTPUTS.values():
        assert f"| `{output.key}` | " in outputs and docs._cell(output.description) in outputs


def test_the_readme_settings_table_shows_the_password_rules():
    # The table used to lack these three rows.
    for key in ("passwordRequireUppercase", "passwordRequireNumbers", "passwordRequireSymbols"):
        assert f"| `{key}` | boolean | `true` |" in _section("settings")
