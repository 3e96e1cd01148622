"""Cognito user pool domain: the hosted sign-in / OAuth prefix (or custom domain) of a pool."""

from __future__ import annotations

from typing import Any

from botocore.exceptions import ClientError

from ..fieldmap import integer
from .context import Context, Created, Undo, without_none
from .kind import kind, not_found

_CLOUDFRONT_ZONE_ID = "Z2FDTNDATAQYW2"  # fixed for every CloudFront distribution


def _describe(ctx: Context, domain: str, inputs: dict[str, Any]) -> dict[str, Any]:
    described = ctx.client("cognito-idp", inputs).describe_user_pool_domain(Domain=domain)
    return described.get("DomainDescription") or {}


def _state(ctx: Context, described: dict[str, Any], inputs: dict[str, Any]) -> dict[str, Any]:
    cloudfront = described.get("CloudFrontDistribution") or ""
    return {
        **inputs,
        "awsAccountId": described.get("AWSAccountId") or ctx.account_id,
        "cloudfrontDistribution": cloudfront,
        "cloudfrontDistributionArn": cloudfront,  # the provider exposes the domain name here too
        "cloudfrontDistributionZoneId": _CLOUDFRONT_ZONE_ID,
        "s3Bucket": described.get("S3Bucket") or "",
        "version": described.get("Version") or "",
    }


def _custom(inputs: dict[str, Any]) -> dict[str, Any] | None:
    return {"CertificateArn": inputs["certificateArn"]} if inputs.get("certificateArn") else None


def create_user_pool_domain(
    ctx: Context, logical: str, inputs: dict[str, Any], undo: Undo
) -> Created:
    domain, pool_id = inputs["domain"], inputs["userPoolId"]
    ctx.client("cognito-idp", inputs).create_user_pool_domain(
        **without_none({
            "Domain": domain,
            "UserPoolId": pool_id,
            "CustomDomainConfig": _custom(inputs),
            "ManagedLoginVersion": integer(inputs["managedLoginVersion"])
            if inputs.get("managedLoginVersion") else None,
        })
    )  # fmt: skip
    undo.push("cognito-idp", "delete_user_pool_domain", Domain=domain, UserPoolId=pool_id)
    return Created(domain, _state(ctx, _describe(ctx, domain, inputs), inputs))


def read_user_pool_domain(ctx: Context, domain: str, state: dict[str, Any]) -> Created | None:
    described = _describe(ctx, domain, state)
    if not described.get("UserPoolId"):
        return None
    inputs = without_none({
        "domain": domain,
        "userPoolId": described["UserPoolId"],
        "certificateArn": (described.get("CustomDomainConfig") or {}).get("CertificateArn"),
        "managedLoginVersion": described.get("ManagedLoginVersion"),
    })  # fmt: skip
    if state:
        inputs = {k: v for k, v in inputs.items() if k in state}
    return Created(domain, _state(ctx, described, inputs))


def update_user_pool_domain(
    ctx: Context, domain: str, old: dict[str, Any], new: dict[str, Any]
) -> Created:
    ctx.client("cognito-idp", new).update_user_pool_domain(
        **without_none({
            "Domain": domain,
            "UserPoolId": new["userPoolId"],
            "CustomDomainConfig": _custom(new),
            "ManagedLoginVersion": integer(new["managedLoginVersion"])
            if new.get("managedLoginVersion") else None,
        })
    )  # fmt: skip
    return Created(domain, _state(ctx, _describe(ctx, domain, new), new))


def delete_user_pool_domain(ctx: Context, domain: str, state: dict[str, Any]) -> None:
    try:
        ctx.client("cognito-idp", state).delete_user_pool_domain(
            Domain=domain, UserPoolId=state["userPoolId"]
        )
    except ClientError as error:
        if not not_found(error):
            raise


def find_user_pool_domain(ctx: Context, inputs: dict[str, Any]) -> list[str]:
    described = _describe(ctx, inputs["domain"], inputs)
    return [inputs["domain"]] if described.get("UserPoolId") == inputs["userPoolId"] else []


USER_POOL_DOMAIN = kind(
    "aws:cognito/userPoolDomain:UserPoolDomain",
    inputs={"domain", "userPoolId", "certificateArn", "managedLoginVersion"},
    required=frozenset({"domain", "userPoolId"}),
    # A new prefix is a new hosted UI URL; the old one stops working.
    replace_on={"domain", "userPoolId"},
    computed=frozenset({"managedLoginVersion"}),
    create=create_user_pool_domain,
    read=read_user_pool_domain,
    update=update_user_pool_domain,
    delete=delete_user_pool_domain,
    find=find_user_pool_domain,
)
