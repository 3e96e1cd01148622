"""Pulumi.yaml runs the program in its virtualenv; the stack files set only declared keys;
descriptions speak to stack-file authors. (That Pulumi.yaml declares exactly the settings,
with their types, defaults and descriptions, is tests/test_docs.py's: it is generated.)"""

import pytest
import yaml

from components.args import SETTINGS
from components.config import CONFIG_KEYS
from tests.conftest import ROOT

PROJECT = yaml.safe_load((ROOT / "Pulumi.yaml").read_text())


def test_runtime_options():
    assert PROJECT["name"] == "cognito-auth"
    assert PROJECT["runtime"] == {
        "name": "python",
        "options": {"toolchain": "pip", "virtualenv": "venv"},
    }


@pytest.mark.parametrize("stack", ["dev", "prod"])
def test_stack_files_set_only_declared_keys(stack):
    config = yaml.safe_load((ROOT / f"Pulumi.{stack}.yaml").read_text())["config"]
    ours = {k.split(":", 1)[1] for k in config if k.startswith("cognito-auth:")}
    assert ours and ours <= set(CONFIG_KEYS)
    assert set(config) - {f"cognito-auth:{k}" for k in ours} == {"aws:region"}


def _every_field():
    for field in SETTINGS.values():
        yield field
        yield from (field.record or {}).values()


@pytest.mark.parametrize("field", list(_every_field()), ids=lambda field: field.key)
def test_descriptions_name_settings_as_config_keys(field):
    # One description serves the schema, Pulumi.yaml and the README, which all name
    # settings in camelCase: never by the Python field names.
    for other in _every_field():
        if "_" in other.name:
            assert other.name not in field.description, other.name
    assert field.description.endswith(".") and len(field.description.split()) >= 3
