"""The frontendConfig output: what a web or mobile app passes to Amplify JS v6.

`Amplify.configure(outputs.frontendConfig)` takes `{"Auth": {"Cognito": ...}}` of the shape
aws-amplify 6's `CognitoUserPoolConfig` declares (@aws-amplify/core,
src/singleton/Auth/types.ts): pool and client ids, how users sign in (their email, phone
number or username, one-time codes and passkeys, and OAuth through the hosted UI with the
identity providers when the app's client uses it), the MFA offered and the password policy,
so the app's own forms check what the pool will check.
"""

from collections.abc import Mapping

import pulumi

from . import limits
from .inputs import lift


def frontend_client(clients: Mapping[str, dict]) -> str | None:
    """The client an app signs users in with: the first public client that uses the hosted
    UI, else the first public client; None when every client has a secret (a browser or
    phone cannot keep one)."""
    public = [name for name, client in clients.items() if client["public"]]
    hosted = [n for n in public if set(clients[n]["oauth_flows"]) & set(limits.USER_OAUTH_FLOWS)]
    return next(iter(hosted or public), None)


# How Amplify names the social providers (its OAuthProvider type); any other provider is
# {"custom": <name>}. Social providers are named after their type (identity_providers.py).
_AMPLIFY_PROVIDERS = {
    "Google": "Google",
    "Facebook": "Facebook",
    "LoginWithAmazon": "Amazon",
    "SignInWithApple": "Apple",
}


def _oauth(client: dict, domain: pulumi.Input[str], providers: Mapping[str, dict]) -> dict:
    oauth = {
        "domain": domain,
        "scopes": list(client["oauth_scopes"]),
        "redirectSignIn": list(client["callback_urls"]),
        "redirectSignOut": list(client["logout_urls"]),
        "responseType": "code" if "code" in client["oauth_flows"] else "token",
    }
    # The buttons an app offers: the providers this client accepts, besides its own users.
    named = [
        _AMPLIFY_PROVIDERS.get(providers[p]["type"], {"custom": p})
        for p in client["identity_providers"]
        if p in providers
    ]
    if named:
        oauth["providers"] = named
    return oauth


def _passwordless(settings: Mapping) -> dict:
    factors = set(settings["allowed_first_auth_factors"])
    passwordless: dict = {
        "emailOtpEnabled": "EMAIL_OTP" in factors,
        "smsOtpEnabled": "SMS_OTP" in factors,
    }
    if "WEB_AUTHN" in factors:
        passwordless["webAuthn"] = {
            "relyingPartyId": settings["passkey_relying_party_id"],
            "userVerification": settings["passkey_user_verification"],
        }
    return passwordless


def frontend_config(
    settings: Mapping,
    clients: Mapping[str, dict],
    user_pool_id: pulumi.Input[str],
    client_ids: Mapping[str, pulumi.Input[str]],
    oauth_domain: pulumi.Input[str] | None,
) -> pulumi.Output[dict]:
    """`oauth_domain`: the host the hosted UI answers on (no scheme, as Amplify wants it),
    or None without a domain."""
    name = frontend_client(clients)
    if name is None:
        return pulumi.Output.from_input({})
    client = clients[name]
    # How users name themselves (usernameAttributes): an email, a phone number, or, with
    # neither, a username of their choosing.
    named_by = set(settings["username_attributes"])
    login_with: dict = {
        "email": "email" in named_by,
        "username": not named_by,
        "phone": "phone_number" in named_by,
    }
    if oauth_domain is not None and set(client["oauth_flows"]) & set(limits.USER_OAUTH_FLOWS):
        login_with["oauth"] = _oauth(client, oauth_domain, settings["identity_providers"])
    cognito = {
        "userPoolId": user_pool_id,
        "userPoolClientId": client_ids[name],
        "loginWith": login_with,
        # How Cognito confirms a sign-up's address: a code, or a link (verificationEmailOption).
        "signUpVerificationMethod": lift(
            lambda option: "link" if option == "CONFIRM_WITH_LINK" else "code",
            settings["verification_email_option"],
        ),
        "userAttributes": {attribute: {"required": True} for attribute in sorted(named_by)},
        "mfa": {
            "status": lift(str.lower, settings["mfa"]),
            "totpEnabled": settings["mfa_totp"],
            "smsEnabled": settings["mfa_sms"],
        },
        "passwordless": _passwordless(settings),
        "passwordFormat": {
            "minLength": settings["password_minimum_length"],
            "requireLowercase": settings["password_require_lowercase"],
            "requireUppercase": settings["password_require_uppercase"],
            "requireNumbers": settings["password_require_numbers"],
            "requireSpecialCharacters": settings["password_require_symbols"],
        },
    }
    # from_input resolves the Outputs nested in the maps.
    return pulumi.Output.from_input({"Auth": {"Cognito": cognito}})
