"""Cognito app client: the auth flows and token lifetimes a user pool grants one application."""

from __future__ import annotations

from typing import Any

from ..fieldmap import INT, PLAIN, ListOf, from_aws, struct, to_aws
from .context import Context, Created, Undo, physical_name

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

_HANDLED = {"name", "namePrefix", "region", "userPoolId"}


def create_user_pool_client(
    ctx: Context, logical: str, inputs: dict[str, Any], undo: Undo
) -> Created:
    cognito = ctx.client("cognito-idp", inputs)
    pool_id = inputs["userPoolId"]
    name = physical_name(logical, inputs, max_length=128)
    request = to_aws(
        USER_POOL_CLIENT, {k: v for k, v in inputs.items() if k not in _HANDLED}, "UserPoolClient."
    )
    client = cognito.create_user_pool_client(UserPoolId=pool_id, ClientName=name, **request)[
        "UserPoolClient"
    ]
    client_id = client["ClientId"]
    undo.push("cognito-idp", "delete_user_pool_client", UserPoolId=pool_id, ClientId=client_id)
    read_back = {k: v for k, v in from_aws(USER_POOL_CLIENT, client).items() if v not in ({}, [])}
    read_back.pop("generateSecret", None)  # write-only in the API; the input stands
    outputs = {
        **inputs,
        **read_back,
        "name": name,
        "userPoolId": pool_id,
        # Pulumi marks clientSecret secret itself (additionalSecretOutputs).
        "clientSecret": client.get("ClientSecret") or "",
        "region": ctx.region(inputs),
    }
    return Created(client_id, outputs)
