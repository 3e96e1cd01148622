"""The sandbox itself: an unsupported resource type is named, and a half-created stack is
torn down rather than left behind."""

import pytest

from sandbox import EmulatorClients, SandboxError
from sandbox import stack as sandbox_stack
from sandbox.resources import CREATORS

CLIENT = "aws:cognito/userPoolClient:UserPoolClient"


def _inventory(clients: EmulatorClients) -> dict:
    return {
        "pools": {
            p["Id"] for p in clients("cognito-idp").list_user_pools(MaxResults=60)["UserPools"]
        },
        "functions": {f["FunctionName"] for f in clients("lambda").list_functions()["Functions"]},
        "roles": {r["RoleName"] for r in clients("iam").list_roles()["Roles"]},
    }


def test_unsupported_type_is_named_and_the_half_created_stack_removed(emulator, monkeypatch):
    clients = EmulatorClients(emulator.running().endpoint)
    before = _inventory(clients)
    # The client is registered last, after the role, function and pool exist.
    monkeypatch.delitem(CREATORS, CLIENT)
    with pytest.raises(SandboxError) as error:
        sandbox_stack.up("e2e-half", emulator, stack_file="dev")
    assert f"cannot create resource type {CLIENT!r}" in str(error.value)
    assert _inventory(clients) == before, "the partial stack was left in the emulator"
    paths = sandbox_stack.StackPaths(emulator.home, "e2e-half")
    assert not paths.outputs.exists()


def test_up_twice_leaves_one_copy(emulator):
    clients = EmulatorClients(emulator.running().endpoint)
    first = sandbox_stack.up("e2e-twice", emulator, stack_file="dev")
    middle = _inventory(clients)
    second = sandbox_stack.up("e2e-twice", emulator, stack_file="dev")
    after = _inventory(clients)
    assert first["userPoolId"] != second["userPoolId"]
    assert first["userPoolId"] not in after["pools"] and second["userPoolId"] in after["pools"]
    assert len(after["pools"]) == len(middle["pools"])
    assert len(after["functions"]) == len(middle["functions"])
    sandbox_stack.down("e2e-twice", emulator)
    assert second["userPoolId"] not in _inventory(clients)["pools"]
