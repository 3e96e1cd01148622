"""The user pool's arguments: email as the username, and the password policy.

`username_attributes` and case sensitivity cannot change after creation (a change
replaces the pool and deletes its users), so they are fixed here, not settings.
"""

from .attributes import schema_entries


def user_pool_args(v: dict, lambda_config: dict) -> dict:
    args = {
        "name": v["user_pool_name"],
        "username_attributes": ["email"],
        "username_configuration": {"case_sensitive": False},
        "auto_verified_attributes": ["email"],
        "password_policy": {
            "minimum_length": v["password_minimum_length"],
            "require_lowercase": v["password_require_lowercase"],
            "require_uppercase": v["password_require_uppercase"],
            "require_numbers": v["password_require_numbers"],
            "require_symbols": v["password_require_symbols"],
            "temporary_password_validity_days": v["temporary_password_validity_days"],
            "password_history_size": v["password_history_size"],
        },
        "account_recovery_setting": {
            "recovery_mechanisms": [{"name": "verified_email", "priority": 1}],
        },
        "mfa_configuration": v["mfa"],
        "user_pool_tier": v["user_pool_tier"],
        "deletion_protection": "ACTIVE" if v["protect"] else "INACTIVE",
        "email_configuration": _email_configuration(v),
        "lambda_config": lambda_config,
    }
    if v["mfa"] != "OFF":
        args["software_token_mfa_configuration"] = {"enabled": v["mfa_totp"]}
    if v["custom_attributes"]:
        args["schemas"] = schema_entries(v["custom_attributes"])
    if v["threat_protection"] != "OFF":
        args["user_pool_add_ons"] = {"advanced_security_mode": v["threat_protection"]}
    return args


def _email_configuration(v: dict) -> dict:
    # Cognito's own sender is capped at a few dozen emails a day per account: fine for
    # development, not for production, which names an SES identity.
    if not v["ses_source_arn"]:
        return {"email_sending_account": "COGNITO_DEFAULT"}
    config = {"email_sending_account": "DEVELOPER", "source_arn": v["ses_source_arn"]}
    if v["email_from"]:
        config["from_email_address"] = v["email_from"]
    return config
