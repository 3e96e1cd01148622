"""CognitoAuth served to other languages: the schema Pulumi infers from the Python
source, and the provider's construct path under mocks."""

import json

import pytest
import yaml
from pulumi.provider.experimental.component import ComponentProvider

import components
from components import CognitoAuth
from components.args import DEFAULTS, CognitoAuthArgs
from components.config import camel
from components.validation import PLAIN_FIELDS
from offline import evaluate
from tests.conftest import ROOT
from tests.fake_aws import FakeAws

TOKEN = "cognito-auth:index:CognitoAuth"
SCHEMA_TYPES = {bool: "boolean", int: "integer", str: "string", list: "array", dict: "object"}
# Each output: its schema type and its description (the annotation's docstring).
OUTPUTS = {
    "userPoolId": ("string", "ID of the user pool."),
    "userPoolArn": ("string", "ARN of the user pool."),
    "clientId": ("string", 'ID of the first app client ("app" unless clients says otherwise).'),
    "clientIds": ("object", "IDs of every app client, by client name."),
    "clientSecrets": (
        "object",
        "Secrets of the clients that are not public, by client name (a Pulumi secret).",
    ),
    "publicClients": (
        "array",
        "Names of the public app clients (no secret); the policy pack checks them.",
    ),
    "issuerUrl": ("string", "Issuer (`iss`) of the pool's tokens."),
    "jwksUrl": ("string", "URL of the JSON Web Key Set that signs the pool's tokens."),
    "region": ("string", "AWS region the pool lives in."),
    "hostedUiUrl": ("string", "Base URL of the hosted UI, or empty without a domain prefix."),
    "groupNames": ("array", "Names of the user groups."),
    "triggerFunctionArns": (
        "object",
        "ARN of the function behind each trigger, by Cognito trigger name.",
    ),
    "triggerFunctionName": (
        "string",
        "Name of the PreSignUp trigger function (empty if PreSignUp is off or an existing function).",
    ),
    "triggerFunctionArn": (
        "string",
        "ARN of the PreSignUp trigger function (empty if PreSignUp is off).",
    ),
}


@pytest.fixture(scope="module")
def provider():
    return ComponentProvider([CognitoAuth], "cognito-auth", version=components.__version__)


@pytest.fixture(scope="module")
def resource(provider):
    schema = json.loads(provider.schema)
    assert schema["name"] == "cognito-auth"
    assert schema["version"] == components.__version__
    assert list(schema["resources"]) == [TOKEN]
    return schema["resources"][TOKEN]


def _docstrings() -> dict[str, str]:
    import ast
    import inspect

    body = ast.parse(inspect.getsource(CognitoAuthArgs)).body[0].body
    return {
        node.target.id: body[i + 1].value.value
        for i, node in enumerate(body)
        if isinstance(node, ast.AnnAssign)
    }


def test_component_flag_and_no_required_inputs(resource):
    assert resource["isComponent"] is True
    assert resource.get("requiredInputs", []) == []


@pytest.mark.parametrize("field", list(CognitoAuthArgs.__annotations__))
def test_every_input_with_type_and_description(resource, field):
    spec = resource["inputProperties"][camel(field)]
    expected_type = SCHEMA_TYPES[type(DEFAULTS.get(field, ""))]
    assert spec["type"] == expected_type
    if expected_type == "array":
        assert spec["items"]["type"] == "string"
    assert spec["description"] == _docstrings()[field]
    # Plain: the fields that decide which resources exist, or their options.
    assert spec.get("plain", False) is (field in PLAIN_FIELDS)


@pytest.mark.parametrize(
    ("field", "type_name"),
    [("triggers", "TriggerArgs"), ("clients", "ClientArgs"), ("groups", "GroupArgs"),
     ("custom_attributes", "CustomAttributeArgs")],
)  # fmt: skip
def test_record_maps_reference_their_types(provider, resource, field, type_name):
    spec = resource["inputProperties"][camel(field)]
    assert spec["additionalProperties"]["$ref"] == f"#/types/cognito-auth:index:{type_name}"
    record = json.loads(provider.schema)["types"][f"cognito-auth:index:{type_name}"]
    fields = getattr(components.args, type_name).__annotations__
    assert set(record["properties"]) == {camel(f) for f in fields}
    assert all(p["description"] for p in record["properties"].values())
    assert record.get("required", []) == (["type"] if type_name == "CustomAttributeArgs" else [])


def test_inputs_are_exactly_the_args(resource):
    assert set(resource["inputProperties"]) == {camel(f) for f in CognitoAuthArgs.__annotations__}


def test_every_output(resource):
    assert set(resource["required"]) == set(OUTPUTS)
    for name, (type_name, description) in OUTPUTS.items():
        assert resource["properties"][name]["type"] == type_name
        assert resource["properties"][name]["description"] == description


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
    assert len(by_provider.resources) == 8
    assert provider_out["userPoolId"] == python_out["id"]
    assert provider_out["urn"].endswith(f"{TOKEN}::auth")
    assert set(provider_out) == {"urn", *OUTPUTS}


def test_construct_reports_bad_input_by_name(provider):
    from pulumi.provider.server import ComponentInitError

    fake = FakeAws()
    with pytest.raises(ComponentInitError, match="trigger_timeout_seconds is 9"):
        evaluate(fake, lambda: {"r": provider.construct(
            "auth", TOKEN, {"triggerTimeoutSeconds": 9}, None).urn})  # fmt: skip
    assert fake.resources == []


def test_yaml_example_uses_only_schema_properties_with_valid_values(resource):
    program = yaml.safe_load((ROOT / "examples" / "yaml" / "Pulumi.yaml").read_text())
    ours = [r for r in program["resources"].values() if r["type"] == TOKEN]
    assert len(ours) == 1
    properties = ours[0]["properties"]
    python_type = {"integer": int, "boolean": bool, "string": str, "array": list}
    for key, value in properties.items():
        spec = resource["inputProperties"][key]
        assert type(value) is python_type[spec["type"]], key
    # The values themselves pass the component's rules.
    snake = {k: v for k, v in DEFAULTS.items()}
    snake.update({f: properties[camel(f)] for f in DEFAULTS if camel(f) in properties})
    components.validation.validate({"user_pool_name": "yaml", **snake})
    for expression in program["outputs"].values():
        name, _, prop = expression.strip("${}").partition(".")
        assert name in program["resources"] and prop in resource["properties"]
