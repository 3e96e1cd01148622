"""The component's inputs, each declared once: its type, its `Setting` (default, rule and
range) and its description, the attribute docstring (see settings.py).

Descriptions name other settings by their camelCase key, as the schema, the stack config
and the README do. Defaults, rules, plain fields, config keys, `Pulumi.yaml`'s `config:`
block and the README's tables all come from here (`make docs` writes the files).
"""

from collections.abc import Mapping, Sequence
from typing import Annotated, Any, NotRequired, TypedDict

import pulumi

from . import limits
from .handlers import handler_rule
from .managed_login import branding_rule
from .messages import (
    EMAIL_CODE_MESSAGE,
    EMAIL_LINK_MESSAGE,
    EMAIL_SUBJECT,
    INVITATION_EMAIL,
    INVITATION_SMS,
    SMS_CODE_MESSAGE,
)
from .policy_statements import ACTIONS, RESOURCES, SID, conditions
from .resource_servers import scope_map
from .rules import (
    boolean,
    certificate_arn_rule,
    domain_prefix,
    environment_map,
    group_name,
    int_range,
    mapping_of,
    matching,
    name_rule,
    nonblank,
    one_of,
    or_empty,
    single_url,
    string_list,
    string_map,
    text,
    url,
)
from .settings import Setting, declare
from .tagging import tag_map
from .triggers import TRIGGERS, VERSIONS

# The rules the declarations below use, each with its range from limits.
_TIMEOUT = int_range(limits.TRIGGER_TIMEOUT_SECONDS)
_MEMORY = int_range(limits.LAMBDA_MEMORY_MB)
_ARCHITECTURE = one_of(limits.LAMBDA_ARCHITECTURES)
_AUTH_FLOWS = string_list(
    one_of(limits.AUTH_FLOWS + limits.LEGACY_AUTH_FLOWS), "auth flows", allow_empty=False
)
_ACCESS = int_range(limits.ACCESS_TOKEN_VALIDITY_MINUTES)
_ID = int_range(limits.ID_TOKEN_VALIDITY_MINUTES)
_REFRESH = int_range(limits.REFRESH_TOKEN_VALIDITY_HOURS)
_OAUTH_FLOWS = string_list(one_of(limits.OAUTH_FLOWS), "OAuth flows")
_SCOPES = string_list(
    matching(limits.SCOPE_PATTERN, "1 to 256 printable characters without spaces, quotes or \\"),
    "scopes",
    most=50,
)
_URLS = string_list(url, "URLs", most=limits.MAX_URLS)
_LAMBDA_ARN = matching(limits.LAMBDA_ARN_PATTERN, "a Lambda function ARN")
_ROLE_ARN = matching(limits.IAM_ROLE_ARN_PATTERN, "an IAM role ARN")
_LENGTH = int_range(limits.STRING_ATTRIBUTE_LENGTH)
_INT64 = int_range((-(2**63), 2**63 - 1))
_SES_IDENTITY = matching(
    limits.SES_IDENTITY_ARN_PATTERN,
    "empty or an SES identity ARN (arn:aws:ses:<region>:<account>:identity/<identity>)",
    allow_empty=True,
)
_FROM_ADDRESS = matching(
    r"(.*<)?" + limits.EMAIL_PATTERN + r">?",
    'empty or an email address, optionally as "Name <address>"',
    allow_empty=True,
)
_DOMAINS = string_list(
    matching(
        rf"(\*\.)?{limits.DOMAIN_PATTERN}",
        "a lowercase domain name such as example.com, or *.example.com for its subdomains",
    ),
    "domains",
)
_KMS_KEY = matching(limits.KMS_KEY_ARN_PATTERN, "empty or a KMS key ARN", allow_empty=True)
_ATTRIBUTE_LOW, _ATTRIBUTE_HIGH = limits.ATTRIBUTE_NAME_LENGTH
_ATTRIBUTE_NAME = matching(
    rf"[^\s:]{{{_ATTRIBUTE_LOW},{_ATTRIBUTE_HIGH}}}",
    f"{_ATTRIBUTE_LOW} to {_ATTRIBUTE_HIGH} characters without spaces or ':' (custom: is added)",
)

