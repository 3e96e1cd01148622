"""Cognito user group: a named set of users, its precedence and optional IAM role."""

from __future__ import annotations

from typing import Any

from botocore.exceptions import ClientError

from ..fieldmap import integer
from .context import Context, Created, Undo, without_none
from .kind import Autoname, ProviderError, kind, not_found


def _group_id(pool_id: str, name: str) -> str:
    return f"{pool_id}/{name}"  # the provider's id format


def _fields(inputs: dict[str, Any]) -> dict[str, Any]:
    return without_none({
        "Description": inputs.get("description"),
        "RoleArn": inputs.get("roleArn"),
        "Precedence": integer(inputs["precedence"]) if inputs.get("precedence") is not None else None,
    })  # fmt: skip


def create_user_group(ctx: Context, logical: str, inputs: dict[str, Any], undo: Undo) -> Created:
    pool_id, name = inputs["userPoolId"], inputs["name"]
    ctx.client("cognito-idp", inputs).create_group(
        UserPoolId=pool_id, GroupName=name, **_fields(inputs)
    )
    undo.push("cognito-idp", "delete_group", UserPoolId=pool_id, GroupName=name)
    return Created(_group_id(pool_id, name), dict(inputs))


def read_user_group(ctx: Context, group_id: str, state: dict[str, Any]) -> Created | None:
    pool_id, _, name = group_id.partition("/")
    try:
        group = ctx.client("cognito-idp", state).get_group(UserPoolId=pool_id, GroupName=name)[
            "Group"
        ]
    except ClientError as error:
        if not_found(error):
            return None
        raise
    inputs = without_none({
        "name": name,
        "userPoolId": pool_id,
        "description": group.get("Description"),
        "precedence": group.get("Precedence"),
        "roleArn": group.get("RoleArn"),
    })  # fmt: skip
    if state:
        inputs = {k: v for k, v in inputs.items() if k in state}
    return Created(group_id, inputs)


def update_user_group(
    ctx: Context, group_id: str, old: dict[str, Any], new: dict[str, Any]
) -> Created:
    # AWS changes a group in place (UpdateGroup), keeping its members; ministack 1.5.33 has
    # no UpdateGroup, and deleting and re-creating would drop the members, so say so instead.
    raise ProviderError(
        f"the emulator cannot change group {new['name']} in place (ministack has no UpdateGroup; "
        "AWS does): set its description, precedence and roleArn before the first `up`, or "
        "`python -m sandbox down` and `up` again"
    )


def delete_user_group(ctx: Context, group_id: str, state: dict[str, Any]) -> None:
    pool_id, _, name = group_id.partition("/")
    try:
        ctx.client("cognito-idp", state).delete_group(UserPoolId=pool_id, GroupName=name)
    except ClientError as error:
        if not not_found(error):
            raise


def find_user_group(ctx: Context, inputs: dict[str, Any]) -> list[str]:
    group_id = _group_id(inputs["userPoolId"], inputs["name"])
    return [group_id] if read_user_group(ctx, group_id, {}) else []


USER_GROUP = kind(
    "aws:cognito/userGroup:UserGroup",
    inputs={"name", "userPoolId", "description", "precedence", "roleArn"},
    required=frozenset({"userPoolId"}),
    # A replaced group is a new, empty group: its memberships are lost.
    replace_on={"name", "userPoolId"},
    autoname=Autoname(max_length=128, prefix=None),
    create=create_user_group,
    read=read_user_group,
    update=update_user_group,
    delete=delete_user_group,
    find=find_user_group,
)
