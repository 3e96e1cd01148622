"""Cognito identity provider: an external IdP (social, OIDC or SAML) that a user pool federates."""

from __future__ import annotations

from typing import Any

from botocore.exceptions import ClientError

from .context import Context, Created, Undo, without_none
from .kind import kind, not_found


def _provider_id(pool_id: str, name: str) -> str:
    return f"{pool_id}:{name}"  # the provider's id format


def _fields(inputs: dict[str, Any]) -> dict[str, Any]:
    return without_none({
        "ProviderDetails": inputs.get("providerDetails") or {},
        "AttributeMapping": inputs.get("attributeMapping"),
        "IdpIdentifiers": inputs.get("idpIdentifiers"),
    })  # fmt: skip


def create_identity_provider(
    ctx: Context, logical: str, inputs: dict[str, Any], undo: Undo
) -> Created:
    pool_id, name = inputs["userPoolId"], inputs["providerName"]
    ctx.client("cognito-idp", inputs).create_identity_provider(
        UserPoolId=pool_id,
        ProviderName=name,
        ProviderType=inputs["providerType"],
        **_fields(inputs),
    )
    undo.push("cognito-idp", "delete_identity_provider", UserPoolId=pool_id, ProviderName=name)
    return Created(_provider_id(pool_id, name), dict(inputs))


def read_identity_provider(ctx: Context, provider_id: str, state: dict[str, Any]) -> Created | None:
    pool_id, _, name = provider_id.partition(":")
    try:
        provider = ctx.client("cognito-idp", state).describe_identity_provider(
            UserPoolId=pool_id, ProviderName=name
        )["IdentityProvider"]
    except ClientError as error:
        if not_found(error):
            return None
        raise
    details = provider.get("ProviderDetails") or {}
    if state.get("providerDetails") is not None:
        # AWS answers keys of its own beside those given (authorize_url, ...), as the
        # provider's read keeps only the given ones.
        details = {k: v for k, v in details.items() if k in state["providerDetails"]}
    inputs = without_none({
        "userPoolId": pool_id,
        "providerName": name,
        "providerType": provider.get("ProviderType"),
        "providerDetails": details,
        "attributeMapping": provider.get("AttributeMapping") or None,
        "idpIdentifiers": provider.get("IdpIdentifiers") or None,
    })  # fmt: skip
    if state:
        inputs = {k: v for k, v in inputs.items() if k in state}
    return Created(provider_id, inputs)


def update_identity_provider(
    ctx: Context, provider_id: str, old: dict[str, Any], new: dict[str, Any]
) -> Created:
    ctx.client("cognito-idp", new).update_identity_provider(
        UserPoolId=new["userPoolId"], ProviderName=new["providerName"], **_fields(new)
    )
    return Created(provider_id, dict(new))


def delete_identity_provider(ctx: Context, provider_id: str, state: dict[str, Any]) -> None:
    pool_id, _, name = provider_id.partition(":")
    try:
        ctx.client("cognito-idp", state).delete_identity_provider(
            UserPoolId=pool_id, ProviderName=name
        )
    except ClientError as error:
        if not not_found(error):
            raise


def find_identity_provider(ctx: Context, inputs: dict[str, Any]) -> list[str]:
    provider_id = _provider_id(inputs["userPoolId"], inputs["providerName"])
    return [provider_id] if read_identity_provider(ctx, provider_id, {}) else []


IDENTITY_PROVIDER = kind(
    "aws:cognito/identityProvider:IdentityProvider",
    inputs={
        "userPoolId",
        "providerName",
        "providerType",
        "providerDetails",
        "attributeMapping",
        "idpIdentifiers",
    },  # fmt: skip
    required=frozenset({"userPoolId", "providerName", "providerType", "providerDetails"}),
    # A renamed provider is another provider: every client that names it must follow.
    replace_on={"userPoolId", "providerName", "providerType"},
    create=create_identity_provider,
    read=read_identity_provider,
    update=update_identity_provider,
    delete=delete_identity_provider,
    find=find_identity_provider,
)
