"""The component's inputs: one TypedDict, every field documented, plus its defaults.

Field names are snake_case; the program's config keys are the same names in camelCase
(`password_minimum_length` ↔ `cognito-auth:passwordMinimumLength`), so one table serves
the Python API, the stack files and the error messages.
"""

from collections.abc import Mapping, Sequence
from typing import NotRequired, TypedDict

import pulumi


class TriggerArgs(TypedDict):
    """One Cognito trigger: a handler from this package or the project, or an existing function."""

    handler: NotRequired[str]
    """Handler module: a name shipped in the package's functions/ (pre_sign_up, post_confirmation, pre_token_generation) or a path to a .py file in the project (e.g. "functions/custom_message.py"), whose `handler` function runs. Packaged and deployed with the component's role, log group and limits. Defaults to the shipped handler of that trigger, if there is one."""

    function_arn: NotRequired[pulumi.Input[str]]
    """ARN of an existing Lambda function to use instead; it still gets its invoke permission. Excludes handler and the function settings below."""

    timeout_seconds: NotRequired[int]
    """This trigger's function timeout, 1-5 s. Defaults to trigger_timeout_seconds."""

    memory_mb: NotRequired[int]
    """This trigger's function memory, 128-10240 MB. Defaults to trigger_memory_mb."""

    architecture: NotRequired[str]
    """This trigger's function architecture, arm64 or x86_64. Defaults to trigger_architecture."""

    environment: NotRequired[Mapping[str, str]]
    """Extra environment variables for this trigger's function."""

    lambda_version: NotRequired[str]
    """Event version Cognito sends: V1_0, V2_0 or V3_0 for PreTokenGeneration (default V2_0; V2_0 and V3_0 need the ESSENTIALS or PLUS plan); V1_0 for the custom senders."""

    enabled: NotRequired[bool]
    """false removes a trigger the component would otherwise add (PreSignUp). Default true."""


class ClientArgs(TypedDict):
    """One app client. Settings not given here come from the component's token and flow settings."""

    public: NotRequired[bool]
    """A public client (a browser or mobile app) has no secret; a server-side client gets one, exported as a Pulumi secret. Changing it replaces the client. Default true."""

    auth_flows: NotRequired[Sequence[str]]
    """Explicit auth flows. Defaults to the component's auth_flows."""

    access_token_validity_minutes: NotRequired[int]
    """Access token lifetime, 5-1440 minutes."""

    id_token_validity_minutes: NotRequired[int]
    """ID token lifetime, 5-1440 minutes."""

    refresh_token_validity_hours: NotRequired[int]
    """Refresh token lifetime, 1-87600 hours."""

    oauth_flows: NotRequired[Sequence[str]]
    """OAuth 2.0 grants for the hosted UI: code, implicit (public clients) or client_credentials (clients with a secret). Empty = no OAuth."""

    oauth_scopes: NotRequired[Sequence[str]]
    """OAuth scopes, e.g. openid, email, profile."""

    callback_urls: NotRequired[Sequence[str]]
    """Where the hosted UI may send users after sign-in: https URLs, or http://localhost."""

    logout_urls: NotRequired[Sequence[str]]
    """Where the hosted UI may send users after sign-out."""


class GroupArgs(TypedDict):
    """A user group."""

    description: NotRequired[str]
    """What the group is for (up to 2048 characters)."""

    precedence: NotRequired[int]
    """Lower wins when a user is in several groups with roles, 0 or more."""

    role_arn: NotRequired[pulumi.Input[str]]
    """IAM role that members of the group assume through an identity pool."""


class CustomAttributeArgs(TypedDict):
    """A custom attribute, readable as custom:<name>. Cognito can add one but never change or remove it."""

    type: str
    """String, Number, DateTime or Boolean."""

    mutable: NotRequired[bool]
    """Whether the value may change after sign-up. Default true."""

    min_length: NotRequired[int]
    """String attributes: minimum length, 0-2048. Default 0."""

    max_length: NotRequired[int]
    """String attributes: maximum length, 0-2048. Default 2048."""

    min_value: NotRequired[int]
    """Number attributes: minimum value."""

    max_value: NotRequired[int]
    """Number attributes: maximum value."""


