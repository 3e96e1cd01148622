"""IAM: the trigger's execution role and its inline policies."""

from __future__ import annotations

import json
from typing import Any

from botocore.exceptions import ClientError

from ..fieldmap import aws_tags, integer, policy_json
from .context import Context, Created, Undo, iso, retag, without_none
from .kind import Autoname, kind, not_found

# --- Role -------------------------------------------------------------------------------


def _role_state(role: dict[str, Any], inputs: dict[str, Any]) -> dict[str, Any]:
    return {
        **inputs,
        "arn": role["Arn"],
        "uniqueId": role["RoleId"],
        "createDate": iso(role["CreateDate"]),
        "tagsAll": inputs.get("tags") or {},
    }


def create_role(ctx: Context, logical: str, inputs: dict[str, Any], undo: Undo) -> Created:
    iam = ctx.client("iam", inputs)
    name = inputs["name"]
    role = iam.create_role(
        **without_none({
            "RoleName": name,
            "AssumeRolePolicyDocument": policy_json(inputs["assumeRolePolicy"]),
            "Path": inputs.get("path"),
            "Description": inputs.get("description"),
            "MaxSessionDuration": integer(inputs["maxSessionDuration"])
            if inputs.get("maxSessionDuration") else None,
            "Tags": aws_tags(inputs.get("tags")) or None,
        })
    )["Role"]  # fmt: skip
    undo.push("iam", "delete_role", RoleName=name)
    return Created(name, _role_state(role, inputs))


def read_role(ctx: Context, role_id: str, state: dict[str, Any]) -> Created | None:
    try:
        role = ctx.client("iam", state).get_role(RoleName=role_id)["Role"]
    except ClientError as error:
        if not_found(error):
            return None
        raise
    document = role.get("AssumeRolePolicyDocument")
    # IAM answers the document URL-decoded as an object; compare it with what was written.
    written = state.get("assumeRolePolicy")
    if isinstance(document, dict) and isinstance(written, str) and json.loads(written) == document:
        document = written
    inputs = {
        "name": role["RoleName"],
        "assumeRolePolicy": document if isinstance(document, str) else json.dumps(document),
        "path": role.get("Path", "/"),
        "description": role.get("Description"),
        "maxSessionDuration": role.get("MaxSessionDuration", 3600),
        "forceDetachPolicies": state.get("forceDetachPolicies", False),
        "tags": {t["Key"]: t["Value"] for t in role.get("Tags") or []} or None,
    }
    inputs = {k: v for k, v in inputs.items() if v is not None and (not state or k in state)}
    return Created(role_id, _role_state(role, inputs))


def update_role(ctx: Context, role_id: str, old: dict[str, Any], new: dict[str, Any]) -> Created:
    iam = ctx.client("iam", new)
    if old.get("assumeRolePolicy") != new.get("assumeRolePolicy"):
        iam.update_assume_role_policy(
            RoleName=role_id, PolicyDocument=policy_json(new["assumeRolePolicy"])
        )
    if (old.get("description"), old.get("maxSessionDuration")) != (
        new.get("description"), new.get("maxSessionDuration")
    ):  # fmt: skip
        iam.update_role(
            RoleName=role_id,
            Description=new.get("description") or "",
            MaxSessionDuration=integer(new.get("maxSessionDuration") or 3600),
        )
    retag(
        old.get("tags") or {},
        new.get("tags") or {},
        lambda tags: iam.tag_role(RoleName=role_id, Tags=aws_tags(tags)),
        lambda keys: iam.untag_role(RoleName=role_id, TagKeys=keys),
    )
    return Created(role_id, _role_state(iam.get_role(RoleName=role_id)["Role"], new))


def delete_role(ctx: Context, role_id: str, state: dict[str, Any]) -> None:
    try:
        ctx.client("iam", state).delete_role(RoleName=role_id)
    except ClientError as error:
        if not not_found(error):
            raise


def find_role(ctx: Context, inputs: dict[str, Any]) -> list[str]:
    return [inputs["name"]] if read_role(ctx, inputs["name"], {}) else []


ROLE = kind(
    "aws:iam/role:Role",
    inputs={
        "name",
        "namePrefix",
        "assumeRolePolicy",
        "description",
        "path",
        "maxSessionDuration",
        "forceDetachPolicies",
        "tags",
    },  # fmt: skip
    required=frozenset({"assumeRolePolicy"}),
    replace_on={"name", "namePrefix", "path"},
    autoname=Autoname(max_length=64),
    # The Terraform schema's defaults, which the real provider writes into the inputs.
    defaults={"path": "/", "maxSessionDuration": 3600, "forceDetachPolicies": False},
    create=create_role,
    read=read_role,
    update=update_role,
    delete=delete_role,
    find=find_role,
)

# --- Inline policy ------------------------------------------------------------------------


def _policy_id(role: str, name: str) -> str:
    return f"{role}:{name}"  # the provider's id format


def create_role_policy(ctx: Context, logical: str, inputs: dict[str, Any], undo: Undo) -> Created:
    role, name = inputs["role"], inputs["name"]
    ctx.client("iam", inputs).put_role_policy(
        RoleName=role, PolicyName=name, PolicyDocument=policy_json(inputs["policy"])
    )
    undo.push("iam", "delete_role_policy", RoleName=role, PolicyName=name)
    return Created(_policy_id(role, name), dict(inputs))


def read_role_policy(ctx: Context, policy_id: str, state: dict[str, Any]) -> Created | None:
    role, _, name = policy_id.partition(":")
    try:
        found = ctx.client("iam", state).get_role_policy(RoleName=role, PolicyName=name)
    except ClientError as error:
        if not_found(error):
            return None
        raise
    document = found["PolicyDocument"]
    if isinstance(document, dict):
        same = isinstance(state.get("policy"), str) and json.loads(state["policy"]) == document
        document = state["policy"] if same else json.dumps(document)
    return Created(policy_id, {"name": name, "role": role, "policy": document})


def update_role_policy(
    ctx: Context, policy_id: str, old: dict[str, Any], new: dict[str, Any]
) -> Created:
    ctx.client("iam", new).put_role_policy(
        RoleName=new["role"], PolicyName=new["name"], PolicyDocument=policy_json(new["policy"])
    )
    return Created(policy_id, dict(new))


def delete_role_policy(ctx: Context, policy_id: str, state: dict[str, Any]) -> None:
    role, _, name = policy_id.partition(":")
    try:
        ctx.client("iam", state).delete_role_policy(RoleName=role, PolicyName=name)
    except ClientError as error:
        if not not_found(error):
            raise


def find_role_policy(ctx: Context, inputs: dict[str, Any]) -> list[str]:
    policy_id = _policy_id(inputs["role"], inputs["name"])
    return [policy_id] if read_role_policy(ctx, policy_id, {}) else []


ROLE_POLICY = kind(
    "aws:iam/rolePolicy:RolePolicy",
    inputs={"name", "namePrefix", "policy", "role"},
    required=frozenset({"policy", "role"}),
    replace_on={"name", "namePrefix", "role"},
    autoname=Autoname(max_length=128),
    create=create_role_policy,
    read=read_role_policy,
    update=update_role_policy,
    delete=delete_role_policy,
    find=find_role_policy,
)
