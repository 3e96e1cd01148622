"""External identity providers a user pool federates with: one descriptor row per kind.

A row says everything about its kind: Cognito's `ProviderType`, the name Cognito insists on
(the social providers are named after their type), which settings become which
`provider_details` keys (those it needs, those it may take), which of them is a secret,
how its `authorize_scopes` are joined and which scopes and email claim it starts from.
Adding a kind is adding a row; the rules (federation_rules.py) and the resources read the
rows alone.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field

import pulumi
import pulumi_aws as aws

from .settings import camel


@dataclass(frozen=True)
class ProviderKind:
    provider_type: str  # Cognito's ProviderType
    fixed_name: str | None  # the provider name Cognito requires, if any
    details: Mapping[str, str]  # setting field -> provider_details key, each required
    optional: Mapping[str, str] = field(default_factory=dict)  # may be given
    secret: str | None = None  # the field that comes from Pulumi secret config
    one_of: tuple[str, ...] = ()  # exactly one of these fields (SAML's metadata)
    scope_separator: str | None = " "  # None: the kind takes no scopes
    default_scopes: tuple[str, ...] = ()
    email_claim: str = "email"  # what the pool's email is mapped from by default
    defaults: Mapping[str, str] = field(default_factory=dict)  # provider_details it always sets

    @property
    def fields(self) -> frozenset[str]:
        """The provider settings this kind takes (besides type, scopes and attribute mapping)."""
        return frozenset({*self.details, *self.optional, *self.one_of})


_OAUTH = {"client_id": "client_id", "client_secret": "client_secret"}

# Keys and scopes from the CreateIdentityProvider ProviderDetails documentation in botocore's
# cognito-idp model (social `authorize_scopes` must be the values listed there).
PROVIDER_KINDS: dict[str, ProviderKind] = {
    kind.provider_type: kind
    for kind in (
        ProviderKind("Google", "Google", _OAUTH, secret="client_secret",
                     default_scopes=("openid", "email", "profile")),
        ProviderKind("Facebook", "Facebook", _OAUTH, optional={"api_version": "api_version"},
                     secret="client_secret", scope_separator=",",
                     default_scopes=("public_profile", "email")),
        ProviderKind("LoginWithAmazon", "LoginWithAmazon", _OAUTH, secret="client_secret",
                     default_scopes=("profile",)),
        ProviderKind("SignInWithApple", "SignInWithApple",
                     {"client_id": "client_id", "team_id": "team_id", "key_id": "key_id",
                      "private_key": "private_key"},
                     secret="private_key", default_scopes=("email", "name")),
        ProviderKind("OIDC", None, {**_OAUTH, "issuer": "oidc_issuer"},
                     optional={"attributes_request_method": "attributes_request_method"},
                     secret="client_secret", default_scopes=("openid", "email"),
                     defaults={"attributes_request_method": "GET"}),
        ProviderKind("SAML", None, {}, one_of=("metadata_url", "metadata_file"),
                     optional={"metadata_url": "MetadataURL", "metadata_file": "MetadataFile"},
                     scope_separator=None,
                     email_claim="http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress"),
    )
}  # fmt: skip

# The fields that are secret in some kind.
SECRET_FIELDS = frozenset(kind.secret for kind in PROVIDER_KINDS.values() if kind.secret)


def provider_details(spec: Mapping) -> dict[str, pulumi.Input[str]]:
    """The provider_details map of one (validated) provider, its secret a Pulumi secret
    whatever the caller passed: the engine keeps it encrypted in the state."""
    kind = PROVIDER_KINDS[spec["type"]]
    details: dict[str, pulumi.Input[str]] = dict(kind.defaults)
    for setting, key in {**kind.details, **kind.optional}.items():
        if setting in spec:
            value = spec[setting]
            details[key] = pulumi.Output.secret(value) if setting == kind.secret else value
    if kind.scope_separator is not None:
        details["authorize_scopes"] = kind.scope_separator.join(scopes(spec))
    return details


def scopes(spec: Mapping) -> list[str]:
    return list(spec.get("scopes") or PROVIDER_KINDS[spec["type"]].default_scopes)


def attribute_mapping(spec: Mapping) -> dict[str, str]:
    mapping = spec.get("attribute_mapping")
    return dict(mapping) if mapping else {"email": PROVIDER_KINDS[spec["type"]].email_claim}


def identity_provider_args(name: str, spec: Mapping, user_pool_id) -> dict:
    return {
        "user_pool_id": user_pool_id,
        "provider_name": name,
        "provider_type": PROVIDER_KINDS[spec["type"]].provider_type,
        "provider_details": provider_details(spec),
        "attribute_mapping": attribute_mapping(spec),
    }


def create_identity_providers(
    component: str, providers: Mapping[str, Mapping], user_pool_id, opts: pulumi.ResourceOptions
) -> dict[str, aws.cognito.IdentityProvider]:
    return {
        name: aws.cognito.IdentityProvider(
            f"{component}-{name}-idp",
            **identity_provider_args(name, spec, user_pool_id),
            # What the provider answers for the map holds the secret too.
            opts=pulumi.ResourceOptions.merge(
                opts, pulumi.ResourceOptions(additional_secret_outputs=["providerDetails"])
            ),
        )
        for name, spec in providers.items()
    }


def secrets_in_clear(providers, key: str) -> list[str]:
    """A sentence for each client secret or private key written in clear in the stack file.
    `providers` is the key's value as the stack file holds it (an encrypted leaf is
    {"secure": ...}): Pulumi marks the whole key secret once one leaf is, so whether each
    secret field is encrypted can be told only there."""
    if not isinstance(providers, Mapping):
        return []
    return [
        f"{key}.{name}.{camel(field)} is in clear in the stack file: set it with "
        f"`pulumi config set --secret --path '{key}.{name}.{camel(field)}' <value>`, "
        "which keeps it encrypted there and in the state"
        for name, spec in providers.items()
        if isinstance(spec, Mapping)
        for field in sorted(SECRET_FIELDS)
        # An encrypted leaf is {"secure": ...}; another type than a string is refused as such.
        if isinstance(spec.get(camel(field)), str)
    ]
