"""IAM: the trigger's execution role, its managed-policy attachments and inline policies."""

from __future__ import annotations

from typing import Any

from ..fieldmap import aws_tags, integer, policy_json
from .context import Context, Created, Undo, physical_name, unique_suffix, without_none


def create_role(ctx: Context, logical: str, inputs: dict[str, Any], undo: Undo) -> Created:
    iam = ctx.client("iam", inputs)
    name = physical_name(logical, inputs, max_length=64)
    role = iam.create_role(
        **without_none(
            {
                "RoleName": name,
                "AssumeRolePolicyDocument": policy_json(inputs["assumeRolePolicy"]),
                "Path": inputs.get("path"),
                "Description": inputs.get("description"),
                "MaxSessionDuration": integer(inputs["maxSessionDuration"])
                if inputs.get("maxSessionDuration")
                else None,
                "PermissionsBoundary": inputs.get("permissionsBoundary"),
                "Tags": aws_tags(inputs.get("tags")) or None,
            }
        )
    )["Role"]
    undo.push("iam", "delete_role", RoleName=name)
    for policy in inputs.get("inlinePolicies") or []:
        if policy.get("name") and policy.get("policy"):
            iam.put_role_policy(
                RoleName=name,
                PolicyName=policy["name"],
                PolicyDocument=policy_json(policy["policy"]),
            )
            undo.push("iam", "delete_role_policy", RoleName=name, PolicyName=policy["name"])
    for arn in inputs.get("managedPolicyArns") or []:
        iam.attach_role_policy(RoleName=name, PolicyArn=arn)
        undo.push("iam", "detach_role_policy", RoleName=name, PolicyArn=arn)
    outputs = {
        **inputs,
        "name": name,
        "arn": role["Arn"],
        "uniqueId": role["RoleId"],
        "createDate": role["CreateDate"].isoformat().replace("+00:00", "Z"),
        "path": role.get("Path", "/"),
        "maxSessionDuration": role.get("MaxSessionDuration", 3600),
        "forceDetachPolicies": inputs.get("forceDetachPolicies", False),
        "tagsAll": inputs.get("tags") or {},
    }
    return Created(name, outputs)


def create_role_policy_attachment(
    ctx: Context, logical: str, inputs: dict[str, Any], undo: Undo
) -> Created:
    role, policy_arn = inputs["role"], inputs["policyArn"]
    ctx.client("iam", inputs).attach_role_policy(RoleName=role, PolicyArn=policy_arn)
    undo.push("iam", "detach_role_policy", RoleName=role, PolicyArn=policy_arn)
    # The Terraform provider's id: the role name, a dash and a unique suffix.
    return Created(f"{role}-{unique_suffix()}", dict(inputs))


def create_role_policy(ctx: Context, logical: str, inputs: dict[str, Any], undo: Undo) -> Created:
    role = inputs["role"]
    name = physical_name(logical, inputs, max_length=128)
    ctx.client("iam", inputs).put_role_policy(
        RoleName=role, PolicyName=name, PolicyDocument=policy_json(inputs["policy"])
    )
    undo.push("iam", "delete_role_policy", RoleName=role, PolicyName=name)
    return Created(f"{role}:{name}", {**inputs, "name": name})  # the provider's id format