class CognitoAuthArgs(TypedDict):
    user_pool_name: NotRequired[pulumi.Input[str]]
    """Name of the user pool (1-128 characters of letters, digits, spaces and +=,.@-). Changing it replaces the pool and deletes its users. Defaults to the component's name."""

    password_minimum_length: NotRequired[pulumi.Input[int]]
    """Minimum password length, 6-99. Default 8."""

    password_require_lowercase: NotRequired[pulumi.Input[bool]]
    """Passwords need a lowercase letter. Default true."""

    password_require_uppercase: NotRequired[pulumi.Input[bool]]
    """Passwords need an uppercase letter. Default true."""

    password_require_numbers: NotRequired[pulumi.Input[bool]]
    """Passwords need a digit. Default true."""

    password_require_symbols: NotRequired[pulumi.Input[bool]]
    """Passwords need a symbol. Default true."""

    temporary_password_validity_days: NotRequired[pulumi.Input[int]]
    """Days an administrator-set temporary password stays valid, 1-365. Default 7."""

    password_history_size: NotRequired[pulumi.Input[int]]
    """How many previous passwords a user may not reuse, 0-24 (0 = off). Needs the ESSENTIALS or PLUS plan. Default 0."""

    mfa: NotRequired[pulumi.Input[str]]
    """Multi-factor authentication: OFF, OPTIONAL or ON. OPTIONAL and ON need mfa_totp. Default OFF."""

    mfa_totp: NotRequired[pulumi.Input[bool]]
    """Offer authenticator-app (TOTP) codes as an MFA factor. Default false."""

    user_pool_tier: NotRequired[pulumi.Input[str]]
    """Feature plan: LITE, ESSENTIALS or PLUS. Default ESSENTIALS."""

    threat_protection: NotRequired[pulumi.Input[str]]
    """Threat protection (advanced security) mode: OFF, AUDIT or ENFORCED. Anything but OFF needs the PLUS plan. Default OFF."""

    protect: NotRequired[bool]
    """Production guard: deletion protection ACTIVE on the pool, and Pulumi protect and retain-on-delete on it, so neither a destroy nor a replacement can delete the users. A plain value, since it decides resource options before anything is deployed. Default false."""

    ses_source_arn: NotRequired[pulumi.Input[str]]
    """ARN of a verified SES identity to send email from, instead of Cognito's capped default sender. Empty = Cognito default."""

    email_from: NotRequired[pulumi.Input[str]]
    """From address for email sent through SES, e.g. "Example <no-reply@example.com>". Needs ses_source_arn."""

    auto_confirm_users: NotRequired[pulumi.Input[bool]]
    """The PreSignUp trigger confirms new users at once, with no verification code. Default true."""

    auto_verify_email: NotRequired[pulumi.Input[bool]]
    """The PreSignUp trigger marks the email address as verified. Leave off unless the address is trusted. Default false."""

    allowed_email_domains: NotRequired[pulumi.Input[Sequence[str]]]
    """Email domains allowed to sign up (exact match, lowercase). Empty = anyone. Default empty."""

    trigger_timeout_seconds: NotRequired[pulumi.Input[int]]
    """Timeout of the trigger functions, 1-5 seconds (Cognito waits 5 s at most). Default 3."""

    trigger_memory_mb: NotRequired[pulumi.Input[int]]
    """Memory of the trigger functions, 128-10240 MB. Default 128."""

    trigger_architecture: NotRequired[pulumi.Input[str]]
    """CPU architecture of the trigger functions: arm64 or x86_64. Default arm64."""

    log_retention_days: NotRequired[pulumi.Input[int]]
    """Retention of the trigger functions' log groups, one of CloudWatch's values (1, 3, 5, 7, 14, 30, ...). Default 30."""

    auth_flows: NotRequired[pulumi.Input[Sequence[str]]]
    """The app client's explicit auth flows. Default ALLOW_USER_PASSWORD_AUTH, ALLOW_USER_SRP_AUTH, ALLOW_REFRESH_TOKEN_AUTH."""

    access_token_validity_minutes: NotRequired[pulumi.Input[int]]
    """Access token lifetime, 5-1440 minutes. Default 60."""

    id_token_validity_minutes: NotRequired[pulumi.Input[int]]
    """ID token lifetime, 5-1440 minutes. Default 60."""

    refresh_token_validity_hours: NotRequired[pulumi.Input[int]]
    """Refresh token lifetime, 1-87600 hours, not shorter than the access and ID tokens. Default 720 (30 days)."""

    auth_session_validity_minutes: NotRequired[pulumi.Input[int]]
    """How long a sign-in session token lasts between challenges, 3-15 minutes. Default 3."""

    triggers: NotRequired[Mapping[str, TriggerArgs]]
    """Cognito triggers by name (PreSignUp, PostConfirmation, PreTokenGeneration, CustomMessage, ...), merged over the default {"PreSignUp": {}}."""

    kms_key_arn: NotRequired[pulumi.Input[str]]
    """KMS key Cognito encrypts codes with for the CustomEmailSender and CustomSMSSender triggers; required by them."""

    default_group: NotRequired[str]
    """Group the PostConfirmation trigger adds every confirmed user to; one of groups. Empty = none."""

    token_claims: NotRequired[Mapping[str, str]]
    """Claims the PreTokenGeneration trigger adds to ID (and, from V2_0, access) tokens."""

    clients: NotRequired[Mapping[str, ClientArgs]]
    """App clients by name. Default: one public client, "app"."""

    domain_prefix: NotRequired[pulumi.Input[str]]
    """Hosted UI domain prefix: <prefix>.auth.<region>.amazoncognito.com (1-63 lowercase letters, digits and hyphens; not containing aws, amazon or cognito). Empty = no hosted UI."""

    groups: NotRequired[Mapping[str, GroupArgs]]
    """User groups by name."""

    custom_attributes: NotRequired[Mapping[str, CustomAttributeArgs]]
    """Custom attributes by name. Cognito can add attributes but never change or remove one: a changed or removed entry fails the update, and can never replace a protected pool."""


