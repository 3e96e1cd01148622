"""Route 53 record: a certificate's validation CNAME, or a custom domain's alias to CloudFront."""

from __future__ import annotations

from typing import Any

from botocore.exceptions import ClientError

from ..fieldmap import integer
from .context import Context, Created, Undo
from .kind import kind, not_found


def _record_id(inputs: dict[str, Any]) -> str:
    return f"{inputs['zoneId']}_{_fqdn(inputs)}_{inputs['type']}"  # the provider's id format


def _fqdn(inputs: dict[str, Any]) -> str:
    return inputs["name"].rstrip(".").lower()


def _record_set(inputs: dict[str, Any]) -> dict[str, Any]:
    record: dict[str, Any] = {"Name": _fqdn(inputs) + ".", "Type": inputs["type"]}
    aliases = inputs.get("aliases") or []
    if aliases:
        alias = aliases[0]
        record["AliasTarget"] = {
            "HostedZoneId": alias["zoneId"],
            "DNSName": alias["name"],
            "EvaluateTargetHealth": bool(alias.get("evaluateTargetHealth")),
        }
    else:
        record["TTL"] = integer(inputs.get("ttl") or 300)
        record["ResourceRecords"] = [{"Value": value} for value in inputs.get("records") or []]
    return record


def _change(ctx: Context, inputs: dict[str, Any], action: str) -> None:
    ctx.client("route53", inputs).change_resource_record_sets(
        HostedZoneId=inputs["zoneId"],
        ChangeBatch={"Changes": [{"Action": action, "ResourceRecordSet": _record_set(inputs)}]},
    )


def _state(inputs: dict[str, Any]) -> dict[str, Any]:
    return {**inputs, "fqdn": _fqdn(inputs)}


def create_record(ctx: Context, logical: str, inputs: dict[str, Any], undo: Undo) -> Created:
    _change(ctx, inputs, "UPSERT" if inputs.get("allowOverwrite") else "CREATE")
    undo.push(
        "route53",
        "change_resource_record_sets",
        HostedZoneId=inputs["zoneId"],
        ChangeBatch={"Changes": [{"Action": "DELETE", "ResourceRecordSet": _record_set(inputs)}]},
    )
    return Created(_record_id(inputs), _state(inputs))


def _listed(ctx: Context, state: dict[str, Any]) -> dict[str, Any] | None:
    try:
        sets = ctx.client("route53", state).list_resource_record_sets(
            HostedZoneId=state["zoneId"],
            StartRecordName=_fqdn(state) + ".",
            StartRecordType=state["type"],
            MaxItems="1",
        )["ResourceRecordSets"]
    except ClientError as error:
        if not_found(error) or "NoSuchHostedZone" in str(error):
            return None
        raise
    wanted = (_fqdn(state) + ".", state["type"])
    return next((s for s in sets if (s["Name"].lower(), s["Type"]) == wanted), None)


def read_record(ctx: Context, record_id: str, state: dict[str, Any]) -> Created | None:
    if not state:  # an import would need the zone's name to split the id: not supported
        return None
    listed = _listed(ctx, state)
    return None if listed is None else Created(record_id, _state(state))


def update_record(
    ctx: Context, record_id: str, old: dict[str, Any], new: dict[str, Any]
) -> Created:
    _change(ctx, new, "UPSERT")
    return Created(record_id, _state(new))


def delete_record(ctx: Context, record_id: str, state: dict[str, Any]) -> None:
    if _listed(ctx, state) is None:
        return
    _change(ctx, state, "DELETE")


def find_record(ctx: Context, inputs: dict[str, Any]) -> list[str]:
    return [_record_id(inputs)] if _listed(ctx, inputs) else []


RECORD = kind(
    "aws:route53/record:Record",
    inputs={"zoneId", "name", "type", "ttl", "records", "aliases", "allowOverwrite"},
    required=frozenset({"zoneId", "name", "type"}),
    # A record set is keyed by zone, name and type: another is another record.
    replace_on={"zoneId", "name", "type"},
    create=create_record,
    read=read_record,
    update=update_record,
    delete=delete_record,
    find=find_record,
)