_SNS_TOPIC = matching(limits.SNS_TOPIC_ARN_PATTERN, "empty or an SNS topic ARN", allow_empty=True)
# Sign-in beyond passwords: federation, passkeys, one-time codes, email and SMS MFA.
_FIRST_FACTORS = string_list(
    one_of(limits.FIRST_AUTH_FACTORS), "sign-in factors", allow_empty=False
)
_RP_LOW, _RP_HIGH = limits.RELYING_PARTY_ID_LENGTH
_RELYING_PARTY = matching(
    rf"(?=.{{{_RP_LOW},{_RP_HIGH}}}$){limits.DOMAIN_PATTERN}",
    f"empty, or a lowercase domain name of at most {_RP_HIGH} characters, such as auth.example.com",
    allow_empty=True,
)
_EXT_LOW, _EXT_HIGH = limits.EXTERNAL_ID_LENGTH
_EXTERNAL_ID = matching(
    rf"[\w+=,.@:/-]{{{_EXT_LOW},{_EXT_HIGH}}}",
    f"empty, or {_EXT_LOW} to {_EXT_HIGH} letters, digits and + = , . @ : / -",
    allow_empty=True,
)
_PROVIDER_DETAIL = nonblank(limits.PROVIDER_DETAIL_MAX)
_PROVIDER_NAME = matching(
    limits.PROVIDER_NAME_PATTERN,
    "3 to 32 characters without spaces, and no _ first or after the second character",
)
_PROVIDER_NAMES = string_list(
    matching(
        limits.PROVIDER_NAME_PATTERN + "|COGNITO",
        "COGNITO (the pool's own users) or the name of one of identityProviders",
    ),
    "identity providers",
    allow_empty=False,
)
_ATTRIBUTE_MAPPING = mapping_of(limits.ATTRIBUTE_MAPPING_KEY_LENGTH, "pool attributes")
_GRACE = int_range(limits.REFRESH_TOKEN_GRACE_SECONDS)
_USERNAME_ATTRIBUTES = string_list(one_of(limits.USERNAME_ATTRIBUTES), "username attributes")
_POOL_ID = or_empty(
    matching(
        rf"(?=.{{{limits.USER_POOL_ID_LENGTH[0]},{limits.USER_POOL_ID_LENGTH[1]}}}$)"
        + limits.USER_POOL_ID_PATTERN,
        "a user pool id such as us-east-1_AbC123xyz",
    )
)
_CLIENT_ID = or_empty(
    matching(limits.CLIENT_ID_PATTERN, "an app client id (letters, digits, _ and +)")
)
# Machine-to-machine and the custom domain (see resource_servers.py, custom_domain.py).
_RESOURCE_SERVER_IDENTIFIER = matching(
    limits.RESOURCE_SERVER_IDENTIFIER_PATTERN,
    "1 to 256 printable characters without spaces, quotes or \\, e.g. https://api.example.com",
)
_CUSTOM_DOMAIN = matching(
    limits.CUSTOM_DOMAIN_PATTERN,
    "empty, or a lowercase fully qualified domain name such as auth.example.com",
    allow_empty=True,
)
_HOSTED_ZONE = matching(
    limits.HOSTED_ZONE_ID_PATTERN, "empty or a Route 53 hosted zone id (Z...)", allow_empty=True
)

DEFAULT_AUTH_FLOWS = ("ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH")


class TriggerArgs(TypedDict):
    """One Cognito trigger: a handler from this package or the project, or an existing function."""

    handler: NotRequired[Annotated[str, Setting(handler_rule)]]
    """Handler module: one shipped with the package, or the path of a .py file relative to the project directory, whose handler function runs. Packaged and deployed with the component's role, log group and limits. Left out: the trigger's shipped handler, if it has one."""

    function_arn: NotRequired[Annotated[pulumi.Input[str], Setting(_LAMBDA_ARN)]]
    """ARN of an existing Lambda function to use instead; it still gets its invoke permission. Excludes handler and the function settings."""

    timeout_seconds: NotRequired[
        Annotated[int, Setting(_TIMEOUT, inherits="trigger_timeout_seconds")]
    ]
    """Timeout of this trigger's function."""

    memory_mb: NotRequired[Annotated[int, Setting(_MEMORY, inherits="trigger_memory_mb")]]
    """Memory of this trigger's function, in MB."""

    architecture: NotRequired[
        Annotated[str, Setting(_ARCHITECTURE, inherits="trigger_architecture")]
    ]
    """CPU architecture of this trigger's function."""

    environment: NotRequired[Annotated[Mapping[str, str], Setting(environment_map, default={})]]
    """Extra environment variables of this trigger's function. The variables a shipped handler takes its settings from are not among them: set those settings."""

    lambda_version: NotRequired[Annotated[str, Setting(one_of(VERSIONS))]]
    """Event version Cognito sends: PreTokenGeneration takes V1_0, V2_0 (its default) or V3_0, the last two on the ESSENTIALS or PLUS plan; the custom senders take V1_0."""

    enabled: NotRequired[Annotated[bool, Setting(boolean, default=True)]]
    """false removes the trigger, even one the component would otherwise add, such as PreSignUp; the entry's other settings are then unused, so it can be switched back on as it was."""


