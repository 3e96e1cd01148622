"""The user pool's arguments for signing in beyond a password: the first factors of
choice-based sign-in, passkeys, email MFA, and SMS (its configuration and messages)."""

from collections.abc import Mapping

import pulumi

from .inputs import lift


def or_none(value: str) -> str | None:
    return value or None


def _email_mfa(message: str) -> dict:
    # Left out, Cognito sends its own default message.
    return {"message": message} if message else {}


def sign_in_args(v: Mapping, sms: Mapping[str, pulumi.Input[str]] | None) -> dict:
    factors = list(v["allowed_first_auth_factors"])
    args = {"sms_authentication_message": lift(or_none, v["sms_authentication_message"])}
    # Written out even for PASSWORD alone, so that dropping a factor takes it away; but not
    # on an adopted pool that asks nothing more, which may have been made without a policy
    # and must match what it is imported from.
    if factors != ["PASSWORD"] or not v["import_user_pool_id"]:
        args["sign_in_policy"] = {"allowed_first_auth_factors": factors}
    if "WEB_AUTHN" in factors:
        args["web_authn_configuration"] = {
            "relying_party_id": v["passkey_relying_party_id"],
            "user_verification": v["passkey_user_verification"],
        }
    if v["mfa_email"]:
        args["email_mfa_configuration"] = lift(_email_mfa, v["email_mfa_message"])
    if sms is not None:
        args["sms_configuration"] = dict(sms)
    return args
