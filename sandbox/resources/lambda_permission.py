"""Lambda permission: lets Cognito (or another principal) invoke the trigger.

Every input replaces the statement, as on AWS (a policy statement cannot be edited).
"""

from __future__ import annotations

import json
from typing import Any

from botocore.exceptions import ClientError

from .context import Context, Created, Undo, without_none
from .kind import Autoname, kind, not_found


def _request(inputs: dict[str, Any]) -> dict[str, Any]:
    return without_none({
        "FunctionName": inputs["function"],
        "StatementId": inputs["statementId"],
        "Action": inputs["action"],
        "Principal": inputs["principal"],
        "SourceArn": inputs.get("sourceArn"),
        "SourceAccount": inputs.get("sourceAccount"),
        "EventSourceToken": inputs.get("eventSourceToken"),
        "Qualifier": inputs.get("qualifier"),
        "PrincipalOrgID": inputs.get("principalOrgId"),
        "FunctionUrlAuthType": inputs.get("functionUrlAuthType"),
    })  # fmt: skip


def create_permission(ctx: Context, logical: str, inputs: dict[str, Any], undo: Undo) -> Created:
    request = _request(inputs)
    ctx.client("lambda", inputs).add_permission(**request)
    undo.push("lambda", "remove_permission", FunctionName=request["FunctionName"],
              StatementId=request["StatementId"])  # fmt: skip
    return Created(inputs["statementId"], dict(inputs))


def _statement(
    ctx: Context, function: str, statement_id: str, state: dict[str, Any]
) -> dict | None:
    try:
        policy = ctx.client("lambda", state).get_policy(FunctionName=function)["Policy"]
    except ClientError as error:
        if not_found(error):
            return None
        raise
    statements = json.loads(policy).get("Statement", [])
    return next((s for s in statements if s.get("Sid") == statement_id), None)


def read_permission(ctx: Context, statement_id: str, state: dict[str, Any]) -> Created | None:
    if not state.get("function"):
        # An import names the function too: "<function>/<statement id>", as the provider's does.
        function, _, statement_id = statement_id.rpartition("/")
        state = {"function": function, "statementId": statement_id}
    if _statement(ctx, state["function"], statement_id, state) is None:
        return None
    return Created(statement_id, dict(state))


def delete_permission(ctx: Context, statement_id: str, state: dict[str, Any]) -> None:
    try:
        ctx.client("lambda", state).remove_permission(
            **without_none(
                {
                    "FunctionName": state["function"],
                    "StatementId": statement_id,
                    "Qualifier": state.get("qualifier"),
                }
            )  # fmt: skip
        )
    except ClientError as error:
        if not not_found(error):
            raise


def find_permission(ctx: Context, inputs: dict[str, Any]) -> list[str]:
    found = _statement(ctx, inputs["function"], inputs["statementId"], inputs)
    return [inputs["statementId"]] if found else []


_INPUTS = {"action", "function", "principal", "sourceArn", "sourceAccount", "statementId",
           "statementIdPrefix", "qualifier", "eventSourceToken", "principalOrgId",
           "functionUrlAuthType"}  # fmt: skip

PERMISSION = kind(
    "aws:lambda/permission:Permission",
    inputs=_INPUTS,
    required=frozenset({"action", "function", "principal"}),
    replace_on=_INPUTS,
    # Terraform names an unnamed statement "terraform-<26 digits>", or prefix + 26 digits.
    autoname=Autoname(
        max_length=100, key="statementId", prefix="statementIdPrefix", default_prefix="terraform-"
    ),  # fmt: skip
    create=create_permission,
    read=read_permission,
    delete=delete_permission,
    find=find_permission,
)