class ClientArgs(TypedDict):
    """One app client. Settings not given here come from the component's top-level ones."""

    enabled: NotRequired[Annotated[bool, Setting(boolean, default=True)]]
    """false removes the client, even one the component would otherwise keep: app, which stays unless removed so; the entry's other settings are then unused, so it can be switched back on as it was."""

    public: NotRequired[Annotated[bool, Setting(boolean, default=True)]]
    """A public client (a browser or mobile app) has no secret; a server-side client gets one, exported as a Pulumi secret. Changing it replaces the client."""

    auth_flows: NotRequired[Annotated[Sequence[str], Setting(_AUTH_FLOWS, inherits="auth_flows")]]
    """Explicit auth flows of this client."""

    access_token_validity_minutes: NotRequired[
        Annotated[int, Setting(_ACCESS, inherits="access_token_validity_minutes")]
    ]
    """Access token lifetime of this client, in minutes."""

    id_token_validity_minutes: NotRequired[
        Annotated[int, Setting(_ID, inherits="id_token_validity_minutes")]
    ]
    """ID token lifetime of this client, in minutes."""

    refresh_token_validity_hours: NotRequired[
        Annotated[int, Setting(_REFRESH, inherits="refresh_token_validity_hours")]
    ]
    """Refresh token lifetime of this client, in hours; not shorter than its access and ID tokens."""

    oauth_flows: NotRequired[
        Annotated[
            Sequence[str],
            Setting(_OAUTH_FLOWS, default=[]),
        ]
    ]
    """OAuth 2.0 grants: code or implicit for users signing in through the hosted UI, or client_credentials alone for a machine (a confidential client, public false, with scopes of resourceServers; it signs no user in). Empty: no OAuth."""

    oauth_scopes: NotRequired[Annotated[Sequence[str], Setting(_SCOPES, default=[])]]
    """OAuth scopes: standard ones (openid, email, phone, profile, aws.cognito.signin.user.admin) or <identifier>/<scope> of one of resourceServers."""

    callback_urls: NotRequired[Annotated[Sequence[str], Setting(_URLS, default=[])]]
    """Where the hosted UI may send users after sign-in."""

    logout_urls: NotRequired[Annotated[Sequence[str], Setting(_URLS, default=[])]]
    """Where the hosted UI may send users after sign-out."""

    refresh_token_rotation: NotRequired[
        Annotated[bool, Setting(boolean, inherits="refresh_token_rotation")]
    ]
    """Refresh-token rotation for this client."""

    refresh_token_grace_period_seconds: NotRequired[
        Annotated[int, Setting(_GRACE, inherits="refresh_token_grace_period_seconds")]
    ]
    """Seconds a rotated-out refresh token of this client stays valid, for retries."""

    import_id: NotRequired[Annotated[str, Setting(_CLIENT_ID, default="")]]
    """Id of an existing app client of the pool importUserPoolId adopts, to adopt as this client (its id, and the apps that hold it, stay). Empty: a new client."""

    managed_login_branding: NotRequired[Annotated[str, Setting(branding_rule, default="")]]
    """Managed-login branding style of this client (needs managedLoginVersion 2): cognito for Cognito's default style, or the path of a .json file in the project holding the style's settings, as the branding editor exports them. Empty: none."""

    identity_providers: NotRequired[
        Annotated[Sequence[str], Setting(_PROVIDER_NAMES, default=["COGNITO"])]
    ]
    """Who may sign in through this client: COGNITO (the pool's own users) and the names of identityProviders entries. Federated sign-in goes through the hosted UI, so a provider needs oauthFlows."""


class ResourceServerArgs(TypedDict):
    """An OAuth 2.0 resource server (an API) and the scopes app clients may be granted on it, as <identifier>/<scope>."""

    identifier: Annotated[str, Setting(_RESOURCE_SERVER_IDENTIFIER)]
    """Identifier of the API, e.g. https://api.example.com; its scopes are <identifier>/<scope>. Changing it replaces the resource server, and every client naming its scopes must change too."""

    scopes: NotRequired[Annotated[Mapping[str, str], Setting(scope_map, default={})]]
    """Scopes by name, each with its description, e.g. read: Read orders."""


class IdentityProviderArgs(TypedDict):
    """An external identity provider users may sign in with: its kind decides which of these fields it needs (see the README's federation section)."""

    type: Annotated[str, Setting(one_of(limits.PROVIDER_TYPES))]
    """Kind of provider. Google, Facebook, LoginWithAmazon and SignInWithApple must be named after their type."""

    client_id: NotRequired[Annotated[pulumi.Input[str], Setting(_PROVIDER_DETAIL)]]
    """The app's id at the provider (every kind but SAML)."""

    client_secret: NotRequired[Annotated[pulumi.Input[str], Setting(_PROVIDER_DETAIL)]]
    """The app's secret at the provider (Google, Facebook, LoginWithAmazon, OIDC). Set it with pulumi config set --secret --path; it is kept a Pulumi secret."""

    team_id: NotRequired[Annotated[pulumi.Input[str], Setting(_PROVIDER_DETAIL)]]
    """SignInWithApple: the Apple developer team id."""

    key_id: NotRequired[Annotated[pulumi.Input[str], Setting(_PROVIDER_DETAIL)]]
    """SignInWithApple: the id of the private key."""

    private_key: NotRequired[Annotated[pulumi.Input[str], Setting(_PROVIDER_DETAIL)]]
    """SignInWithApple: the private key. Set it with pulumi config set --secret --path; it is kept a Pulumi secret."""

    issuer: NotRequired[Annotated[str, Setting(single_url)]]
    """OIDC: the issuer URL, whose /.well-known/openid-configuration names the endpoints."""

    attributes_request_method: NotRequired[Annotated[str, Setting(one_of(("GET", "POST")))]]
    """OIDC: how Cognito calls the provider's userinfo endpoint (GET when left out)."""

    api_version: NotRequired[
        Annotated[str, Setting(matching(r"v\d{1,3}\.\d{1,3}", "a Graph API version such as v17.0"))]
    ]
    """Facebook: the Graph API version."""

    metadata_url: NotRequired[Annotated[str, Setting(single_url)]]
    """SAML: the URL of the provider's metadata document (or give metadataFile)."""

    metadata_file: NotRequired[Annotated[str, Setting(_PROVIDER_DETAIL)]]
    """SAML: the provider's metadata document itself (or give metadataUrl)."""

    scopes: NotRequired[Annotated[Sequence[str], Setting(_SCOPES)]]
    """Scopes asked of the provider (not SAML). Left out: openid email profile for Google, public_profile email for Facebook, profile for LoginWithAmazon, email name for SignInWithApple, openid email for OIDC."""

    attribute_mapping: NotRequired[Annotated[Mapping[str, str], Setting(_ATTRIBUTE_MAPPING)]]
    """Pool attributes by the provider claim (or SAML attribute) each is taken from. Left out: email from the provider's email."""


