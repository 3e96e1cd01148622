"""A custom domain (auth.example.com) for the hosted UI and the OAuth endpoints.

Cognito serves a custom domain through a CloudFront distribution of its own, so the
certificate must be in us-east-1 whatever region the pool is in. Given a certificate ARN,
the domain uses it and the DNS alias is the owner's to make (the CloudFront target is an
output). Given a Route 53 hosted zone instead, the component creates the certificate in
us-east-1, its DNS validation record, waits for the validation, and points an alias record
at the distribution.
"""

from dataclasses import dataclass

import pulumi
import pulumi_aws as aws

from . import limits
from .tagging import tagged


@dataclass(frozen=True)
class CustomDomain:
    domain: aws.cognito.UserPoolDomain
    cloudfront_target: pulumi.Output[str]


def _certificate(
    name: str,
    domain: str,
    zone_id: pulumi.Input[str],
    tags: dict,
    child: pulumi.ResourceOptions,
) -> pulumi.Output[str]:
    """A certificate for `domain` in us-east-1, validated through DNS in the zone: its ARN
    once ACM has issued it."""
    certificate = aws.acm.Certificate(
        f"{name}-certificate",
        domain_name=domain,
        validation_method="DNS",
        region=limits.CERTIFICATE_REGION,
        **tagged(tags),
        opts=child,
    )
    option = certificate.domain_validation_options[0]
    record = aws.route53.Record(
        f"{name}-certificate-validation",
        zone_id=zone_id,
        name=option.resource_record_name,
        type=option.resource_record_type,
        records=[option.resource_record_value],
        ttl=300,
        # ACM gives a domain the same record every time: a re-created certificate reuses it.
        allow_overwrite=True,
        opts=child,
    )
    validation = aws.acm.CertificateValidation(
        f"{name}-certificate-validated",
        certificate_arn=certificate.arn,
        validation_record_fqdns=[record.fqdn],
        region=limits.CERTIFICATE_REGION,
        opts=child,
    )
    return validation.certificate_arn


def custom_domain(
    name: str,
    settings: dict,
    user_pool_id: pulumi.Input[str],
    child: pulumi.ResourceOptions,
    kept: pulumi.ResourceOptions,
) -> CustomDomain:
    domain_name = settings["custom_domain"]
    zone_id = settings["custom_domain_hosted_zone_id"]
    # The certificate the domain serves is kept with it: deleting it takes the domain down.
    certificate_arn = settings["custom_domain_certificate_arn"] or _certificate(
        name, domain_name, zone_id, settings["tags"], kept
    )
    domain = aws.cognito.UserPoolDomain(
        f"{name}-custom-domain",
        domain=domain_name,
        user_pool_id=user_pool_id,
        certificate_arn=certificate_arn,
        managed_login_version=settings["managed_login_version"],
        opts=kept,
    )
    if zone_id:
        aws.route53.Record(
            f"{name}-custom-domain-alias",
            zone_id=zone_id,
            name=domain_name,
            type="A",
            aliases=[{
                "name": domain.cloudfront_distribution,
                "zone_id": domain.cloudfront_distribution_zone_id,
                "evaluate_target_health": False,
            }],
            # The hosted UI's address: kept on protected stacks like the domain it points at.
            opts=kept,
        )  # fmt: skip
    return CustomDomain(domain, domain.cloudfront_distribution)
