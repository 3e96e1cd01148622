"""Cognito user group: a named set of users, its precedence and optional IAM role."""

from __future__ import annotations

from typing import Any

from ..fieldmap import integer
from .context import Context, Created, Undo, without_none


def create_user_group(ctx: Context, logical: str, inputs: dict[str, Any], undo: Undo) -> Created:
    pool_id, name = (
        inputs["userPoolId"],
        inputs.get("name") or logical,
    )  # the provider does not autoname groups
    group = ctx.client("cognito-idp", inputs).create_group(
        **without_none(
            {
                "UserPoolId": pool_id,
                "GroupName": name,
                "Description": inputs.get("description"),
                "RoleArn": inputs.get("roleArn"),
                "Precedence": integer(inputs["precedence"])
                if inputs.get("precedence") is not None
                else None,
            }
        )
    )["Group"]
    undo.push("cognito-idp", "delete_group", UserPoolId=pool_id, GroupName=name)
    outputs = {**inputs, "name": group["GroupName"], "region": ctx.region(inputs)}
    return Created(f"{pool_id}/{name}", outputs)  # the provider's id format
