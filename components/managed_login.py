"""Managed-login branding: the style of one app client's sign-in pages on managedLoginVersion 2.

A domain on version 2 shows an app client no pages until the client has a style, and the
API, unlike the console, assigns none: each client that uses the hosted UI gets one here,
Cognito's default (`cognito`) or the settings of a JSON file of the project, as the
console's branding editor exports them.
"""

import json
from collections.abc import Mapping
from pathlib import Path

import pulumi
import pulumi_aws as aws

from . import limits
from .handlers import project_root
from .rules import allowing

_ALLOWED = (
    f"empty, {limits.BRANDING_DEFAULT} (Cognito's default style), or the path of a .json file "
    "in the project holding a JSON object of branding settings"
)


def settings_file(value: str) -> Path:
    return (project_root() / value).resolve()


@allowing(_ALLOWED)
def branding_rule(value):
    if not isinstance(value, str):
        return _ALLOWED
    if value in ("", limits.BRANDING_DEFAULT):
        return None
    if not value.endswith(".json"):
        return _ALLOWED
    root, path = project_root(), settings_file(value)
    # Only the project's own files, as for handlers: a path out of it reads anything.
    if not path.is_relative_to(root):
        return f"{_ALLOWED}; {value} is outside the project directory {root}"
    if not path.is_file():
        return f"{_ALLOWED}; there is no file {value}"
    try:
        settings = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        return f"{_ALLOWED}; {value} is not JSON ({error})"
    return None if isinstance(settings, dict) else f"{_ALLOWED}; {value} holds no JSON object"


def branding(
    name: str,
    client: str,
    style: str,
    user_pool_id: pulumi.Input[str],
    client_id: pulumi.Input[str],
    opts: pulumi.ResourceOptions,
) -> aws.cognito.ManagedLoginBranding:
    if style == limits.BRANDING_DEFAULT:
        chosen = {"use_cognito_provided_values": True}
    else:
        # Compact and key-sorted, so the same file never shows as a change.
        settings = json.loads(settings_file(style).read_text(encoding="utf-8"))
        chosen = {"settings": json.dumps(settings, sort_keys=True, separators=(",", ":"))}
    return aws.cognito.ManagedLoginBranding(
        f"{name}-{client}-branding",
        user_pool_id=user_pool_id,
        client_id=client_id,
        **chosen,
        opts=opts,
    )


def brandings(
    name: str,
    clients: Mapping[str, dict],
    user_pool_id: pulumi.Input[str],
    built: Mapping[str, aws.cognito.UserPoolClient],
    opts: pulumi.ResourceOptions,
) -> dict[str, aws.cognito.ManagedLoginBranding]:
    """A style for each planned client that asks for one, on the client built for it."""
    return {
        client: branding(
            name, client, spec["managed_login_branding"], user_pool_id, built[client].id, opts
        )
        for client, spec in clients.items()
        if spec["managed_login_branding"]
    }
