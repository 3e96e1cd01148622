"""The user pool's arguments: email as the username, the password policy, and the triggers.

`username_attributes` and case sensitivity cannot change after creation (a change
replaces the pool and deletes its users): their defaults (email, case-insensitive) are what
a new pool should have, and the settings exist to describe a pool being adopted.
"""

from collections.abc import Mapping

import pulumi

from .attributes import schema_entries
from .inputs import lift
from .messages import invitation_template, verification_template
from .plan import Plan
from .sign_in import sign_in_args
from .tagging import tagged


def user_pool_args(
    plan: Plan,
    name: str,
    arns: Mapping[str, pulumi.Input[str]],
    sms: Mapping[str, pulumi.Input[str]] | None = None,
) -> dict:
    """`sms`: the pool's SMS configuration (the role Cognito sends SMS with), when it sends SMS."""
    v = plan.settings
    return {
        "name": v["user_pool_name"] or name,
        "username_attributes": list(v["username_attributes"]) or None,
        # A case-sensitive pool is one made without this block (CloudFormation's and the
        # API's default): leaving it out is what matches such a pool when it is adopted.
        "username_configuration": None
        if v["username_case_sensitive"]
        else {"case_sensitive": False},
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
        "admin_create_user_config": {
            "allow_admin_create_user_only": v["admin_create_user_only"],
            "invite_message_template": invitation_template(v),
        },
        "verification_message_template": verification_template(v),
        "device_configuration": lift(
            _devices, v["device_tracking"], v["challenge_required_on_new_device"]
        ),
        "account_recovery_setting": {"recovery_mechanisms": _recovery(v["mfa_email"])},
        "mfa_configuration": v["mfa"],
        "software_token_mfa_configuration": lift(_totp, v["mfa"], v["mfa_totp"]),
        "user_pool_tier": v["user_pool_tier"],
        "user_pool_add_ons": lift(_threat_protection, v["threat_protection"]),
        # An adopted pool holds users this stack did not create: never switch its guard off.
        "deletion_protection": "ACTIVE" if v["protect"] or v["import_user_pool_id"] else "INACTIVE",
        "email_configuration": lift(_email, v["ses_source_arn"], v["email_from"]),
        "lambda_config": lambda_config(plan, arns),
        "schemas": schema_entries(v["custom_attributes"]) or None,
        # Cognito keeps the original address until the new one is verified: the email is
        # the username, and an unverified one taking effect at once would be an address
        # nobody proved they own.
        "user_attribute_update_settings": lift(_verified_changes, v["verify_email_changes"]),
        **sign_in_args(v, sms),
        **tagged(v["tags"]),
    }


def _devices(tracking: str, challenge: bool) -> dict | None:
    # Any DeviceConfiguration field switches remembering on; none leaves it off.
    if tracking == "OFF":
        return None
    return {
        "challenge_required_on_new_device": challenge,
        "device_only_remembered_on_user_prompt": tracking == "USER_OPT_IN",
    }


def _recovery(email_mfa: bool) -> list[dict]:
    # Cognito will not recover an account by the mailbox that also receives its MFA codes:
    # with email MFA, a verified phone number is the second way back.
    mechanisms = [{"name": "verified_email", "priority": 1}]
    if email_mfa:
        mechanisms.append({"name": "verified_phone_number", "priority": 2})
    return mechanisms


def _verified_changes(verify: bool) -> dict | None:
    return {"attributes_require_verification_before_updates": ["email"]} if verify else None


def lambda_config(plan: Plan, arns: Mapping[str, pulumi.Input[str]]) -> dict:
    """Each trigger's lambda_config property set to its function's ARN; a versioned
    trigger's in its block, with its version."""
    config: dict = {}
    for trigger, wiring in plan.triggers.items():
        arn = arns[trigger]
        if wiring.version:
            config[wiring.lambda_config] = {"lambda_arn": arn, "lambda_version": wiring.version}
        else:
            config[wiring.lambda_config] = arn
    if plan.kms_key_arn is not None:
        config["kms_key_id"] = plan.kms_key_arn
    return config


def _totp(mfa: str, totp: bool) -> dict | None:
    return None if mfa == "OFF" else {"enabled": totp}


def _threat_protection(mode: str) -> dict | None:
    return None if mode == "OFF" else {"advanced_security_mode": mode}


def _email(ses_source_arn: str, email_from: str) -> dict:
    # Cognito's own sender is capped at a few dozen emails a day per account: fine for
    # development, not for production, which names an SES identity.
    if not ses_source_arn:
        return {"email_sending_account": "COGNITO_DEFAULT"}
    config = {"email_sending_account": "DEVELOPER", "source_arn": ses_source_arn}
    if email_from:
        config["from_email_address"] = email_from
    return config
