"""Cognito identity pool (cognito-identity) and its role attachment.

The identity pool is found by its id (`<region>:<uuid>`), which the service chooses; its
name is not unique, so an interrupted create cannot be recovered by name and `find` looks
for none. The role attachment has no identity of its own: it is the pool's roles and role
mappings (SetIdentityPoolRoles), its id the pool's id, and deleting it clears them.
"""

from __future__ import annotations

from typing import Any

from botocore.exceptions import ClientError

from ..fieldmap import PLAIN, ListOf, from_aws, struct, to_aws
from .context import Context, Created, Undo
from .kind import kind, not_found

_PROVIDER = struct(
    clientId="ClientId", providerName="ProviderName", serverSideTokenCheck="ServerSideTokenCheck"
)
IDENTITY_POOL = struct(
    identityPoolName="IdentityPoolName",
    allowUnauthenticatedIdentities="AllowUnauthenticatedIdentities",
    allowClassicFlow="AllowClassicFlow",
    cognitoIdentityProviders=("CognitoIdentityProviders", ListOf(_PROVIDER)),
    developerProviderName="DeveloperProviderName",
    openidConnectProviderArns=("OpenIdConnectProviderARNs", ListOf(PLAIN)),
    samlProviderArns=("SamlProviderARNs", ListOf(PLAIN)),
    supportedLoginProviders="SupportedLoginProviders",
    tags="IdentityPoolTags",
)


def _request(inputs: dict[str, Any]) -> dict[str, Any]:
    request = to_aws(IDENTITY_POOL, {k: v for k, v in inputs.items() if k != "region"})
    # The API requires the flag; the provider sends false when it is left out.
    request.setdefault("AllowUnauthenticatedIdentities", False)
    return request


def _state(ctx: Context, described: dict[str, Any], inputs: dict[str, Any]) -> dict[str, Any]:
    pool_id = described["IdentityPoolId"]
    region = ctx.region(inputs)
    return {
        **inputs,
        "arn": f"arn:{ctx.partition}:cognito-identity:{region}:{ctx.account_id}:"
        f"identitypool/{pool_id}",
        "tagsAll": inputs.get("tags") or {},
    }


def create_identity_pool(ctx: Context, logical: str, inputs: dict[str, Any], undo: Undo) -> Created:
    identity = ctx.client("cognito-identity", inputs)
    described = identity.create_identity_pool(**_request(inputs))
    undo.push(
        "cognito-identity", "delete_identity_pool", IdentityPoolId=described["IdentityPoolId"]
    )
    return Created(described["IdentityPoolId"], _state(ctx, described, inputs))


def read_identity_pool(ctx: Context, pool_id: str, state: dict[str, Any]) -> Created | None:
    try:
        described = ctx.client("cognito-identity", state).describe_identity_pool(
            IdentityPoolId=pool_id
        )
    except ClientError as error:
        if not_found(error):
            return None
        raise
    inputs = from_aws(IDENTITY_POOL, described)
    # Empty lists and maps the service answers for what was never set are not inputs.
    inputs = {k: v for k, v in inputs.items() if v not in ([], {}, "") or k in state}
    if state:
        inputs = {k: v for k, v in inputs.items() if k in state}
    return Created(pool_id, _state(ctx, described, inputs))


def update_identity_pool(
    ctx: Context, pool_id: str, old: dict[str, Any], new: dict[str, Any]
) -> Created:
    # UpdateIdentityPool sets the whole pool: what a stack leaves out is cleared.
    described = ctx.client("cognito-identity", new).update_identity_pool(
        IdentityPoolId=pool_id, **_request(new)
    )
    return Created(pool_id, _state(ctx, described, new))


def delete_identity_pool(ctx: Context, pool_id: str, state: dict[str, Any]) -> None:
    try:
        ctx.client("cognito-identity", state).delete_identity_pool(IdentityPoolId=pool_id)
    except ClientError as error:
        if not not_found(error):
            raise


