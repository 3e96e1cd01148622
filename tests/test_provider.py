"""CognitoAuth served to other languages: the schema Pulumi infers from the Python
source, and the provider's construct path under mocks."""

import json

import pytest
import yaml
from pulumi.provider.experimental.component import ComponentProvider

import components
from components import CognitoAuth, ConfigError, provider_host
from components.args import SETTINGS, CognitoAuthArgs
from components.cognito_auth import OUTPUTS
from components.settings import camel
from components.validation import validate
from offline import evaluate
from tests.conftest import ROOT
from tests.fake_aws import FakeAws

TOKEN = "cognito-auth:index:CognitoAuth"
SCHEMA_TYPES = {bool: "boolean", int: "integer", str: "string", list: "array", dict: "object"}


@pytest.fixture(scope="module")
def provider():
    return provider_host.provider(components.__version__)


def test_the_served_schema_is_the_inferred_one(provider):
    inferred = ComponentProvider([CognitoAuth], "cognito-auth", version=components.__version__)
    assert json.loads(provider.schema) == json.loads(inferred.schema)


@pytest.fixture(scope="module")
def resource(provider):
    schema = json.loads(provider.schema)
    assert schema["name"] == "cognito-auth"
    assert schema["version"] == components.__version__
    assert list(schema["resources"]) == [TOKEN]
    return schema["resources"][TOKEN]


def test_component_flag_and_no_required_inputs(resource):
    assert resource["isComponent"] is True
    assert resource.get("requiredInputs", []) == []


@pytest.mark.parametrize("field", list(SETTINGS.values()), ids=lambda field: field.key)
def test_every_input_with_type_and_description(resource, field):
    spec = resource["inputProperties"][field.key]
    assert spec["type"] == SCHEMA_TYPES[field.kind]
    if field.kind is list:
        assert spec["items"]["type"] == "string"
    # The one description, which Pulumi.yaml and the README show too (test_docs.py).
    assert spec["description"] == field.description
    # Plain: the fields that decide which resources exist, or their options.
    assert spec.get("plain", False) is field.plain


@pytest.mark.parametrize(
    ("field", "type_name"),
    [("triggers", "TriggerArgs"), ("clients", "ClientArgs"), ("groups", "GroupArgs"),
     ("custom_attributes", "CustomAttributeArgs")],
)  # fmt: skip
def test_record_maps_reference_their_types(provider, resource, field, type_name):
    spec = resource["inputProperties"][camel(field)]
    assert spec["additionalProperties"]["$ref"] == f"#/types/cognito-auth:index:{type_name}"
    record = json.loads(provider.schema)["types"][f"cognito-auth:index:{type_name}"]
    fields = SETTINGS[field].record
    assert set(record["properties"]) == {f.key for f in fields.values()}
    for declared in fields.values():
        assert record["properties"][declared.key]["description"] == declared.description
    assert record.get("required", []) == (["type"] if type_name == "CustomAttributeArgs" else [])


def test_inputs_are_exactly_the_args(resource):
    assert set(resource["inputProperties"]) == {camel(f) for f in CognitoAuthArgs.__annotations__}


def test_every_output_as_its_annotation_declares_it(resource):
    assert set(resource["required"]) == {output.key for output in OUTPUTS.values()}
    for output in OUTPUTS.values():
        assert resource["properties"][output.key]["type"] == SCHEMA_TYPES[output.kind]
        assert resource["properties"][output.key]["description"] == output.description


ARGS = {
    "password_minimum_length": 12,
    "auth_flows": ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    "allowed_email_domains": ["example.com"],
    "protect": True,
    "mfa": "OPTIONAL",
    "mfa_totp": True,
}


def _archive_contents(value):
    # Code archives compare by what they hold, not by object identity.
    return {name: str(asset.path) for name, asset in value.assets.items()}


def _registrations(fake: FakeAws) -> list:
    return sorted(
        (r.typ, r.name, json.dumps(r.inputs, sort_keys=True, default=_archive_contents))
        for r in fake.resources
    )


