"""App clients: existence errors hidden and token revocation on (mandatory), no secret on a
public client (mandatory), password sign-in on production only when the stack allows it
(advisory).

Which clients are public: a client is public when its Cognito `name` is in the
`publicClients` list of the CognitoAuth component it belongs to (its nearest
`cognito-auth:index:CognitoAuth` ancestor). That list is read from the component as the
stack view shows it, which is the component's registered outputs, so the component must
return `publicClients` from `register_outputs` (a `public_clients` key is read too). A
client outside any CognitoAuth is public when the policy config `publicClientNames` lists
its name. A component without the list marks nothing public.

Password sign-in on production: "the stack says so explicitly" is the policy config
`allowPasswordAuth: true` in the `--policy-pack-config` file that stack is previewed with.
"""

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from .common import (
    ADVISORY,
    APP_CLIENT,
    COMPONENT,
    MANDATORY,
    PRODUCTION_STACKS_SCHEMA,
    Resource,
    is_production,
    is_unknown,
    messages,
    resource_policy,
    stack_name,
    stack_policy,
)

PASSWORD_FLOWS = ("ALLOW_USER_PASSWORD_AUTH", "USER_PASSWORD_AUTH")


def check_client_hardening(client: Resource, config: Mapping[str, Any]) -> list[str]:
    if client.type != APP_CLIENT:
        return []
    found = []
    # Unset means LEGACY in Cognito's API, which reveals whether an account exists.
    existence = client.props.get("preventUserExistenceErrors")
    if not is_unknown(existence) and existence != "ENABLED":
        found.append(
            f"App client '{client.name}' lets sign-in errors reveal whether an account "
            "exists: set prevent_user_existence_errors to ENABLED."
        )
    # Unset means on: Cognito turns token revocation on for new clients.
    if client.props.get("enableTokenRevocation") is False:
        found.append(
            f"App client '{client.name}' has token revocation off: set "
            "enable_token_revocation to true so that revoked refresh tokens stop working."
        )
    return found


def _component_of(resource: Resource, by_urn: Mapping[str, Resource]) -> Resource | None:
    """The nearest CognitoAuth ancestor, following parent links."""
    seen = set()
    parent = resource.parent
    while parent and parent not in seen:
        seen.add(parent)
        ancestor = by_urn.get(parent)
        if ancestor is None:
            return None
        if ancestor.type == COMPONENT:
            return ancestor
        parent = ancestor.parent
    return None


def _public_names(component: Resource) -> Sequence[str] | None:
    listed = component.props.get("publicClients", component.props.get("public_clients"))
    if is_unknown(listed):
        return None
    return [n for n in listed if isinstance(n, str)] if isinstance(listed, list) else []


def public_client_violations(
    resources: Sequence[Resource], config: Mapping[str, Any]
) -> Iterator[tuple[Resource, str]]:
    by_urn = {r.urn: r for r in resources if r.urn}
    configured = [n for n in config.get("publicClientNames") or [] if isinstance(n, str)]
    for client in resources:
        if client.type != APP_CLIENT:
            continue
        cognito_name = client.props.get("name")
        if not isinstance(cognito_name, str):
            continue
        component = _component_of(client, by_urn)
        public_names = configured if component is None else _public_names(component)
        if public_names is None or cognito_name not in public_names:
            continue
        if client.props.get("generateSecret") is True:
            yield (
                client,
                f"App client '{client.name}' (Cognito name '{cognito_name}') is marked "
                "public but has a client secret: set generate_secret to false, since a "
                "browser or mobile app cannot keep a secret.",
            )


def check_public_clients(resources: Sequence[Resource], config: Mapping[str, Any]) -> list[str]:
    return messages(public_client_violations(resources, config))


def check_password_auth(client: Resource, config: Mapping[str, Any]) -> list[str]:
    if client.type != APP_CLIENT or not is_production(config):
        return []
    if config.get("allowPasswordAuth") is True:
        return []
    flows = client.props.get("explicitAuthFlows")
    if not isinstance(flows, list):
        return []  # unset: Cognito's defaults do not include password sign-in
    stack = stack_name(config)
    return [
        f"App client '{client.name}' on production stack '{stack}' allows {flow}, which "
        "sends the password itself to Cognito: use ALLOW_USER_SRP_AUTH instead, or set "
        f"allowPasswordAuth: true in the policy config of stack '{stack}'."
        for flow in PASSWORD_FLOWS
        if flow in flows
    ]


CLIENT_HARDENING = resource_policy(
    name="cognito-app-client-hardening",
    description="App clients hide whether an account exists and keep token revocation on.",
    level=MANDATORY,
    types=[APP_CLIENT],
    check=check_client_hardening,
)

PUBLIC_CLIENT_NO_SECRET = stack_policy(
    name="cognito-public-client-no-secret",
    description="App clients marked public have no client secret.",
    level=MANDATORY,
    violations=public_client_violations,
    config_schema={
        "publicClientNames": {
            "type": "array",
            "items": {"type": "string"},
            "default": [],
            "description": "Cognito names of public clients that no CognitoAuth component made.",
        }
    },
)

PRODUCTION_PASSWORD_AUTH = resource_policy(
    name="cognito-production-password-auth",
    description="App clients on production stacks allow USER_PASSWORD_AUTH only when the "
    "stack's policy config says allowPasswordAuth: true.",
    level=ADVISORY,
    types=[APP_CLIENT],
    check=check_password_auth,
    config_schema={
        **PRODUCTION_STACKS_SCHEMA,
        "allowPasswordAuth": {
            "type": "boolean",
            "default": False,
            "description": "This stack accepts ALLOW_USER_PASSWORD_AUTH on its app clients.",
        },
    },
)

POLICIES = [CLIENT_HARDENING, PUBLIC_CLIENT_NO_SECRET, PRODUCTION_PASSWORD_AUTH]
