"""The sandbox's `aws` provider, seen through the engine: a type it cannot create and an
input it cannot apply are refused by name before anything exists, and `up` twice changes
nothing the second time."""

import pulumi
import pulumi_aws as aws
import pytest

from sandbox import EmulatorClients, SandboxError
from sandbox.resources import KINDS


def _inventory(clients: EmulatorClients) -> dict:
    return {
        "pools": {
            p["Id"] for p in clients("cognito-idp").list_user_pools(MaxResults=60)["UserPools"]
        },
        "functions": {f["FunctionName"] for f in clients("lambda").list_functions()["Functions"]},
        "roles": {r["RoleName"] for r in clients("iam").list_roles()["Roles"]},
    }


def _program_with(resource):
    def program():
        role = aws.iam.Role("kept", assume_role_policy='{"Version": "2012-10-17", "Statement": []}')
        resource(role)
        pulumi.export("role", role.name)

    return program


@pytest.mark.parametrize(
    "resource, problem",
    [
        (
            lambda role: aws.s3.Bucket("bucket"),
            "aws:s3/bucket:Bucket resource 'bucket' has a problem: the sandbox's aws provider "
            f"cannot create aws:s3/bucket:Bucket: it manages {', '.join(sorted(KINDS))}; "
            "deploy to AWS for the rest",
        ),
        (
            lambda role: aws.iam.Role(
                "bounded", assume_role_policy="{}", permissions_boundary="arn:aws:iam::aws:policy/x"
            ),
            # The engine's own framing of a failure on one property.
            "aws:iam/role:Role resource 'bounded': property permissionsBoundary value "
            "{arn:aws:iam::aws:policy/x} has a problem: permissionsBoundary is an input "
            "the sandbox cannot apply to the emulator (it maps assumeRolePolicy, description",
        ),
    ],
    ids=["unsupported-type", "unmapped-input"],
)
def test_what_the_sandbox_cannot_do_is_refused_by_name_before_anything_exists(
    sandbox, emulator, resource, problem
):
    clients = EmulatorClients(emulator.running().endpoint)
    before = _inventory(clients)
    stack = sandbox.stack("e2e-refused", stack_file="dev")
    try:
        lines: list[str] = []
        with pytest.raises(SandboxError) as refused:
            stack.up(program=_program_with(resource), on_output=lines.append)
        assert problem in str(refused.value) + "\n".join(lines), "\n".join(lines)
        # Check refuses at the start of the update: not even the role beside it was created.
        assert _inventory(clients) == before
        assert [r["type"] for r in stack.export()["deployment"].get("resources") or []
                if r["type"].startswith("aws:")] == []  # fmt: skip
    finally:
        stack.remove()


def test_up_twice_changes_nothing_the_second_time(deploy, emulator):
    clients = EmulatorClients(emulator.running().endpoint)
    first = deploy("e2e-twice")
    middle = _inventory(clients)
    result = first.handle.up()
    assert result.summary.resource_changes == {"same": 12}, result.summary.resource_changes
    assert first.handle.outputs(show_secrets=True) == first.outputs
    assert _inventory(clients) == middle
