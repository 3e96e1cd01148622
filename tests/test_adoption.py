"""Adopting an existing pool under mocks: the import options the program registers, and
every mismatch between the settings and the pool (as the provider's getUserPool reads it)
refused before anything registers, naming the setting."""

import pytest

from components import CognitoAuth, ConfigError
from offline import evaluate, run_program

NS = "cognito-auth"
POOL_ID = "us-east-1_Seed12345"
CLIENT_ID = "4fseedclient0000000000000"
POOL = "aws:cognito/userPool:UserPool"
CLIENT = "aws:cognito/userPoolClient:UserPoolClient"
# The seed's CloudFormation: a name, no UsernameAttributes, no UsernameConfiguration.
ADOPT = {
    "importUserPoolId": POOL_ID,
    "userPoolName": "seed-user-pool",
    "usernameAttributes": [],
    "usernameCaseSensitive": True,
    "clients": {"app": {"importId": CLIENT_ID}},
}


@pytest.fixture
def seed_pool(fake_aws):
    """The pool the seed's CloudFormation makes, with its client."""
    fake_aws.existing_pool(POOL_ID, name="seed-user-pool")
    fake_aws.existing_clients[(POOL_ID, CLIENT_ID)] = {
        "id": CLIENT_ID, "clientId": CLIENT_ID, "userPoolId": POOL_ID, "clientSecret": "",
    }  # fmt: skip
    return fake_aws.existing_pools[POOL_ID]


def _run(fake_aws, monitor, **config):
    monitor.requests.clear()  # a test may run the program more than once
    fake_aws.resources.clear()
    overrides = {f"{NS}:{key}": value for key, value in {**ADOPT, **config}.items()}
    return run_program(fake_aws, "dev", monitor=monitor, config_overrides=overrides)


def _refused(fake_aws, monitor, **config) -> list[str]:
    with pytest.raises(ConfigError) as error:
        _run(fake_aws, monitor, **config)
    # Nothing registered but the stack: the check ran before the component.
    assert [r.type for r in monitor.requests] == ["pulumi:pulumi:Stack"]
    assert fake_aws.resources == []
    return error.value.problems


def test_the_pool_and_its_client_are_imported_and_the_pool_protected(seed_pool, fake_aws, monitor):
    exports = _run(fake_aws, monitor)
    assert exports["userPoolId"] == POOL_ID and exports["clientId"] == CLIENT_ID
    pool = monitor.request_for(POOL)
    assert (pool.importId, pool.protect, pool.retainOnDelete) == (POOL_ID, True, True)
    assert monitor.request_for(CLIENT).importId == f"{POOL_ID}/{CLIENT_ID}"
    inputs = fake_aws.one(POOL).inputs
    # As the pool is: no username attributes, no UsernameConfiguration; the trigger is new.
    assert "usernameAttributes" not in inputs and "usernameConfiguration" not in inputs
    assert inputs["name"] == "seed-user-pool"
    # Its users were not made by this stack: AWS's own guard stays on, protect or not.
    assert inputs["deletionProtection"] == "ACTIVE"
    assert inputs["lambdaConfig"]["preSignUp"] == exports["triggerFunctionArns"]["PreSignUp"]
    assert "aws:cognito/getUserPool:getUserPool" in fake_aws.calls


def test_without_adoption_nothing_is_read_or_imported(fake_aws, monitor):
    run_program(fake_aws, "dev", monitor=monitor)
    assert monitor.request_for(POOL).importId == ""
    assert "aws:cognito/getUserPool:getUserPool" not in fake_aws.calls


