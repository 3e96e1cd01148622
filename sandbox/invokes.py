"""Answers to the provider functions (invokes) a program calls while it runs.

Account and region come from the emulator itself (STS), so ARNs a program builds
from them match the ARNs the emulator assigns.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Callable
from typing import Any

from .resources import Context


class UnsupportedInvokeError(NotImplementedError):
    """The program called a provider function the sandbox cannot answer."""


def caller_identity(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    identity = ctx.clients("sts").get_caller_identity()
    return {
        "accountId": identity["Account"],
        "arn": identity["Arn"],
        "userId": identity["UserId"],
        "id": identity["Account"],
    }


def region(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    name = args.get("region") or args.get("name") or ctx.clients.region
    return {
        "name": name,
        "region": name,
        "id": name,
        "description": name,
        "endpoint": f"ec2.{name}.amazonaws.com",
    }


def partition(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    return {
        "partition": ctx.partition,
        "id": ctx.partition,
        "dnsSuffix": "amazonaws.com",
        "reverseDnsPrefix": "com.amazonaws",
    }


def policy_document(ctx: Context, args: dict[str, Any]) -> dict[str, Any]:
    """Render aws.iam.get_policy_document locally: a pure function, no AWS call needed."""
    if args.get("sourcePolicyDocuments") or args.get("overridePolicyDocuments"):
        raise UnsupportedInvokeError(
            "the sandbox's getPolicyDocument does not merge source/override documents"
        )
    document: dict[str, Any] = {"Version": args.get("version") or "2012-10-17"}
    if args.get("policyId"):
        document["Id"] = args["policyId"]
    document["Statement"] = [_statement(s) for s in args.get("statements") or []]
    rendered = json.dumps(document, indent=2)
    return {
        "json": rendered,
        "minifiedJson": json.dumps(document, separators=(",", ":")),
        "id": str(zlib.crc32(rendered.encode())),
        **{k: v for k, v in args.items() if v is not None},
    }


def _statement(raw: dict[str, Any]) -> dict[str, Any]:
    statement: dict[str, Any] = {}
    if raw.get("sid"):
        statement["Sid"] = raw["sid"]
    statement["Effect"] = raw.get("effect") or "Allow"
    for key, name in (
        ("actions", "Action"),
        ("notActions", "NotAction"),
        ("resources", "Resource"),
        ("notResources", "NotResource"),
    ):
        if raw.get(key):
            statement[name] = _one_or_many(raw[key])
    for key, name in (("principals", "Principal"), ("notPrincipals", "NotPrincipal")):
        if raw.get(key):
            statement[name] = _principals(raw[key])
    if raw.get("conditions"):
        conditions: dict[str, dict[str, Any]] = {}
        for c in raw["conditions"]:
            conditions.setdefault(c["test"], {})[c["variable"]] = _one_or_many(c["values"])
        statement["Condition"] = conditions
    return statement


def _principals(raw: list[dict[str, Any]]) -> Any:
    if any(p["type"] == "*" for p in raw):
        return "*"
    grouped: dict[str, list[str]] = {}
    for p in raw:
        grouped.setdefault(p["type"], []).extend(p["identifiers"])
    return {k: _one_or_many(v) for k, v in grouped.items()}


def _one_or_many(values: list[Any]) -> Any:
    # The provider writes a single value as a string, as IAM itself answers it.
    return values[0] if len(values) == 1 else sorted(values)


INVOKES: dict[str, Callable[[Context, dict[str, Any]], dict[str, Any]]] = {
    "aws:index/getCallerIdentity:getCallerIdentity": caller_identity,
    "aws:index/getRegion:getRegion": region,
    "aws:index/getPartition:getPartition": partition,
    "aws:iam/getPolicyDocument:getPolicyDocument": policy_document,
}
