"""An app client's arguments: explicit auth flows, token lifetimes and OAuth settings.

`generate_secret` cannot change after creation (a change replaces the client), and a
browser or mobile app cannot keep a secret, so clients are public unless asked otherwise.
"""

from .inputs import lift


def app_client_args(name: str, client: dict, user_pool_id) -> dict:
    args = {
        "name": name,
        "user_pool_id": user_pool_id,
        "explicit_auth_flows": lift(list, client["auth_flows"]),
        "generate_secret": not client["public"],
        # Sign-in errors must not reveal whether an account exists.
        "prevent_user_existence_errors": "ENABLED",
        "enable_token_revocation": True,
        "access_token_validity": client["access_token_validity_minutes"],
        "id_token_validity": client["id_token_validity_minutes"],
        "refresh_token_validity": client["refresh_token_validity_hours"],
        # Units are explicit: the provider's defaults differ per token.
        "token_validity_units": {
            "access_token": "minutes",
            "id_token": "minutes",
            "refresh_token": "hours",
        },
        "auth_session_validity": client["auth_session_validity_minutes"],
        "supported_identity_providers": list(client["identity_providers"]),
        "refresh_token_rotation": lift(
            _rotation,
            client["refresh_token_rotation"],
            client["refresh_token_grace_period_seconds"],
        ),
    }
    if client["oauth_flows"]:
        args.update(
            allowed_oauth_flows_user_pool_client=True,
            allowed_oauth_flows=list(client["oauth_flows"]),
            allowed_oauth_scopes=list(client["oauth_scopes"]),
            callback_urls=list(client["callback_urls"]),
            logout_urls=list(client["logout_urls"]),
        )
    return args


def _rotation(enabled: bool, grace_seconds: int) -> dict:
    # Written out when off too: a block left out would keep whatever the client had.
    if not enabled:
        return {"feature": "DISABLED"}
    return {"feature": "ENABLED", "retry_grace_period_seconds": grace_seconds}
