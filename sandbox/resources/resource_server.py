"""Cognito resource server: an API of the pool, and the scopes clients may be granted on it."""

from __future__ import annotations

from typing import Any

from botocore.exceptions import ClientError

from .context import Context, Created, Undo
from .kind import kind, not_found


def _server_id(pool_id: str, identifier: str) -> str:
    return f"{pool_id}|{identifier}"  # the provider's id format


def _scopes(inputs: dict[str, Any]) -> list[dict[str, str]]:
    return [
        {"ScopeName": s["scopeName"], "ScopeDescription": s["scopeDescription"]}
        for s in inputs.get("scopes") or []
    ]


def _state(server: dict[str, Any], inputs: dict[str, Any]) -> dict[str, Any]:
    scopes = server.get("Scopes") or []
    return {
        **inputs,
        "scopeIdentifiers": [f"{server['Identifier']}/{s['ScopeName']}" for s in scopes],
    }


def _describe(ctx: Context, pool_id: str, identifier: str, state: dict) -> dict | None:
    try:
        return ctx.client("cognito-idp", state).describe_resource_server(
            UserPoolId=pool_id, Identifier=identifier
        )["ResourceServer"]
    except ClientError as error:
        if not_found(error):
            return None
        raise


def create_resource_server(
    ctx: Context, logical: str, inputs: dict[str, Any], undo: Undo
) -> Created:
    pool_id, identifier = inputs["userPoolId"], inputs["identifier"]
    server = ctx.client("cognito-idp", inputs).create_resource_server(
        UserPoolId=pool_id, Identifier=identifier, Name=inputs["name"], Scopes=_scopes(inputs)
    )["ResourceServer"]
    undo.push("cognito-idp", "delete_resource_server", UserPoolId=pool_id, Identifier=identifier)
    return Created(_server_id(pool_id, identifier), _state(server, inputs))


def read_resource_server(ctx: Context, server_id: str, state: dict[str, Any]) -> Created | None:
    pool_id, _, identifier = server_id.partition("|")
    server = _describe(ctx, pool_id, identifier, state)
    if server is None:
        return None
    inputs = {
        "identifier": identifier,
        "userPoolId": pool_id,
        "name": server.get("Name"),
        "scopes": [
            {"scopeName": s["ScopeName"], "scopeDescription": s["ScopeDescription"]}
            for s in server.get("Scopes") or []
        ],
    }
    if state:
        inputs = {k: v for k, v in inputs.items() if k in state}
    return Created(server_id, _state(server, inputs))


def update_resource_server(
    ctx: Context, server_id: str, old: dict[str, Any], new: dict[str, Any]
) -> Created:
    # UpdateResourceServer replaces the name and the whole scope list.
    server = ctx.client("cognito-idp", new).update_resource_server(
        UserPoolId=new["userPoolId"],
        Identifier=new["identifier"],
        Name=new["name"],
        Scopes=_scopes(new),
    )["ResourceServer"]
    return Created(server_id, _state(server, new))


def delete_resource_server(ctx: Context, server_id: str, state: dict[str, Any]) -> None:
    pool_id, _, identifier = server_id.partition("|")
    try:
        ctx.client("cognito-idp", state).delete_resource_server(
            UserPoolId=pool_id, Identifier=identifier
        )
    except ClientError as error:
        if not not_found(error):
            raise


def find_resource_server(ctx: Context, inputs: dict[str, Any]) -> list[str]:
    found = _describe(ctx, inputs["userPoolId"], inputs["identifier"], inputs)
    return [_server_id(inputs["userPoolId"], inputs["identifier"])] if found else []


RESOURCE_SERVER = kind(
    "aws:cognito/resourceServer:ResourceServer",
    inputs={"identifier", "userPoolId", "name", "scopes"},
    required=frozenset({"identifier", "userPoolId", "name"}),
    # The identifier is the server's key in the pool, and so in every scope string.
    replace_on={"identifier", "userPoolId"},
    create=create_resource_server,
    read=read_resource_server,
    update=update_resource_server,
    delete=delete_resource_server,
    find=find_resource_server,
)
