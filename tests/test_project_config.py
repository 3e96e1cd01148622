"""Pulumi.yaml declares exactly the settings the program reads, typed, with the same
defaults as the component; the stack files set only declared keys."""

import pytest
import yaml

from components.args import DEFAULTS
from components.config import CONFIG_KEYS, camel
from tests.conftest import ROOT

PROJECT = yaml.safe_load((ROOT / "Pulumi.yaml").read_text())
TYPES = {bool: "boolean", int: "integer", str: "string", list: "array", dict: "object"}


def test_runtime_options():
    assert PROJECT["name"] == "cognito-auth"
    assert PROJECT["runtime"] == {
        "name": "python",
        "options": {"toolchain": "pip", "virtualenv": "venv"},
    }


def test_declares_every_setting_and_nothing_else():
    assert set(PROJECT["config"]) == set(CONFIG_KEYS)


@pytest.mark.parametrize("field", sorted(DEFAULTS))
def test_type_and_default_match_the_component(field):
    spec = PROJECT["config"][camel(field)]
    assert spec["type"] == TYPES[type(DEFAULTS[field])]
    assert spec["default"] == DEFAULTS[field]
    assert len(spec["description"]) > 20


@pytest.mark.parametrize("stack", ["dev", "prod"])
def test_stack_files_set_only_declared_keys(stack):
    config = yaml.safe_load((ROOT / f"Pulumi.{stack}.yaml").read_text())["config"]
    ours = {k.split(":", 1)[1] for k in config if k.startswith("cognito-auth:")}
    assert ours and ours <= set(CONFIG_KEYS)
    assert set(config) - {f"cognito-auth:{k}" for k in ours} == {"aws:region"}


def test_descriptions_name_settings_as_config_keys():
    # Pulumi.yaml speaks to stack-file authors: camelCase keys, never the Python field names.
    for key, spec in PROJECT["config"].items():
        for field in DEFAULTS:
            if "_" in field:
                assert field not in spec["description"], (key, field)
