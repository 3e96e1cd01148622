"""The app client's arguments: a public client (no secret) with explicit auth flows.

`generate_secret` cannot change after creation, and a browser or mobile app cannot keep
a secret, so it is always false here.
"""


def app_client_args(v: dict, user_pool_id) -> dict:
    return {
        # Client names are scoped to their pool, so a fixed name cannot collide.
        "name": "app-client",
        "user_pool_id": user_pool_id,
        "explicit_auth_flows": list(v["auth_flows"]),
        "generate_secret": False,
        # Sign-in errors must not reveal whether an account exists.
        "prevent_user_existence_errors": "ENABLED",
        "enable_token_revocation": True,
        "access_token_validity": v["access_token_validity_minutes"],
        "id_token_validity": v["id_token_validity_minutes"],
        "refresh_token_validity": v["refresh_token_validity_hours"],
        # Units are explicit: the provider's defaults differ per token.
        "token_validity_units": {
            "access_token": "minutes",
            "id_token": "minutes",
            "refresh_token": "hours",
        },
        "auth_session_validity": v["auth_session_validity_minutes"],
    }
