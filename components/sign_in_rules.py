"""Rules for signing in beyond a password: choice-based first factors, passkeys, email and
SMS codes (as a first factor or as MFA), and what each needs of the plan, of email sending
and of SMS sending.

Sources: botocore's cognito-idp model (SignInPolicyType, EmailMfaConfigType: "your user pool
must be in the Essentials tier or higher"), the Cognito developer guide (email MFA and email
one-time passwords need Amazon SES, i.e. a DEVELOPER email configuration; the console keeps
Password always available, and CDK refuses to disable it), pulumi-aws's UserPool (SMS MFA is
on whenever the pool has an SMS configuration and MFA is not OFF).
"""

from . import limits
from .cross_field_rules import reads
from .rules import show


def passwordless(factors) -> list[str]:
    return [f for f in factors if f in limits.PASSWORDLESS_FACTORS]


def _needs_essentials(v, what: str) -> str:
    return f'{what}, which needs {v.key("user_pool_tier")} "ESSENTIALS" or "PLUS", not "LITE"'


def _needs_ses(v, what: str) -> str:
    return (
        f"{what} only through Amazon SES: set {v.key('ses_source_arn')} to a verified SES identity"
    )


def sms_configured(v) -> bool:
    """Whether the pool gets an SMS configuration (and so an SMS role)."""
    return bool(v["mfa_sms"]) or "SMS_OTP" in v["allowed_first_auth_factors"]


@reads("allowed_first_auth_factors")
def password_stays_a_first_factor(v):
    factors = v["allowed_first_auth_factors"]
    if "PASSWORD" not in factors:
        yield (
            f"{v.key('allowed_first_auth_factors')} is {show(factors)}: Cognito keeps PASSWORD "
            "among the first factors (clients without ALLOW_USER_PASSWORD_AUTH and "
            "ALLOW_USER_SRP_AUTH still never ask for one); add it"
        )


@reads("allowed_first_auth_factors", "user_pool_tier")
def passwordless_needs_essentials(v):
    for factor in passwordless(v["allowed_first_auth_factors"]):
        if v["user_pool_tier"] == "LITE":
            yield _needs_essentials(v, f"{v.key('allowed_first_auth_factors')} has {factor}")


@reads("allowed_first_auth_factors", "ses_source_arn")
def email_codes_need_ses(v):
    if "EMAIL_OTP" in v["allowed_first_auth_factors"] and not v["ses_source_arn"]:
        factors = v.key("allowed_first_auth_factors")
        yield _needs_ses(v, f"{factors} has EMAIL_OTP, which Cognito sends")


@reads("mfa_email", "ses_source_arn")
def email_mfa_needs_ses(v):
    if v["mfa_email"] and not v["ses_source_arn"]:
        yield _needs_ses(v, f"{v.key('mfa_email')} is true, but Cognito sends MFA codes by email")


@reads("mfa_email", "user_pool_tier")
def email_mfa_needs_essentials(v):
    if v["mfa_email"] and v["user_pool_tier"] == "LITE":
        yield _needs_essentials(v, f"{v.key('mfa_email')} is true")


@reads("mfa", "mfa_email", "mfa_sms")
def mfa_factors_need_mfa(v):
    if v["mfa"] == "OFF":
        for factor in ("mfa_email", "mfa_sms"):
            if v[factor]:
                yield (
                    f'{v.key(factor)} is true but {v.key("mfa")} is "OFF": set {v.key("mfa")} '
                    'to "OPTIONAL" or "ON", or the factor would never be asked for'
                )


@reads("mfa", "allowed_first_auth_factors")
def passwordless_is_not_with_required_mfa(v):
    # Cognito offers one-time codes as a first factor only where MFA is not required (with
    # MFA ON, choice-based sign-in falls back to the password); passkeys stay, as a user's
    # passkey can satisfy required MFA (WebAuthnMfaSettingsType).
    factors = [f for f in v["allowed_first_auth_factors"] if f in ("EMAIL_OTP", "SMS_OTP")]
    if v["mfa"] == "ON" and factors:
        yield (
            f'{v.key("mfa")} is "ON", so Cognito offers none of {", ".join(factors)} from '
            f'{v.key("allowed_first_auth_factors")}: set {v.key("mfa")} to "OPTIONAL", or '
            "keep PASSWORD alone"
        )


@reads("allowed_first_auth_factors", "auth_flows", "clients")
def passwordless_has_a_client(v):
    """We require ALLOW_USER_AUTH where it is wanted rather than adding it to every client:
    a new way to sign in on a client that never asked for it would be a silent change."""
    factors = passwordless(v["allowed_first_auth_factors"])
    if not factors:
        return
    if not any(
        "ALLOW_USER_AUTH" in given.get("auth_flows", v["auth_flows"])
        for given in v["clients"].values()
    ):
        yield (
            f"{v.key('allowed_first_auth_factors')} has {', '.join(factors)}, but no app "
            f"client allows ALLOW_USER_AUTH (choice-based sign-in), the only flow that "
            f"offers them: add it to {v.key('auth_flows')} or to a client's "
            f"{v.sub('auth_flows')}"
        )


@reads("allowed_first_auth_factors", "passkey_relying_party_id")
def passkeys_have_a_relying_party(v):
    if "WEB_AUTHN" in v["allowed_first_auth_factors"] and not v["passkey_relying_party_id"]:
        yield (
            f"{v.key('allowed_first_auth_factors')} has WEB_AUTHN but "
            f"{v.key('passkey_relying_party_id')} is empty: passkeys are bound to a domain, "
            "your app's or the hosted UI's"
        )


@reads("allowed_first_auth_factors", "passkey_relying_party_id", "passkey_user_verification")
def passkey_settings_need_passkeys(v):
    if "WEB_AUTHN" in v["allowed_first_auth_factors"]:
        return
    for field, unset in (
        ("passkey_relying_party_id", not v["passkey_relying_party_id"]),
        ("passkey_user_verification", v["passkey_user_verification"] == "preferred"),
    ):
        if not unset:
            yield (
                f"{v.key(field)} is set, but {v.key('allowed_first_auth_factors')} has no "
                "WEB_AUTHN: it would have no effect"
            )


@reads("mfa_email", "email_mfa_message")
def email_mfa_message_needs_email_mfa(v):
    if v["email_mfa_message"] and not v["mfa_email"]:
        yield (
            f"{v.key('email_mfa_message')} is set, but {v.key('mfa_email')} is false: it "
            "would have no effect"
        )


_SMS_SETTINGS = ("sms_role_arn", "sms_external_id", "sms_authentication_message")


@reads("mfa_sms", "allowed_first_auth_factors", *_SMS_SETTINGS)
def sms_settings_need_sms(v):
    if sms_configured(v):
        return
    for field in _SMS_SETTINGS:
        if v[field]:
            yield (
                f"{v.key(field)} is set, but neither {v.key('mfa_sms')} nor SMS_OTP in "
                f"{v.key('allowed_first_auth_factors')} sends SMS: it would have no effect"
            )


@reads("mfa", "mfa_sms", "allowed_first_auth_factors")
def sms_configuration_means_sms_mfa(v):
    # pulumi-aws turns SMS MFA on whenever the pool has an SMS configuration and MFA is on.
    if sms_configured(v) and not v["mfa_sms"] and v["mfa"] in ("ON", "OPTIONAL"):
        yield (
            f"{v.key('allowed_first_auth_factors')} has SMS_OTP and {v.key('mfa')} is "
            f"{show(v['mfa'])}, so SMS also becomes an MFA factor: set {v.key('mfa_sms')} to "
            'true to say so, or mfa to "OFF"'
        )
