"""Answers to the provider functions (invokes) a program calls while it runs.

Account and region come from the emulator itself (STS), so ARNs a program builds from them
match the ARNs the emulator assigns.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from botocore.exceptions import ClientError

from ..fieldmap import from_aws
from ..resources import Context, ProviderError
from ..resources.kind import not_found
from ..resources.user_pool import SCHEMA_ATTRIBUTE


def caller_identity(ctx: Context, region: str, args: dict[str, Any]) -> dict[str, Any]:
    identity = ctx.clients("sts").get_caller_identity()
    return {
        "accountId": identity["Account"],
        "arn": identity["Arn"],
        "userId": identity["UserId"],
        "id": identity["Account"],
    }


def region(ctx: Context, region: str, args: dict[str, Any]) -> dict[str, Any]:
    name = args.get("region") or args.get("name") or region
    return {
        "name": name,
        "region": name,
        "id": name,
        "description": name,
        "endpoint": f"ec2.{name}.amazonaws.com",
    }


def partition(ctx: Context, region: str, args: dict[str, Any]) -> dict[str, Any]:
    return {
        "partition": ctx.partition,
        "id": ctx.partition,
        "dnsSuffix": "amazonaws.com",
        "reverseDnsPrefix": "com.amazonaws",
    }


def _missing(error: ClientError, what: str, name: str) -> ProviderError:
    # The real provider's words for a data source that finds nothing.
    return ProviderError(f"reading Cognito {what} ({name}): couldn't find resource")


def user_pool(ctx: Context, region: str, args: dict[str, Any]) -> dict[str, Any]:
    """The pulumi-aws data source getUserPool: what it reads of a pool (not its case
    sensitivity or alias attributes, which it does not have)."""
    pool_id = args["userPoolId"]
    try:
        pool = ctx.clients("cognito-idp", args.get("region") or region).describe_user_pool(
            UserPoolId=pool_id
        )["UserPool"]
    except ClientError as error:
        if not_found(error):
            raise _missing(error, "User Pool", pool_id) from None
        raise
    attributes = []
    for entry in pool.get("SchemaAttributes") or []:
        attribute = from_aws(SCHEMA_ATTRIBUTE, entry)
        # The data source gives each constraint block as a list of one.
        for block in ("stringAttributeConstraints", "numberAttributeConstraints"):
            attribute[block] = [attribute[block]] if attribute.get(block) else []
        attributes.append(attribute)
    return {
        "id": pool_id,
        "userPoolId": pool_id,
        "arn": pool.get("Arn") or "",
        "name": pool["Name"],
        "usernameAttributes": pool.get("UsernameAttributes") or [],
        "autoVerifiedAttributes": pool.get("AutoVerifiedAttributes") or [],
        "mfaConfiguration": pool.get("MfaConfiguration") or "OFF",
        "deletionProtection": pool.get("DeletionProtection") or "INACTIVE",
        "estimatedNumberOfUsers": pool.get("EstimatedNumberOfUsers", 0),
        "schemaAttributes": attributes,
        "userPoolTags": pool.get("UserPoolTags") or {},
    }


def user_pool_client(ctx: Context, region: str, args: dict[str, Any]) -> dict[str, Any]:
    """The pulumi-aws data source getUserPoolClient: enough to tell a public client."""
    try:
        client = ctx.clients("cognito-idp", args.get("region") or region).describe_user_pool_client(
            UserPoolId=args["userPoolId"], ClientId=args["clientId"]
        )["UserPoolClient"]
    except ClientError as error:
        if not_found(error):
            raise _missing(error, "User Pool Client", args["clientId"]) from None
        raise
    return {
        "id": client["ClientId"],
        "clientId": client["ClientId"],
        "userPoolId": client["UserPoolId"],
        "name": client["ClientName"],
        "clientSecret": client.get("ClientSecret") or "",
        "explicitAuthFlows": client.get("ExplicitAuthFlows") or [],
    }


INVOKES: dict[str, Callable[[Context, str, dict[str, Any]], dict[str, Any]]] = {
    "aws:index/getCallerIdentity:getCallerIdentity": caller_identity,
    "aws:index/getRegion:getRegion": region,
    "aws:index/getPartition:getPartition": partition,
    "aws:cognito/getUserPool:getUserPool": user_pool,
    "aws:cognito/getUserPoolClient:getUserPoolClient": user_pool_client,
}