DEFAULT_AUTH_FLOWS = ("ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH")

# Every optional field's default; user_pool_name defaults to the component's name.
DEFAULTS: dict = {
    "password_minimum_length": 8,
    "password_require_lowercase": True,
    "password_require_uppercase": True,
    "password_require_numbers": True,
    "password_require_symbols": True,
    "temporary_password_validity_days": 7,
    "password_history_size": 0,
    "mfa": "OFF",
    "mfa_totp": False,
    "user_pool_tier": "ESSENTIALS",
    "threat_protection": "OFF",
    "protect": False,
    "ses_source_arn": "",
    "email_from": "",
    "auto_confirm_users": True,
    "auto_verify_email": False,
    "allowed_email_domains": [],
    "trigger_timeout_seconds": 3,
    "trigger_memory_mb": 128,
    "trigger_architecture": "arm64",
    "log_retention_days": 30,
    "auth_flows": list(DEFAULT_AUTH_FLOWS),
    "access_token_validity_minutes": 60,
    "id_token_validity_minutes": 60,
    "refresh_token_validity_hours": 720,
    "auth_session_validity_minutes": 3,
    "triggers": {},
    "kms_key_arn": "",
    "default_group": "",
    "token_claims": {},
    "clients": {"app": {}},
    "domain_prefix": "",
    "groups": {},
    "custom_attributes": {},
}

# Fields of the nested records, with their defaults where the record has its own.
TRIGGER_FIELDS = tuple(TriggerArgs.__annotations__)
CLIENT_FIELDS = tuple(ClientArgs.__annotations__)
GROUP_FIELDS = tuple(GroupArgs.__annotations__)
ATTRIBUTE_FIELDS = tuple(CustomAttributeArgs.__annotations__)


def with_defaults(args: CognitoAuthArgs, name: str) -> dict:
    """The args with every missing field filled in."""
    return {"user_pool_name": name, **DEFAULTS, **args}