@pytest.mark.parametrize(
    ("config", "problem"),
    [
        ({"userPoolName": "renamed"},
         f'{NS}:userPoolName is "renamed", but the pool of {NS}:importUserPoolId ({POOL_ID}) is '
         'named "seed-user-pool": set it to "seed-user-pool" (a name change would replace the '
         "pool and delete its users)"),
        ({"userPoolName": ""},
         f'{NS}:userPoolName is not set, so the pool would be named "cognito-auth-dev", but the '
         f'pool of {NS}:importUserPoolId ({POOL_ID}) is named "seed-user-pool": set it to '
         '"seed-user-pool" (a name change would replace the pool and delete its users)'),
        ({"usernameAttributes": ["email"]},
         f'{NS}:usernameAttributes is ["email"], but the pool of {NS}:importUserPoolId ({POOL_ID}) '
         'has []: set it to [] (Cognito cannot change it; the pool would be replaced and its '
         "users deleted)"),
        ({"clients": {"app": {"importId": CLIENT_ID, "public": False}}},
         f"{NS}:clients.app.public is false, but the client {CLIENT_ID} has no secret: set it to "
         "true (a change would replace the client and give it a new id)"),
    ],
    ids=["name", "default-name", "username-attributes", "client-secret"],
)  # fmt: skip
def test_a_mismatch_is_refused_naming_the_setting(seed_pool, fake_aws, monitor, config, problem):
    assert _refused(fake_aws, monitor, **config) == [problem]


def test_a_custom_attribute_must_be_written_as_the_pool_has_it(seed_pool, fake_aws, monitor):
    seed_pool["schemaAttributes"] = [
        {"name": "email", "attributeDataType": "String", "mutable": True, "required": False,
         "developerOnlyAttribute": False, "stringAttributeConstraints": [{"minLength": "0", "maxLength": "2048"}]},
        {"name": "custom:plan", "attributeDataType": "String", "mutable": True, "required": False,
         "developerOnlyAttribute": False, "stringAttributeConstraints": [{"minLength": "0", "maxLength": "16"}]},
    ]  # fmt: skip
    where = f"{NS}:importUserPoolId ({POOL_ID})"
    assert _refused(fake_aws, monitor) == [
        f'{NS}:customAttributes has no "plan", but the pool of {where} has custom:plan (String): '
        "add it as it is (Cognito never removes an attribute)"
    ]
    assert _refused(fake_aws, monitor, customAttributes={"plan": {"type": "String"}}) == [
        f'{NS}:customAttributes.plan is {{"type": "String", "mutable": true, "minLength": "0", '
        f'"maxLength": "2048"}}, but the pool of {where} has {{"type": "String", "mutable": true, '
        '"minLength": "0", "maxLength": "16"}: write it as the pool has it (Cognito never '
        "changes an attribute)"
    ]
    exports = _run(
        fake_aws, monitor, customAttributes={"plan": {"type": "String", "maxLength": 16}}
    )
    assert exports["userPoolId"] == POOL_ID


def test_a_pool_that_cannot_be_read_is_not_adopted(fake_aws, monitor):
    (problem,) = _refused(fake_aws, monitor)
    assert problem.startswith(
        f"{NS}:importUserPoolId ({POOL_ID}): the pool cannot be read, so it cannot be adopted: "
    )
    assert f"reading Cognito User Pool ({POOL_ID}): couldn't find resource" in problem


def test_a_client_that_cannot_be_read_is_not_adopted(seed_pool, fake_aws, monitor):
    (problem,) = _refused(fake_aws, monitor, clients={"app": {"importId": "nosuchclient"}})
    assert problem.startswith(
        f'{NS}:clients.app.importId is "nosuchclient", a client that cannot be read: '
    )


def test_the_component_names_python_fields(seed_pool, fake_aws, monitor):
    args = {"import_user_pool_id": POOL_ID, "user_pool_name": "other", "username_attributes": []}
    with pytest.raises(ConfigError) as error:
        evaluate(fake_aws, lambda: {"id": CognitoAuth("auth", args).user_pool_id}, monitor=monitor)
    assert error.value.problems[0].startswith(
        'user_pool_name is "other", but the pool of import_user_pool_id'
    )
