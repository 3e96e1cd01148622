"""An app client's arguments: explicit auth flows, token lifetimes and OAuth settings.

`generate_secret` cannot change after creation (a change replaces the client), and a
browser or mobile app cannot keep a secret, so clients are public unless asked otherwise.
"""


def app_client_args(name: str, spec: dict, user_pool_id) -> dict:
    args = {
        "name": name,
        "user_pool_id": user_pool_id,
        "explicit_auth_flows": list(spec["auth_flows"]),
        "generate_secret": not spec["public"],
        # Sign-in errors must not reveal whether an account exists.
        "prevent_user_existence_errors": "ENABLED",
        "enable_token_revocation": True,
        "access_token_validity": spec["access_token_validity_minutes"],
        "id_token_validity": spec["id_token_validity_minutes"],
        "refresh_token_validity": spec["refresh_token_validity_hours"],
        # Units are explicit: the provider's defaults differ per token.
        "token_validity_units": {
            "access_token": "minutes",
            "id_token": "minutes",
            "refresh_token": "hours",
        },
        "auth_session_validity": spec["auth_session_validity_minutes"],
        "supported_identity_providers": ["COGNITO"],
    }
    if spec["oauth_flows"]:
        args.update(
            allowed_oauth_flows_user_pool_client=True,
            allowed_oauth_flows=list(spec["oauth_flows"]),
            allowed_oauth_scopes=list(spec["oauth_scopes"]),
            callback_urls=list(spec["callback_urls"]),
            logout_urls=list(spec["logout_urls"]),
        )
    return args
