"""Answers to the provider functions (invokes) a program calls while it runs.

Account and region come from the emulator itself (STS), so ARNs a program builds from them
match the ARNs the emulator assigns.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..resources import Context


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


INVOKES: dict[str, Callable[[Context, str, dict[str, Any]], dict[str, Any]]] = {
    "aws:index/getCallerIdentity:getCallerIdentity": caller_identity,
    "aws:index/getRegion:getRegion": region,
    "aws:index/getPartition:getPartition": partition,
}
