"""Resource servers: the APIs a pool issues OAuth scopes for, `<identifier>/<scope>`.

A machine-to-machine client (client_credentials) is granted only such scopes, and Cognito
refuses a client whose scopes name a resource server that does not exist yet, so each
client depends on the resource servers it names.
"""

import re
from collections.abc import Mapping, Sequence

import pulumi
import pulumi_aws as aws

from . import limits
from .rules import allowing, show, strings_to_strings

_DESCRIPTION_LOW, _DESCRIPTION_HIGH = limits.RESOURCE_SERVER_SCOPE_DESCRIPTION_LENGTH


@allowing(
    f"a map of at most {limits.MAX_RESOURCE_SERVER_SCOPES} scope names (printable characters "
    "without spaces, quotes, / or \\) to descriptions of "
    f"{_DESCRIPTION_LOW} to {_DESCRIPTION_HIGH} characters"
)
def scope_map(value):
    if not strings_to_strings(value):
        return "a map of scope names to descriptions"
    if len(value) > limits.MAX_RESOURCE_SERVER_SCOPES:
        return f"a map of at most {limits.MAX_RESOURCE_SERVER_SCOPES} scopes"
    for name, description in value.items():
        if not re.fullmatch(limits.RESOURCE_SERVER_SCOPE_NAME_PATTERN, name):
            return f"{scope_map.allowed}; the name {show(name)} is not"
        if not _DESCRIPTION_LOW <= len(description) <= _DESCRIPTION_HIGH:
            return f"{scope_map.allowed}; the description of {show(name)} is not"
    return None


def defined_scopes(resource_servers: Mapping[str, Mapping]) -> dict[str, str]:
    """Every `<identifier>/<scope>` the resource servers define, by the server's name."""
    return {
        f"{server['identifier']}/{scope}": name
        for name, server in resource_servers.items()
        for scope in server.get("scopes", {})
    }


def servers_named_by(scopes: Sequence[str], resource_servers: Mapping[str, Mapping]) -> list[str]:
    """The resource servers whose scopes a client names, in declaration order."""
    defined = defined_scopes(resource_servers)
    named = {defined[scope] for scope in scopes if scope in defined}
    return [name for name in resource_servers if name in named]


def resource_server(
    name: str, server: str, spec: Mapping, user_pool_id: pulumi.Input[str], opts
) -> aws.cognito.ResourceServer:
    return aws.cognito.ResourceServer(
        f"{name}-{server}-resource-server",
        name=server,
        identifier=spec["identifier"],
        user_pool_id=user_pool_id,
        scopes=[
            {"scope_name": scope, "scope_description": description}
            for scope, description in spec.get("scopes", {}).items()
        ],
        opts=opts,
    )