def test_construct_with_a_dict_matches_the_python_api(provider):
    by_python, by_provider = FakeAws(), FakeAws()
    python_out = evaluate(by_python, lambda: {"id": CognitoAuth("auth", ARGS).user_pool_id})

    def construct():
        inputs = {camel(k): v for k, v in ARGS.items()}
        result = provider.construct("auth", TOKEN, inputs, None)
        return {"urn": result.urn, **result.state}

    provider_out = evaluate(by_provider, construct)
    assert _registrations(by_provider) == _registrations(by_python)
    # The component, its pool and app client, and for each shipped function (pre_sign_up;
    # pre_token_generation, for the allow-list): role, log group, logs policy, function and
    # invoke permission, and its three alarms (Errors, Throttles, Duration).
    assert len(by_provider.resources) == 19
    assert provider_out["userPoolId"] == python_out["id"]
    assert provider_out["urn"].endswith(f"{TOKEN}::auth")
    assert set(provider_out) == {"urn", *(output.key for output in OUTPUTS.values())}


def test_whole_numbers_sent_as_doubles_arrive_as_integers(provider):
    # What every program in another language sends: numbers are protobuf doubles.
    fake = FakeAws()
    evaluate(fake, lambda: {"r": provider.construct(
        "auth", TOKEN, {"passwordMinimumLength": 12.0, "triggerTimeoutSeconds": 3.0}, None).urn})  # fmt: skip
    [pool] = [r for r in fake.resources if r.typ == "aws:cognito/userPool:UserPool"]
    # Accepted (the SDK alone hands the component 12.0, which it refuses); registered inputs
    # cross the mocks' wire as doubles again, so only the value is compared here.
    assert pool.inputs["passwordPolicy"]["minimumLength"] == 12


def test_a_fraction_sent_for_an_integer_is_refused_not_truncated(provider):
    fake = FakeAws()
    with pytest.raises(ConfigError, match="passwordMinimumLength is 8.5; it must be a whole number"):  # fmt: skip
        evaluate(fake, lambda: {"r": provider.construct(
            "auth", TOKEN, {"passwordMinimumLength": 8.5}, None).urn})  # fmt: skip
    assert fake.resources == []


def test_construct_reports_bad_input_by_the_names_the_program_wrote(provider):
    fake = FakeAws()
    with pytest.raises(ConfigError) as refused:
        evaluate(fake, lambda: {"r": provider.construct(
            "auth", TOKEN, {"triggerTimeoutSeconds": 9.0, "passwordMinimumLength": 8.5,
                            "clients": {"spa": {"callbackUrls": ["ftp://x"]}}}, None).urn})  # fmt: skip
    message = str(refused.value)
    assert "triggerTimeoutSeconds is 9;" in message
    assert "passwordMinimumLength is 8.5; it must be a whole number" in message
    assert "clients.spa.callbackUrls" in message
    assert "trigger_timeout_seconds" not in message and "callback_urls" not in message
    assert fake.resources == []


def test_yaml_example_uses_only_schema_properties_with_valid_values(resource):
    program = yaml.safe_load((ROOT / "examples" / "yaml" / "Pulumi.yaml").read_text())
    ours = [r for r in program["resources"].values() if r["type"] == TOKEN]
    assert len(ours) == 1
    # A `${name}` value is the program's config, checked at its declared default.
    defaults = {name: spec["default"] for name, spec in program.get("config", {}).items()}
    properties = {
        key: defaults[value[2:-1]] if isinstance(value, str) and value.startswith("${") else value
        for key, value in ours[0]["properties"].items()
    }
    python_type = {"integer": int, "boolean": bool, "string": str, "array": list}
    for key, value in properties.items():
        spec = resource["inputProperties"][key]
        assert type(value) is python_type[spec["type"]], key
    # The values themselves pass the component's rules.
    validate({name: properties[f.key] for name, f in SETTINGS.items() if f.key in properties})
    for expression in program["outputs"].values():
        name, _, prop = expression.strip("${}").partition(".")
        assert name in program["resources"] and prop in resource["properties"]
