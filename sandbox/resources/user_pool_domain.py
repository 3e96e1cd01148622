"""Cognito user pool domain: the hosted sign-in / OAuth prefix (or custom domain) of a pool."""

from __future__ import annotations

from typing import Any

from ..fieldmap import integer
from .context import Context, Created, Undo, without_none

_CLOUDFRONT_ZONE_ID = "Z2FDTNDATAQYW2"  # fixed for every CloudFront distribution


def create_user_pool_domain(
    ctx: Context, logical: str, inputs: dict[str, Any], undo: Undo
) -> Created:
    cognito = ctx.client("cognito-idp", inputs)
    domain, pool_id = inputs["domain"], inputs["userPoolId"]
    custom = {"CertificateArn": inputs["certificateArn"]} if inputs.get("certificateArn") else None
    created = cognito.create_user_pool_domain(
        **without_none(
            {
                "Domain": domain,
                "UserPoolId": pool_id,
                "CustomDomainConfig": custom,
                "ManagedLoginVersion": integer(inputs["managedLoginVersion"])
                if inputs.get("managedLoginVersion")
                else None,
            }
        )
    )
    undo.push("cognito-idp", "delete_user_pool_domain", Domain=domain, UserPoolId=pool_id)
    described = cognito.describe_user_pool_domain(Domain=domain).get("DomainDescription") or {}
    cloudfront = described.get("CloudFrontDistribution") or created.get("CloudFrontDomain") or ""
    outputs = {
        **inputs,
        "awsAccountId": described.get("AWSAccountId") or ctx.account_id,
        "cloudfrontDistribution": cloudfront,
        "cloudfrontDistributionArn": cloudfront,  # the provider exposes the domain name here too
        "cloudfrontDistributionZoneId": _CLOUDFRONT_ZONE_ID,
        "s3Bucket": described.get("S3Bucket") or "",
        "version": described.get("Version") or "",
        "managedLoginVersion": described.get("ManagedLoginVersion")
        or inputs.get("managedLoginVersion")
        or 1,
        "region": ctx.region(inputs),
    }
    return Created(domain, outputs)