class GroupArgs(TypedDict):
    """A user group."""

    description: NotRequired[Annotated[str, Setting(text(limits.DESCRIPTION_MAX))]]
    """What the group is for."""

    precedence: NotRequired[Annotated[int, Setting(int_range(limits.GROUP_PRECEDENCE))]]
    """Lower wins when a user is in several groups with roles."""

    role_arn: NotRequired[Annotated[pulumi.Input[str], Setting(_ROLE_ARN)]]
    """IAM role that members of the group assume through an identity pool."""


class CustomAttributeArgs(TypedDict):
    """A custom attribute, readable as custom:<name>. Cognito can add one but never change or remove it."""

    type: Annotated[str, Setting(one_of(limits.ATTRIBUTE_TYPES))]
    """Data type of the attribute."""

    mutable: NotRequired[Annotated[bool, Setting(boolean, default=True)]]
    """Whether the value may change after sign-up."""

    min_length: NotRequired[Annotated[int, Setting(_LENGTH)]]
    """String attributes: minimum length (left out: the least Cognito allows)."""

    max_length: NotRequired[Annotated[int, Setting(_LENGTH)]]
    """String attributes: maximum length (left out: the most Cognito allows)."""

    min_value: NotRequired[Annotated[int, Setting(_INT64)]]
    """Number attributes: minimum value."""

    max_value: NotRequired[Annotated[int, Setting(_INT64)]]
    """Number attributes: maximum value."""


class StatementArgs(TypedDict):
    """One IAM policy statement of an identity pool role; its name in the map is its Sid."""

    effect: Annotated[str, Setting(one_of(limits.STATEMENT_EFFECTS))]
    """Allow or Deny."""

    actions: Annotated[Sequence[str], Setting(ACTIONS)]
    """IAM actions, e.g. s3:GetObject. A whole service (s3:*) on every resource is refused: every user of the role would hold it."""

    resources: Annotated[pulumi.Input[Sequence[str]], Setting(RESOURCES)]
    """ARNs the actions apply to; ${cognito-identity.amazonaws.com:sub} in an ARN keeps each user to their own."""

    conditions: NotRequired[Annotated[Mapping[str, Mapping[str, Any]], Setting(conditions)]]
    """IAM conditions, operator to key to value(s), e.g. {StringLike: {s3:prefix: ...}}."""


