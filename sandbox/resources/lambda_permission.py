"""Lambda permission: lets Cognito (or another principal) invoke the trigger."""

from __future__ import annotations

from typing import Any

from .context import Context, Created, Undo, unique_suffix, without_none


def create_permission(ctx: Context, logical: str, inputs: dict[str, Any], undo: Undo) -> Created:
    # The provider names an unnamed statement "terraform-<unique>", or prefix + unique.
    statement_id = (
        inputs.get("statementId")
        or (inputs.get("statementIdPrefix") or "terraform-") + unique_suffix()
    )
    function = inputs["function"]
    ctx.client("lambda", inputs).add_permission(
        **without_none(
            {
                "FunctionName": function,
                "StatementId": statement_id,
                "Action": inputs["action"],
                "Principal": inputs["principal"],
                "SourceArn": inputs.get("sourceArn"),
                "SourceAccount": inputs.get("sourceAccount"),
                "EventSourceToken": inputs.get("eventSourceToken"),
                "Qualifier": inputs.get("qualifier"),
                "PrincipalOrgID": inputs.get("principalOrgId"),
                "FunctionUrlAuthType": inputs.get("functionUrlAuthType"),
            }
        )
    )
    undo.push(
        "lambda",
        "remove_permission",
        **without_none(
            {
                "FunctionName": function,
                "StatementId": statement_id,
                "Qualifier": inputs.get("qualifier"),
            }
        ),
    )
    return Created(
        statement_id, {**inputs, "statementId": statement_id, "region": ctx.region(inputs)}
    )