IDENTITY_POOL_KIND = kind(
    "aws:cognito/identityPool:IdentityPool",
    inputs=set(IDENTITY_POOL.fields),
    required=frozenset({"identityPoolName"}),
    defaults={"allowUnauthenticatedIdentities": False, "allowClassicFlow": False},
    create=create_identity_pool,
    read=read_identity_pool,
    update=update_identity_pool,
    delete=delete_identity_pool,
)

# --- Role attachment ----------------------------------------------------------------------

_RULE = struct(claim="Claim", matchType="MatchType", roleArn="RoleARN", value="Value")


def _role_mappings(mappings: list[dict[str, Any]] | None) -> dict[str, Any]:
    """Pulumi's list of mappings, each naming its provider, as the API's map by provider."""
    return {
        mapping["identityProvider"]: {
            "Type": mapping["type"],
            **(
                {"AmbiguousRoleResolution": mapping["ambiguousRoleResolution"]}
                if mapping.get("ambiguousRoleResolution")
                else {}
            ),
            **(
                {"RulesConfiguration": {"Rules": to_aws(ListOf(_RULE), mapping["mappingRules"])}}
                if mapping.get("mappingRules")
                else {}
            ),
        }
        for mapping in mappings or []
    }


def _set_roles(ctx: Context, inputs: dict[str, Any]) -> None:
    ctx.client("cognito-identity", inputs).set_identity_pool_roles(
        IdentityPoolId=inputs["identityPoolId"],
        Roles=dict(inputs["roles"]),
        RoleMappings=_role_mappings(inputs.get("roleMappings")),
    )


def create_role_attachment(
    ctx: Context, logical: str, inputs: dict[str, Any], undo: Undo
) -> Created:
    _set_roles(ctx, inputs)
    undo.push(
        "cognito-identity", "set_identity_pool_roles",
        IdentityPoolId=inputs["identityPoolId"], Roles={}, RoleMappings={},
    )  # fmt: skip
    return Created(inputs["identityPoolId"], dict(inputs))


def read_role_attachment(ctx: Context, pool_id: str, state: dict[str, Any]) -> Created | None:
    try:
        found = ctx.client("cognito-identity", state).get_identity_pool_roles(
            IdentityPoolId=pool_id
        )
    except ClientError as error:
        if not_found(error):
            return None
        raise
    if not found.get("Roles"):
        return None
    mappings = [
        {
            "identityProvider": provider,
            "type": mapping["Type"],
            **(
                {"ambiguousRoleResolution": mapping["AmbiguousRoleResolution"]}
                if mapping.get("AmbiguousRoleResolution")
                else {}
            ),
        }
        for provider, mapping in (found.get("RoleMappings") or {}).items()
    ]
    inputs = {"identityPoolId": pool_id, "roles": found["Roles"]}
    if mappings:
        inputs["roleMappings"] = mappings
    if state.get("region"):
        inputs["region"] = state["region"]
    return Created(pool_id, inputs)


def update_role_attachment(
    ctx: Context, pool_id: str, old: dict[str, Any], new: dict[str, Any]
) -> Created:
    _set_roles(ctx, new)
    return Created(pool_id, dict(new))


def delete_role_attachment(ctx: Context, pool_id: str, state: dict[str, Any]) -> None:
    try:
        ctx.client("cognito-identity", state).set_identity_pool_roles(
            IdentityPoolId=pool_id, Roles={}, RoleMappings={}
        )
    except ClientError as error:
        if not not_found(error):
            raise


def find_role_attachment(ctx: Context, inputs: dict[str, Any]) -> list[str]:
    pool_id = inputs["identityPoolId"]
    return [pool_id] if read_role_attachment(ctx, pool_id, {}) else []


IDENTITY_POOL_ROLE_ATTACHMENT = kind(
    "aws:cognito/identityPoolRoleAttachment:IdentityPoolRoleAttachment",
    inputs={"identityPoolId", "roles", "roleMappings"},
    required=frozenset({"identityPoolId", "roles"}),
    replace_on={"identityPoolId"},
    create=create_role_attachment,
    read=read_role_attachment,
    update=update_role_attachment,
    delete=delete_role_attachment,
    find=find_role_attachment,
)
