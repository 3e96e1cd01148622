"""Rules for federation: each identity provider has what its kind needs (identity_providers.py
has the rows), and each client names only providers the pool has.
"""

from . import limits
from .args import CLIENT
from .cross_field_rules import reads
from .identity_providers import PROVIDER_KINDS
from .rules import show
from .settings import filled


@reads("identity_providers")
def provider_is_named_as_cognito_requires(v):
    for name, spec in v["identity_providers"].items():
        kind = PROVIDER_KINDS[spec["type"]]
        if kind.fixed_name and name != kind.fixed_name:
            yield (
                f"{v.nested('identity_providers', name)} has {v.sub('type')} {spec['type']}, "
                f"which Cognito requires to be named {kind.fixed_name!r}: rename the entry"
            )
        elif name in limits.PROVIDER_NAME_RESERVED:
            yield (
                f"{v.nested('identity_providers', name)}: {name} names the pool's own users; "
                "choose another name"
            )


@reads("identity_providers")
def provider_has_what_its_kind_needs(v):
    for name, spec in v["identity_providers"].items():
        kind = PROVIDER_KINDS[spec["type"]]
        at = lambda field, name=name: v.nested("identity_providers", name, field)  # noqa: E731
        a = f"{'an' if spec['type'][0] in 'AEIOU' else 'a'} {spec['type']} provider"
        for field in kind.details:
            if field not in spec:
                yield f"{at(field)} is missing; {a} needs it"
        if kind.one_of and sum(field in spec for field in kind.one_of) != 1:
            yield (
                f"{v.nested('identity_providers', name)} needs exactly one of "
                + " and ".join(v.sub(field) for field in kind.one_of)
            )
        takes = kind.fields | {"type", "attribute_mapping"}
        if kind.scope_separator is not None:
            takes |= {"scopes"}
        for field in spec:
            if field not in takes:
                yield f"{at(field)} is set, but {a} does not take it"


@reads("identity_providers", "custom_attributes")
def provider_maps_to_pool_attributes(v):
    """Cognito refuses a mapping to an attribute the pool does not have."""
    custom = [f"custom:{name}" for name in v["custom_attributes"]]
    for name, spec in v["identity_providers"].items():
        for attribute in spec.get("attribute_mapping") or {}:
            if attribute not in limits.STANDARD_ATTRIBUTES and attribute not in custom:
                yield (
                    f"{v.nested('identity_providers', name, 'attribute_mapping')} maps "
                    f"{show(attribute)}, which is not an attribute of the pool: a standard one "
                    f"(email, name, given_name, ...) or custom:<name> of "
                    f"{v.key('custom_attributes')} ({', '.join(custom) or 'none defined'})"
                )


@reads("identity_providers", "domain_prefix", "custom_domain")
def federation_needs_a_domain(v):
    # Either domain serves /oauth2/idpresponse and /saml2/idpresponse.
    if v["identity_providers"] and not (v["domain_prefix"] or v["custom_domain"]):
        names = ", ".join(v["identity_providers"])
        yield (
            f"{v.key('identity_providers')} has {names}, but {v.key('domain_prefix')} and "
            f"{v.key('custom_domain')} are empty: federated sign-in goes through the pool's "
            "hosted UI domain, where each provider sends its users back "
            "(/oauth2/idpresponse, /saml2/idpresponse)"
        )


@reads("identity_providers", "clients")
def client_providers_are_the_pools(v):
    known = ["COGNITO", *v["identity_providers"]]
    for client, given in v["clients"].items():
        spec = filled(CLIENT, given)
        unknown = [p for p in spec["identity_providers"] if p not in known]
        for provider in unknown:
            yield (
                f"{v.nested('clients', client, 'identity_providers')} has {show(provider)}, "
                f"which is not COGNITO or one of {v.key('identity_providers')} "
                f"({', '.join(known[1:]) or 'none defined'})"
            )
        federated = [p for p in spec["identity_providers"] if p != "COGNITO" and p in known]
        if federated and not spec["oauth_flows"]:
            yield (
                f"{v.nested('clients', client, 'identity_providers')} has "
                f"{', '.join(federated)}, but {v.nested('clients', client, 'oauth_flows')} is "
                "empty: federated sign-in is an OAuth sign-in through the hosted UI"
            )