class CognitoAuthArgs(TypedDict):
    user_pool_name: NotRequired[Annotated[pulumi.Input[str], Setting(or_empty(name_rule), "")]]
    """Name of the user pool. Empty: the component's name, which the cognito-auth program makes <project>-<stack>. Changing it replaces the pool and deletes its users."""

    password_minimum_length: NotRequired[
        Annotated[pulumi.Input[int], Setting(int_range(limits.PASSWORD_MIN_LENGTH), 8)]
    ]
    """Minimum length of a password."""

    password_require_lowercase: NotRequired[Annotated[pulumi.Input[bool], Setting(boolean, True)]]
    """Passwords need a lowercase letter."""

    password_require_uppercase: NotRequired[Annotated[pulumi.Input[bool], Setting(boolean, True)]]
    """Passwords need an uppercase letter."""

    password_require_numbers: NotRequired[Annotated[pulumi.Input[bool], Setting(boolean, True)]]
    """Passwords need a digit."""

    password_require_symbols: NotRequired[Annotated[pulumi.Input[bool], Setting(boolean, True)]]
    """Passwords need a symbol."""

    temporary_password_validity_days: NotRequired[
        Annotated[pulumi.Input[int], Setting(int_range(limits.TEMPORARY_PASSWORD_VALIDITY_DAYS), 7)]
    ]
    """Days an administrator-set temporary password stays valid. AWS would silently turn 0 into 7, so 0 is refused."""

    password_history_size: NotRequired[
        Annotated[pulumi.Input[int], Setting(int_range(limits.PASSWORD_HISTORY_SIZE), 0)]
    ]
    """How many previous passwords a user may not reuse; 0 turns the check off. More needs the ESSENTIALS or PLUS plan (userPoolTier)."""

    mfa: NotRequired[
        Annotated[pulumi.Input[str], Setting(one_of(limits.MFA_CONFIGURATIONS), "OFF")]
    ]
    """Multi-factor authentication. OPTIONAL and ON need a factor: mfaTotp, mfaEmail or mfaSms."""

    mfa_totp: NotRequired[Annotated[pulumi.Input[bool], Setting(boolean, False)]]
    """Offer authenticator-app (TOTP) codes as an MFA factor."""

    user_pool_tier: NotRequired[
        Annotated[pulumi.Input[str], Setting(one_of(limits.USER_POOL_TIERS), "ESSENTIALS")]
    ]
    """Feature plan of the pool."""

    threat_protection: NotRequired[
        Annotated[pulumi.Input[str], Setting(one_of(limits.THREAT_PROTECTION_MODES), "OFF")]
    ]
    """Threat protection (advanced security) mode. Anything but OFF needs the PLUS plan (userPoolTier)."""

    protect: NotRequired[Annotated[bool, Setting(boolean, False)]]
    """Production guard: deletion protection ACTIVE on the pool, and Pulumi protect and retain-on-delete on it, so neither a destroy nor a replacement can delete the users."""

    ses_source_arn: NotRequired[Annotated[pulumi.Input[str], Setting(_SES_IDENTITY, "")]]
    """ARN of a verified SES identity to send email from. Empty: Cognito's own sender, capped at a few dozen emails a day."""

    email_from: NotRequired[Annotated[pulumi.Input[str], Setting(_FROM_ADDRESS, "")]]
    """From address of email sent through SES, e.g. Example <no-reply@example.com>. Needs sesSourceArn."""

    admin_create_user_only: NotRequired[Annotated[pulumi.Input[bool], Setting(boolean, False)]]
    """Only administrators create users: self-service sign-up is refused. The PreSignUp trigger still runs for the users an administrator creates."""

    auto_confirm_users: NotRequired[Annotated[pulumi.Input[bool], Setting(boolean, True)]]
    """The PreSignUp trigger confirms new users at once, with no verification code."""

    auto_verify_email: NotRequired[Annotated[pulumi.Input[bool], Setting(boolean, False)]]
    """The PreSignUp trigger marks the email address as verified. Leave off unless the address is trusted."""

    allowed_email_domains: NotRequired[
        Annotated[pulumi.Input[Sequence[str]], Setting(_DOMAINS, [])]
    ]
    """Email domains allowed to sign up and to sign in, matched exactly (a subdomain is another domain, unless listed as *.example.com). The PreSignUp trigger refuses other sign-ups; the PreTokenGeneration trigger, which this adds, refuses tokens to an address outside the list however it got there. Empty: anyone."""

    verify_email_changes: NotRequired[Annotated[pulumi.Input[bool], Setting(boolean, True)]]
    """A changed email address takes effect only once its owner verifies it (Cognito keeps the original until then); without it, the new address, which is also the username, takes effect at once, unverified."""

    trigger_timeout_seconds: NotRequired[Annotated[pulumi.Input[int], Setting(_TIMEOUT, 3)]]
    """Timeout of the trigger functions. Cognito waits 5 seconds at most, so a longer one would only hide a failing trigger."""

    trigger_memory_mb: NotRequired[Annotated[pulumi.Input[int], Setting(_MEMORY, 128)]]
    """Memory of the trigger functions, in MB."""

    trigger_architecture: NotRequired[Annotated[pulumi.Input[str], Setting(_ARCHITECTURE, "arm64")]]
    """CPU architecture of the trigger functions."""

    log_retention_days: NotRequired[
        Annotated[pulumi.Input[int], Setting(one_of(limits.LOG_RETENTION_DAYS), 30)]
    ]
    """Days the trigger functions' log groups, and the pool's (userNotificationLogs), keep their logs."""

    auth_flows: NotRequired[
        Annotated[pulumi.Input[Sequence[str]], Setting(_AUTH_FLOWS, list(DEFAULT_AUTH_FLOWS))]
    ]
    """Explicit auth flows of the app clients that set none: ALLOW_* values, or legacy values alone."""

    access_token_validity_minutes: NotRequired[Annotated[pulumi.Input[int], Setting(_ACCESS, 60)]]
    """Access token lifetime of the app clients that set none, in minutes."""

    id_token_validity_minutes: NotRequired[Annotated[pulumi.Input[int], Setting(_ID, 60)]]
    """ID token lifetime of the app clients that set none, in minutes."""

    refresh_token_validity_hours: NotRequired[Annotated[pulumi.Input[int], Setting(_REFRESH, 720)]]
    """Refresh token lifetime of the app clients that set none, in hours; not shorter than the access and ID tokens."""

    auth_session_validity_minutes: NotRequired[
        Annotated[pulumi.Input[int], Setting(int_range(limits.AUTH_SESSION_VALIDITY_MINUTES), 3)]
    ]
    """How long a sign-in session lasts between challenges, in minutes, on every app client."""

    triggers: NotRequired[
        Annotated[Mapping[str, TriggerArgs], Setting(entries=one_of(tuple(TRIGGERS)), default={})]
    ]
    """Cognito triggers by name, merged over those the component adds itself: PreSignUp always, PostConfirmation with defaultGroup, PreTokenGeneration with tokenClaims or allowedEmailDomains."""

    kms_key_arn: NotRequired[Annotated[pulumi.Input[str], Setting(_KMS_KEY, "")]]
    """KMS key Cognito encrypts codes with for the CustomEmailSender and CustomSMSSender triggers, which need it."""

    default_group: NotRequired[Annotated[str, Setting(or_empty(group_name), "")]]
    """Group every confirmed user joins, one of groups; adds the PostConfirmation trigger. Empty: none."""

    token_claims: NotRequired[Annotated[Mapping[str, str], Setting(string_map, {})]]
    """Claims the PreTokenGeneration trigger adds to ID tokens (and, from event version V2_0, to access tokens); adds that trigger. Claims Cognito sets itself are refused."""

    clients: NotRequired[
        Annotated[
            Mapping[str, ClientArgs],
            Setting(entries=name_rule, default={"app": {}}, merges=True),
        ]
    ]
    """App clients by name, merged over the default app client, which stays unless clients.app.enabled is false: removing a client breaks every app and token that uses its id. Settings a client leaves out come from the top-level ones."""

    domain_prefix: NotRequired[Annotated[str, Setting(domain_prefix, "")]]
    """Hosted UI domain prefix: <prefix>.auth.<region>.amazoncognito.com. Empty: no hosted UI."""

    resource_servers: NotRequired[
        Annotated[Mapping[str, ResourceServerArgs], Setting(entries=name_rule, default={})]
    ]
    """OAuth 2.0 resource servers (APIs) by name, with their scopes, for clients' oauthScopes and machine-to-machine (client_credentials) clients."""

    custom_domain: NotRequired[Annotated[str, Setting(_CUSTOM_DOMAIN, "")]]
    """Custom domain of the hosted UI and OAuth endpoints, e.g. auth.example.com, served by CloudFront; needs customDomainCertificateArn or customDomainHostedZoneId. Changing it replaces the domain. Empty: none."""

    custom_domain_certificate_arn: NotRequired[
        Annotated[pulumi.Input[str], Setting(certificate_arn_rule, "")]
    ]
    """ARN of an issued ACM certificate in us-east-1 (the only region CloudFront takes) covering customDomain. Empty: created and validated through DNS in customDomainHostedZoneId."""

    custom_domain_hosted_zone_id: NotRequired[
        Annotated[pulumi.Input[str], Setting(_HOSTED_ZONE, "")]
    ]
    """Route 53 hosted zone of customDomain: the component creates the certificate in us-east-1, its DNS validation record, and the alias record pointing customDomain at Cognito's CloudFront distribution. Empty: customDomainCertificateArn is given, and the alias record is yours to make."""

    managed_login_version: NotRequired[
        Annotated[int, Setting(one_of(limits.MANAGED_LOGIN_VERSIONS), 1)]
    ]
    """Sign-in pages of the domains: 1 the classic hosted UI, 2 managed login (the ESSENTIALS or PLUS plan, and a managedLoginBranding on each client that uses it)."""

    groups: NotRequired[Annotated[Mapping[str, GroupArgs], Setting(entries=group_name, default={})]]
    """User groups by name; a member gets its group in the cognito:groups claim of its tokens."""

    custom_attributes: NotRequired[
        Annotated[Mapping[str, CustomAttributeArgs], Setting(entries=_ATTRIBUTE_NAME, default={})]
    ]
    """Custom attributes by name. Cognito can add an attribute but never change or remove one: a changed or removed entry fails the update, and can never replace a protected pool."""

    identity_pool: NotRequired[Annotated[bool, Setting(boolean, False)]]
    """Create a Cognito identity pool federated with this pool and its app clients, so that signed-in users get temporary AWS credentials of the authenticated role (authenticatedStatements), or of their group's role (groups.<name>.roleArn, chosen from the token)."""

    authenticated_statements: NotRequired[
        Annotated[Mapping[str, StatementArgs], Setting(entries=SID, default={})]
    ]
    """IAM statements of the identity pool's authenticated role, by Sid: what every signed-in user may do with its credentials. Empty: nothing."""

    allow_unauthenticated: NotRequired[Annotated[bool, Setting(boolean, False)]]
    """The identity pool also gives credentials to visitors who have not signed in, of an unauthenticated role (unauthenticatedStatements)."""

    unauthenticated_statements: NotRequired[
        Annotated[Mapping[str, StatementArgs], Setting(entries=SID, default={})]
    ]
    """IAM statements of the unauthenticated role, by Sid: what anyone on the internet may do. Needs allowUnauthenticated."""

    trigger_alarms: NotRequired[Annotated[bool, Setting(boolean, True)]]
    """CloudWatch alarms on each trigger function the component builds: any Errors, any Throttles, and a p99 Duration above 80 % of the lower of its timeout and Cognito's 5 s. An existing function (functionArn) gets none."""

    alarm_topic_arn: NotRequired[Annotated[pulumi.Input[str], Setting(_SNS_TOPIC, "")]]
    """SNS topic (in the stack's region) the trigger alarms notify when they go off and when they recover. Empty: none; the alarms still show in CloudWatch."""
    allowed_first_auth_factors: NotRequired[
        Annotated[Sequence[str], Setting(_FIRST_FACTORS, ["PASSWORD"])]
    ]
    """How users may start signing in (choice-based sign-in, on clients with ALLOW_USER_AUTH): PASSWORD, which Cognito keeps, plus EMAIL_OTP, SMS_OTP and WEB_AUTHN (passkeys), each on the ESSENTIALS or PLUS plan. EMAIL_OTP needs sesSourceArn, SMS_OTP an SMS configuration, WEB_AUTHN passkeyRelyingPartyId."""

    passkey_relying_party_id: NotRequired[Annotated[pulumi.Input[str], Setting(_RELYING_PARTY, "")]]
    """Passkeys (WEB_AUTHN): the relying-party domain passkeys are bound to: your app's domain, or the hosted UI's (a custom domain when the pool has one)."""

    passkey_user_verification: NotRequired[
        Annotated[pulumi.Input[str], Setting(one_of(limits.PASSKEY_USER_VERIFICATION), "preferred")]
    ]
    """Passkeys (WEB_AUTHN): whether the authenticator must verify the user (a PIN or biometric): required or preferred."""

    mfa_email: NotRequired[Annotated[bool, Setting(boolean, False)]]
    """Offer email codes as an MFA factor (needs mfa ON or OPTIONAL, the ESSENTIALS or PLUS plan and sesSourceArn). Cognito will not recover an account by the same mailbox, so a verified phone number becomes the second recovery method."""

    email_mfa_message: NotRequired[Annotated[pulumi.Input[str], Setting(EMAIL_CODE_MESSAGE, "")]]
    """Body of the email MFA message, holding {####} where the code goes (Cognito also uses it for EMAIL_OTP codes once mfaEmail sets it). Empty: Cognito's default."""

    mfa_sms: NotRequired[Annotated[bool, Setting(boolean, False)]]
    """Offer SMS codes as an MFA factor (needs mfa ON or OPTIONAL). The component creates the role Cognito sends SMS with through SNS, unless smsRoleArn names one."""

    sms_role_arn: NotRequired[Annotated[pulumi.Input[str], Setting(or_empty(_ROLE_ARN), "")]]
    """An existing IAM role Cognito assumes to send SMS (mfaSms, SMS_OTP). Empty: the component creates one that only Cognito, for this account and smsExternalId, may assume, and that may only publish SMS."""

    sms_external_id: NotRequired[Annotated[pulumi.Input[str], Setting(_EXTERNAL_ID, "")]]
    """External id Cognito passes when it assumes the SMS role. Empty: one derived from the project, stack and component names (with smsRoleArn: none)."""

    sms_authentication_message: NotRequired[
        Annotated[pulumi.Input[str], Setting(SMS_CODE_MESSAGE, "")]
    ]
    """SMS sent with an MFA or SMS_OTP code, holding {####} where the code goes. Empty: Cognito's default."""

    identity_providers: NotRequired[
        Annotated[Mapping[str, IdentityProviderArgs], Setting(entries=_PROVIDER_NAME, default={})]
    ]
    """External identity providers by name (the name clients.<name>.identityProviders uses). Federation goes through the hosted UI, so it needs domainPrefix."""
    # --- Hardening and messages -------------------------------------------------------------

    device_tracking: NotRequired[
        Annotated[pulumi.Input[str], Setting(one_of(limits.DEVICE_TRACKING), "OFF")]
    ]
    """Remembered devices: OFF, ALWAYS (every device a user confirms is remembered) or USER_OPT_IN (only those the user chooses to remember)."""

    challenge_required_on_new_device: NotRequired[
        Annotated[pulumi.Input[bool], Setting(boolean, False)]
    ]
    """A remembered device may sign in with device authentication instead of an MFA code; a device not yet remembered still gives its second factor. Needs deviceTracking and mfa."""

    verification_email_option: NotRequired[
        Annotated[
            pulumi.Input[str], Setting(one_of(limits.DEFAULT_EMAIL_OPTIONS), "CONFIRM_WITH_CODE")
        ]
    ]
    """How a sign-up's verification email confirms the address: with a code, or with a link to the hosted UI domain (domainPrefix). Emails for a changed address or a forgotten password always use the code template."""

    verification_email_subject: NotRequired[
        Annotated[pulumi.Input[str], Setting(EMAIL_SUBJECT, "")]
    ]
    """Subject of the verification email sent with a code. Empty: Cognito's. Needs sesSourceArn."""

    verification_email_message: NotRequired[
        Annotated[pulumi.Input[str], Setting(EMAIL_CODE_MESSAGE, "")]
    ]
    """Verification email sent with a code; Cognito puts the code where {####} is. Empty: Cognito's. Needs sesSourceArn."""

    verification_email_subject_by_link: NotRequired[
        Annotated[pulumi.Input[str], Setting(EMAIL_SUBJECT, "")]
    ]
    """Subject of the verification email sent with a link. Empty: Cognito's. Needs sesSourceArn."""

    verification_email_message_by_link: NotRequired[
        Annotated[pulumi.Input[str], Setting(EMAIL_LINK_MESSAGE, "")]
    ]
    """Verification email sent with a link; {##Verify Email##} becomes a link whose text is what the braces hold. Empty: Cognito's. Needs sesSourceArn."""

    verification_sms_message: NotRequired[
        Annotated[pulumi.Input[str], Setting(SMS_CODE_MESSAGE, "")]
    ]
    """Verification text message; Cognito puts the code where {####} is. Empty: Cognito's."""

    invitation_email_subject: NotRequired[Annotated[pulumi.Input[str], Setting(EMAIL_SUBJECT, "")]]
    """Subject of the invitation an administrator-created user receives. Empty: Cognito's. Needs sesSourceArn."""

    invitation_email_message: NotRequired[
        Annotated[pulumi.Input[str], Setting(INVITATION_EMAIL, "")]
    ]
    """Invitation email of an administrator-created user: {username} becomes the username, {####} the temporary password. Empty: Cognito's. Needs sesSourceArn."""

    invitation_sms_message: NotRequired[Annotated[pulumi.Input[str], Setting(INVITATION_SMS, "")]]
    """Invitation text message: {username} becomes the username, {####} the temporary password. Empty: Cognito's."""

    refresh_token_rotation: NotRequired[Annotated[pulumi.Input[bool], Setting(boolean, False)]]
    """Refresh-token rotation on the app clients that set none: each refresh (GetTokensFromRefreshToken) returns a new refresh token and retires the one used. Such a client may not allow ALLOW_REFRESH_TOKEN_AUTH."""

    refresh_token_grace_period_seconds: NotRequired[
        Annotated[pulumi.Input[int], Setting(_GRACE, 0)]
    ]
    """Seconds a rotated-out refresh token stays valid, for a client's retries, on the app clients that set none; 0 retires it at once. Needs refreshTokenRotation."""

    tags: NotRequired[Annotated[Mapping[str, str], Setting(tag_map, {})]]
    """Tags on every resource the component creates that AWS can tag: the pool, the functions, their roles and log groups, and the pool's log group."""

    user_notification_logs: NotRequired[Annotated[bool, Setting(boolean, False)]]
    """Deliver the pool's user-notification error logs (email and SMS that failed to send) to a log group the component creates, kept logRetentionDays."""

    user_activity_logs: NotRequired[Annotated[bool, Setting(boolean, False)]]
    """Deliver the pool's user-activity logs (threat protection's sign-in events, INFO level) to the same log group. Needs userPoolTier PLUS and threatProtection."""

    # --- Adopting an existing pool ------------------------------------------------------------

    import_user_pool_id: NotRequired[Annotated[str, Setting(_POOL_ID, "")]]
    """Id of an existing user pool to adopt with Pulumi's import instead of creating one: its users stay. userPoolName, usernameAttributes, usernameCaseSensitive and customAttributes must describe it as it is (checked before anything changes); the adopted pool is protected. Empty: a new pool."""

    username_attributes: NotRequired[
        Annotated[Sequence[str], Setting(_USERNAME_ATTRIBUTES, ["email"])]
    ]
    """What users sign in with besides a username: email, phone_number, or neither ([]: the username is any string, as in a pool made without UsernameAttributes). Changing it replaces the pool and deletes its users."""

    username_case_sensitive: NotRequired[Annotated[bool, Setting(boolean, False)]]
    """Usernames are case-sensitive: true describes a pool made without UsernameConfiguration (CloudFormation's default), and leaves it out. Changing it replaces the pool and deletes its users."""


# Everything below is derived from the declarations above.
SETTINGS = declare(CognitoAuthArgs)
TRIGGER, CLIENT, GROUP, ATTRIBUTE = (
    SETTINGS[name].record for name in ("triggers", "clients", "groups", "custom_attributes")
)
STATEMENT = SETTINGS["authenticated_statements"].record
RESOURCE_SERVER = SETTINGS["resource_servers"].record
IDENTITY_PROVIDER = SETTINGS["identity_providers"].record
DEFAULTS: dict = {name: field.default for name, field in SETTINGS.items()}
TRIGGER_FIELDS, CLIENT_FIELDS, GROUP_FIELDS, ATTRIBUTE_FIELDS = map(
    tuple, (TRIGGER, CLIENT, GROUP, ATTRIBUTE)
)
STATEMENT_FIELDS = tuple(STATEMENT)
RESOURCE_SERVER_FIELDS = tuple(RESOURCE_SERVER)
IDENTITY_PROVIDER_FIELDS = tuple(IDENTITY_PROVIDER)
