"""Cognito app client: the auth flows and token lifetimes a user pool grants one application."""

from __future__ import annotations

from typing import Any

from botocore.exceptions import ClientError

from ..fieldmap import INT, PLAIN, ListOf, from_aws, struct, to_aws
from .context import Context, Created, Undo
from .kind import Autoname, kind, not_found

USER_POOL_CLIENT = struct(
    generateSecret="GenerateSecret",
    explicitAuthFlows=("ExplicitAuthFlows", ListOf(PLAIN)),
    preventUserExistenceErrors="PreventUserExistenceErrors",
    enableTokenRevocation="EnableTokenRevocation",
    enablePropagateAdditionalUserContextData="EnablePropagateAdditionalUserContextData",
    accessTokenValidity=("AccessTokenValidity", INT),
    idTokenValidity=("IdTokenValidity", INT),
    refreshTokenValidity=("RefreshTokenValidity", INT),
    authSessionValidity=("AuthSessionValidity", INT),
    tokenValidityUnits=(
        "TokenValidityUnits",
        struct(accessToken="AccessToken", idToken="IdToken", refreshToken="RefreshToken"),
    ),
    allowedOauthFlows=("AllowedOAuthFlows", ListOf(PLAIN)),
    allowedOauthFlowsUserPoolClient="AllowedOAuthFlowsUserPoolClient",
    allowedOauthScopes=("AllowedOAuthScopes", ListOf(PLAIN)),
    callbackUrls=("CallbackURLs", ListOf(PLAIN)),
    logoutUrls=("LogoutURLs", ListOf(PLAIN)),
    defaultRedirectUri="DefaultRedirectURI",
    supportedIdentityProviders=("SupportedIdentityProviders", ListOf(PLAIN)),
    readAttributes=("ReadAttributes", ListOf(PLAIN)),
    writeAttributes=("WriteAttributes", ListOf(PLAIN)),
    analyticsConfiguration=(
        "AnalyticsConfiguration",
        struct(
            applicationArn="ApplicationArn",
            applicationId="ApplicationId",
            externalId="ExternalId",
            roleArn="RoleArn",
            userDataShared="UserDataShared",
        ),
    ),
    refreshTokenRotation=(
        "RefreshTokenRotation",
        struct(feature="Feature", retryGracePeriodSeconds=("RetryGracePeriodSeconds", INT)),
    ),
)

# Set at creation only; a change replaces the client (a new id, every issued token invalid).
CREATE_ONLY = ("generateSecret",)


def _state(client: dict[str, Any], inputs: dict[str, Any]) -> dict[str, Any]:
    # Pulumi marks clientSecret secret (the row's secret_outputs), never shown in clear.
    return {**inputs, "clientSecret": client.get("ClientSecret") or ""}


def create_user_pool_client(
    ctx: Context, logical: str, inputs: dict[str, Any], undo: Undo
) -> Created:
    cognito = ctx.client("cognito-idp", inputs)
    pool_id = inputs["userPoolId"]
    request = to_aws(
        USER_POOL_CLIENT, {k: inputs.get(k) for k in USER_POOL_CLIENT.fields}, "UserPoolClient."
    )
    client = cognito.create_user_pool_client(
        UserPoolId=pool_id, ClientName=inputs["name"], **request
    )["UserPoolClient"]
    undo.push(
        "cognito-idp", "delete_user_pool_client", UserPoolId=pool_id, ClientId=client["ClientId"]
    )
    return Created(client["ClientId"], _state(client, inputs))


def _describe(ctx: Context, pool_id: str, client_id: str, state: dict[str, Any]) -> dict | None:
    try:
        return ctx.client("cognito-idp", state).describe_user_pool_client(
            UserPoolId=pool_id, ClientId=client_id
        )["UserPoolClient"]
    except ClientError as error:
        if not_found(error):
            return None
        raise


def read_user_pool_client(ctx: Context, client_id: str, state: dict[str, Any]) -> Created | None:
    pool_id = state.get("userPoolId")
    if not pool_id:  # an import: "<pool id>/<client id>", as the provider's
        pool_id, _, client_id = client_id.partition("/")
    client = _describe(ctx, pool_id, client_id, state)
    if client is None:
        return None
    inputs = {
        **from_aws(USER_POOL_CLIENT, client),
        "name": client["ClientName"],
        "userPoolId": pool_id,
        "generateSecret": bool(client.get("ClientSecret")),
    }
    if state:
        inputs = {k: v for k, v in inputs.items() if k in state}
    else:
        inputs = {k: v for k, v in inputs.items() if v not in ({}, [], "", None)}
    return Created(client_id, _state(client, inputs))


def update_user_pool_client(
    ctx: Context, client_id: str, old: dict[str, Any], new: dict[str, Any]
) -> Created:
    cognito = ctx.client("cognito-idp", new)
    updatable = {k: new.get(k) for k in USER_POOL_CLIENT.fields if k not in CREATE_ONLY}
    # UpdateUserPoolClient resets every member it is not given, so it gets all of them.
    request = to_aws(USER_POOL_CLIENT, updatable, "UserPoolClient.")
    client = cognito.update_user_pool_client(
        UserPoolId=new["userPoolId"], ClientId=client_id, ClientName=new["name"], **request
    )["UserPoolClient"]
    described = _describe(ctx, new["userPoolId"], client_id, new) or client
    return Created(client_id, _state(described, new))


def delete_user_pool_client(ctx: Context, client_id: str, state: dict[str, Any]) -> None:
    try:
        ctx.client("cognito-idp", state).delete_user_pool_client(
            UserPoolId=state["userPoolId"], ClientId=client_id
        )
    except ClientError as error:
        if not not_found(error):
            raise


def find_user_pool_clients(ctx: Context, inputs: dict[str, Any]) -> list[str]:
    paginator = ctx.client("cognito-idp", inputs).get_paginator("list_user_pool_clients")
    try:
        pages = list(paginator.paginate(UserPoolId=inputs["userPoolId"], MaxResults=60))
    except ClientError as error:
        if not_found(error):
            return []
        raise
    return [
        c["ClientId"]
        for p in pages
        for c in p["UserPoolClients"]
        if c["ClientName"] == inputs["name"]
    ]


USER_POOL_CLIENT_KIND = kind(
    "aws:cognito/userPoolClient:UserPoolClient",
    inputs={"name", "userPoolId", *USER_POOL_CLIENT.fields},
    required=frozenset({"userPoolId"}),
    replace_on={"userPoolId", "generateSecret"},
    autoname=Autoname(max_length=128, prefix=None),
    secret_outputs=frozenset({"clientSecret"}),
    create=create_user_pool_client,
    read=read_user_pool_client,
    update=update_user_pool_client,
    delete=delete_user_pool_client,
    find=find_user_pool_clients,
)
