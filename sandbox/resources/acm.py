"""ACM certificate, and its validation: the certificate a custom domain is served with.

ministack issues a requested certificate at once and says its DNS validation succeeded,
whatever the DNS holds; the validation row still checks what the real provider checks
(the certificate is ISSUED and the FQDNs given are its validation records).
"""

from __future__ import annotations

from typing import Any

from botocore.exceptions import ClientError

from ..fieldmap import aws_tags
from .context import Context, Created, Undo, iso, retag, without_none
from .kind import ProviderError, kind, not_found


def _options(certificate: dict[str, Any]) -> list[dict[str, str]]:
    return [
        {
            "domainName": option["DomainName"],
            "resourceRecordName": option["ResourceRecord"]["Name"],
            "resourceRecordType": option["ResourceRecord"]["Type"],
            "resourceRecordValue": option["ResourceRecord"]["Value"],
        }
        for option in certificate.get("DomainValidationOptions") or []
        if option.get("ResourceRecord")
    ]


def _describe(ctx: Context, arn: str, state: dict[str, Any]) -> dict[str, Any] | None:
    try:
        return ctx.client("acm", state).describe_certificate(CertificateArn=arn)["Certificate"]
    except ClientError as error:
        if not_found(error):
            return None
        raise


def _state(certificate: dict[str, Any], inputs: dict[str, Any]) -> dict[str, Any]:
    return {
        **inputs,
        "arn": certificate["CertificateArn"],
        "domainValidationOptions": _options(certificate),
        "status": certificate.get("Status", ""),
        "subjectAlternativeNames": certificate.get("SubjectAlternativeNames") or [],
    }


def create_certificate(ctx: Context, logical: str, inputs: dict[str, Any], undo: Undo) -> Created:
    acm = ctx.client("acm", inputs)
    arn = acm.request_certificate(
        **without_none({
            "DomainName": inputs["domainName"],
            "ValidationMethod": inputs.get("validationMethod") or "DNS",
            "SubjectAlternativeNames": inputs.get("subjectAlternativeNames") or None,
            "Tags": aws_tags(inputs.get("tags")) or None,
        })
    )["CertificateArn"]  # fmt: skip
    undo.push("acm", "delete_certificate", CertificateArn=arn)
    return Created(arn, _state(_describe(ctx, arn, inputs) or {"CertificateArn": arn}, inputs))


def read_certificate(ctx: Context, arn: str, state: dict[str, Any]) -> Created | None:
    certificate = _describe(ctx, arn, state)
    if certificate is None:
        return None
    inputs = {
        "domainName": certificate["DomainName"],
        "validationMethod": (certificate.get("DomainValidationOptions") or [{}])[0].get(
            "ValidationMethod", "DNS"
        ),
    }
    if state:
        inputs = {k: v for k, v in state.items() if k in CERTIFICATE.inputs}
    return Created(arn, _state(certificate, inputs))


def update_certificate(ctx: Context, arn: str, old: dict[str, Any], new: dict[str, Any]) -> Created:
    """Only the tags change in place; every other input replaces the certificate."""
    acm = ctx.client("acm", new)
    retag(
        old.get("tags") or {},
        new.get("tags") or {},
        tag=lambda tags: acm.add_tags_to_certificate(CertificateArn=arn, Tags=aws_tags(tags)),
        untag=lambda keys: acm.remove_tags_from_certificate(
            CertificateArn=arn, Tags=[{"Key": key} for key in keys]
        ),
    )
    return Created(arn, _state(_describe(ctx, arn, new) or {"CertificateArn": arn}, new))


def delete_certificate(ctx: Context, arn: str, state: dict[str, Any]) -> None:
    try:
        ctx.client("acm", state).delete_certificate(CertificateArn=arn)
    except ClientError as error:
        if not not_found(error):
            raise


def find_certificate(ctx: Context, inputs: dict[str, Any]) -> list[str]:
    listed = ctx.client("acm", inputs).list_certificates()["CertificateSummaryList"]
    return [c["CertificateArn"] for c in listed if c.get("DomainName") == inputs["domainName"]]


CERTIFICATE = kind(
    "aws:acm/certificate:Certificate",
    inputs={"domainName", "validationMethod", "subjectAlternativeNames", "tags"},
    required=frozenset({"domainName"}),
    # A certificate's names and how it is validated are fixed: a change is a new certificate.
    replace_on={"domainName", "validationMethod", "subjectAlternativeNames"},
    computed=frozenset({"subjectAlternativeNames"}),
    create=create_certificate,
    read=read_certificate,
    update=update_certificate,
    delete=delete_certificate,
    find=find_certificate,
)


def _validated(ctx: Context, inputs: dict[str, Any]) -> Created:
    arn = inputs["certificateArn"]
    certificate = _describe(ctx, arn, inputs)
    if certificate is None:
        raise ProviderError(f"certificate {arn} does not exist")
    if certificate.get("Status") != "ISSUED":
        raise ProviderError(f"certificate {arn} is {certificate.get('Status')}, not ISSUED")
    names = {o["resourceRecordName"].rstrip(".") for o in _options(certificate)}
    stray = sorted(set(inputs.get("validationRecordFqdns") or []) - names)
    if stray:
        # The real provider's check: a record that validates nothing is a mistake.
        raise ProviderError(
            f"{', '.join(stray)} is not a validation record of certificate {arn} "
            f"({', '.join(sorted(names))})"
        )
    return Created(str(iso(certificate.get("IssuedAt")) or arn), dict(inputs))


def create_validation(ctx: Context, logical: str, inputs: dict[str, Any], undo: Undo) -> Created:
    return _validated(ctx, inputs)


def read_validation(ctx: Context, issued: str, state: dict[str, Any]) -> Created | None:
    if not state or _describe(ctx, state["certificateArn"], state) is None:
        return None
    return Created(issued, dict(state))


def delete_validation(ctx: Context, issued: str, state: dict[str, Any]) -> None:
    """A validation is a wait, not an object: nothing to remove."""


CERTIFICATE_VALIDATION = kind(
    "aws:acm/certificateValidation:CertificateValidation",
    inputs={"certificateArn", "validationRecordFqdns"},
    required=frozenset({"certificateArn"}),
    replace_on={"certificateArn", "validationRecordFqdns"},
    create=create_validation,
    read=read_validation,
    delete=delete_validation,
)
