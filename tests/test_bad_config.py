"""Bad stack config stops the program before anything registers, naming the key, the value
received and what is allowed; a key that is not a setting is named with the closest one.

The table covers every key the program reads: the top-level keys of
`components.config.CONFIG_KEYS` and the fields of each `triggers`, `clients`, `groups` and
`customAttributes` entry. Per key it has a wrong type and a typo; per range each bound just
outside (refused) and just inside (accepted), taken from `components.limits`; per enum an
unknown value; per list an empty entry, a duplicate and (where refused) the empty list;
then the formats, the contradictions between keys, and a missing required field. Each
refused row runs the real `__main__.py` with the dev stack's config plus the row's
overrides, expects exactly its messages, and finds nothing registered but the stack.
`bench/bad_input_count.py` prints how many rows each category has.

A top-level value of the wrong declared type never reaches the program: the CLI refuses it
first ("Stack 'dev' with configuration key 'protect' must be of type 'boolean'"), and so
does the offline loader (tests/e2e checks the two agree). Such a row asserts that sentence,
then hands the value to the program anyway to assert the program's own message: a Python
program passing CognitoAuthArgs has no CLI to check its types.
"""

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass

import pytest

from components import ConfigError, limits
from components.args import (
    ATTRIBUTE_FIELDS,
    CLIENT_FIELDS,
    GROUP_FIELDS,
    IDENTITY_PROVIDER_FIELDS,
    RESOURCE_SERVER_FIELDS,
    STATEMENT_FIELDS,
    TRIGGER_FIELDS,
)
from components.config import CONFIG_KEYS, camel
from components.messages import (
    EMAIL_CODE_MESSAGE,
    EMAIL_LINK_MESSAGE,
    EMAIL_SUBJECT,
    INVITATION_EMAIL,
    INVITATION_SMS,
    SMS_CODE_MESSAGE,
)
from components.policy_statements import conditions
from components.rules import group_name, show
from components.tagging import tag_map
from offline import StackConfigError, run_program
from offline.yaml12 import config_string, load
from tests.conftest import ROOT

NS = "cognito-auth"
RECORDS = {"triggers": TRIGGER_FIELDS, "clients": CLIENT_FIELDS, "groups": GROUP_FIELDS,
           "customAttributes": ATTRIBUTE_FIELDS, "resourceServers": RESOURCE_SERVER_FIELDS,
           "authenticatedStatements": STATEMENT_FIELDS,
           "unauthenticatedStatements": STATEMENT_FIELDS}  # fmt: skip
LAMBDA = "arn:aws:lambda:us-east-1:123456789012:function:existing-trigger"
KMS = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
SES = "arn:aws:ses:us-east-1:123456789012:identity/example.com"
ROLE = "arn:aws:iam::123456789012:role/admins"
GIVEN_SMS_ROLE = "arn:aws:iam::123456789012:role/sms"
URL = "https://app.example.com/cb"
# Number attributes take any 64-bit value (validation's own range: the model has none).
INT64 = (-(2**63), 2**63 - 1)

# Nested settings are tried on these entries; an attribute needs its type.
API = "https://api.example.com"
BASE = {"customAttributes.tenant": {"type": "String"}, "customAttributes.score": {"type": "Number"},
        "resourceServers.orders": {"identifier": API}}  # fmt: skip
# An identity pool statement needs its effect, actions and resources.
STATEMENT = {"effect": "Allow", "actions": ["s3:GetObject"], "resources": ["arn:aws:s3:::files/*"]}
BASE |= {"authenticatedStatements.Read": STATEMENT, "unauthenticatedStatements.Read": STATEMENT}
IDENTITY = {"identityPool": True}
# What a statement's own rows need beside it, so that only the row's value is wrong.
STATEMENT_NEEDS = {
    "authenticatedStatements": IDENTITY,
    "unauthenticatedStatements": {**IDENTITY, "allowUnauthenticated": True},
}
TOPIC = "arn:aws:sns:us-east-1:123456789012:auth-alarms"
# OAuth settings that need one another, for the rows that must pass.
OAUTH = {"oauthFlows": ["code"], "oauthScopes": ["openid"], "callbackUrls": [URL]}


@dataclass
class Bad:
    category: str  # type, bound, enum, list, format, required, contradiction, unknown-key
    key: str  # the key the message leads with (for a typo: the key it is close to), no namespace
    config: dict  # stack config overrides (keys without the namespace)
    problems: tuple[str, ...]  # exactly what ConfigError lists


@dataclass
class Good:
    key: str
    config: dict


def setting(key: str, value) -> dict:
    """Stack config setting `key` (nested as `<map>.<entry>.<field>`) to `value`."""
    top, _, rest = key.partition(".")
    if not rest:
        return {top: value}
    entry, _, field = rest.rpartition(".")
    return {
        **STATEMENT_NEEDS.get(top, {}),
        top: {entry: {**BASE.get(f"{top}.{entry}", {}), field: value}},
    }


def generic(key: str) -> str:
    """`clients.app.authFlows` → `clients.<name>.authFlows`, the setting a key belongs to."""
    top, _, rest = key.partition(".")
    if not rest:
        return top
    entry, _, field = rest.rpartition(".")
    return f"{top}.<name>.{field}" if entry else f"{top}.<name>"


def refused(category, key, value, allowed, shown=None) -> Bad:
    """One value of one key, refused with "<key> is <value>; it must be <allowed>"."""
    shown = show(value) if shown is None else shown
    return Bad(
        category, key, setting(key, value), (f"{NS}:{key} is {shown}; it must be {allowed}",)
    )


def cli_text(value) -> str:
    """How the message shows a YAML list given for a top-level string key: the CLI passes
    it as its compact JSON text, which the program reads as that string."""
    return json.dumps(config_string(value))


def whole(bounds) -> str:
    low, high = bounds
    return (
        f"a whole number from {low} to {high}"
        if high is not None
        else f"a whole number from {low} up"
    )


def one_of(choices) -> str:
    return "one of " + ", ".join(json.dumps(c) for c in choices)


# --- What each key is -------------------------------------------------------------------

INTS = {  # integer settings and their ranges (None: no upper bound)
    "passwordMinimumLength": limits.PASSWORD_MIN_LENGTH,
    "temporaryPasswordValidityDays": limits.TEMPORARY_PASSWORD_VALIDITY_DAYS,
    "passwordHistorySize": limits.PASSWORD_HISTORY_SIZE,
    "triggerTimeoutSeconds": limits.TRIGGER_TIMEOUT_SECONDS,
    "triggerMemoryMb": limits.LAMBDA_MEMORY_MB,
    "accessTokenValidityMinutes": limits.ACCESS_TOKEN_VALIDITY_MINUTES,
    "idTokenValidityMinutes": limits.ID_TOKEN_VALIDITY_MINUTES,
    "refreshTokenValidityHours": limits.REFRESH_TOKEN_VALIDITY_HOURS,
    "authSessionValidityMinutes": limits.AUTH_SESSION_VALIDITY_MINUTES,
    "triggers.PreSignUp.timeoutSeconds": limits.TRIGGER_TIMEOUT_SECONDS,
    "triggers.PreSignUp.memoryMb": limits.LAMBDA_MEMORY_MB,
    "clients.app.accessTokenValidityMinutes": limits.ACCESS_TOKEN_VALIDITY_MINUTES,
    "clients.app.idTokenValidityMinutes": limits.ID_TOKEN_VALIDITY_MINUTES,
    "clients.app.refreshTokenValidityHours": limits.REFRESH_TOKEN_VALIDITY_HOURS,
    "groups.admins.precedence": limits.GROUP_PRECEDENCE,
    "customAttributes.tenant.minLength": limits.STRING_ATTRIBUTE_LENGTH,
    "customAttributes.tenant.maxLength": limits.STRING_ATTRIBUTE_LENGTH,
    "customAttributes.score.minValue": INT64,
    "customAttributes.score.maxValue": INT64,
    "refreshTokenGracePeriodSeconds": limits.REFRESH_TOKEN_GRACE_SECONDS,
    "clients.app.refreshTokenGracePeriodSeconds": limits.REFRESH_TOKEN_GRACE_SECONDS,
}
BOOLS = [
    "passwordRequireLowercase", "passwordRequireUppercase", "passwordRequireNumbers",
    "passwordRequireSymbols", "mfaTotp", "protect", "autoConfirmUsers", "autoVerifyEmail",
    "adminCreateUserOnly", "verifyEmailChanges", "identityPool", "allowUnauthenticated",
    "triggerAlarms",
    "triggers.PreSignUp.enabled", "clients.app.enabled", "clients.app.public",
    "customAttributes.tenant.mutable",
    "challengeRequiredOnNewDevice", "refreshTokenRotation", "userNotificationLogs",
    "userActivityLogs", "usernameCaseSensitive", "clients.app.refreshTokenRotation",
]  # fmt: skip
ENUMS = {  # the allowed values, and a near miss that is none of them
    "mfa": (limits.MFA_CONFIGURATIONS, "off"),
    "userPoolTier": (limits.USER_POOL_TIERS, "PREMIUM"),
    "threatProtection": (limits.THREAT_PROTECTION_MODES, "FULL"),
    "triggerArchitecture": (limits.LAMBDA_ARCHITECTURES, "arm"),
    "logRetentionDays": (limits.LOG_RETENTION_DAYS, 1000),
    "triggers.PreSignUp.architecture": (limits.LAMBDA_ARCHITECTURES, "amd64"),
    "triggers.PreTokenGeneration.lambdaVersion": (limits.PRE_TOKEN_GENERATION_VERSIONS, "V4_0"),
    "customAttributes.tenant.type": (limits.ATTRIBUTE_TYPES, "Text"),
    "authenticatedStatements.Read.effect": (limits.STATEMENT_EFFECTS, "allow"),
    "unauthenticatedStatements.Read.effect": (limits.STATEMENT_EFFECTS, "Permit"),
    "deviceTracking": (limits.DEVICE_TRACKING, "NEVER"),
    "verificationEmailOption": (limits.DEFAULT_EMAIL_OPTIONS, "CONFIRM_WITH_SMS"),
    "managedLoginVersion": (limits.MANAGED_LOGIN_VERSIONS, 3),
}
FLOWS = limits.AUTH_FLOWS + limits.LEGACY_AUTH_FLOWS
LISTS = {  # what the message calls the entries, a valid entry, whether [] is allowed
    "allowedEmailDomains": ("domains", "example.com", True),
    "authFlows": ("auth flows", "ALLOW_USER_SRP_AUTH", False),
    "clients.app.authFlows": ("auth flows", "ALLOW_USER_SRP_AUTH", False),
    "clients.app.oauthFlows": ("OAuth flows", "code", True),
    "clients.app.oauthScopes": ("scopes", "openid", True),
    "clients.app.callbackUrls": ("URLs", URL, True),
    "clients.app.logoutUrls": ("URLs", "https://app.example.com/", True),
    "authenticatedStatements.Read.actions": ("actions", "s3:GetObject", False),
    "authenticatedStatements.Read.resources": ("resources", "arn:aws:s3:::files/*", False),
    "unauthenticatedStatements.Read.actions": ("actions", "s3:GetObject", False),
    "unauthenticatedStatements.Read.resources": ("resources", "arn:aws:s3:::files/*", False),
    "usernameAttributes": ("username attributes", "email", True),
}
SETTINGS_MAP = "a map of names to settings"
STRINGS_MAP = "a map of names to strings"
MAPS = {  # what is allowed, and a value of the wrong type
    "tokenClaims": (STRINGS_MAP, ["tenant"]),
    "triggers": (SETTINGS_MAP, ["PreSignUp"]),
    "clients": (SETTINGS_MAP, "app"),
    "groups": (SETTINGS_MAP, {"admins": "yes"}),
    "customAttributes": (SETTINGS_MAP, 3),
    "triggers.PreSignUp.environment": (STRINGS_MAP, ["BRAND=Acme"]),
    "authenticatedStatements": (SETTINGS_MAP, ["Read"]),
    "unauthenticatedStatements": (SETTINGS_MAP, "Read"),
    "authenticatedStatements.Read.conditions": (conditions.allowed, ["Bool"]),
    "unauthenticatedStatements.Read.conditions": (conditions.allowed, "Bool"),
    "tags": (STRINGS_MAP, ["team"]),
    "resourceServers": (SETTINGS_MAP, "orders"),
    "resourceServers.orders.scopes": ("a map of scope names to descriptions", ["read"]),
}
NAME_CHARS = "made only of letters, digits, spaces and + = , . @ -"
IDENTIFIER = (
    "1 to 256 printable characters without spaces, quotes or \\, e.g. https://api.example.com"
)
CUSTOM_DOMAIN = "empty, or a lowercase fully qualified domain name such as auth.example.com"
CERTIFICATE = ("empty or an ACM certificate ARN in us-east-1 "
               "(arn:aws:acm:us-east-1:<account>:certificate/<id>)")  # fmt: skip
BRANDING = ("empty, cognito (Cognito's default style), or the path of a .json file in the "
            "project holding a JSON object of branding settings")  # fmt: skip
SCOPE_MAP = ("a map of at most 100 scope names (printable characters without spaces, quotes, / "
             "or \\) to descriptions of 1 to 256 characters")  # fmt: skip
HANDLER = ("a shipped handler (post_confirmation, pre_sign_up, pre_token_generation) or the "
           "path of a .py file in the project")  # fmt: skip
DOMAIN_PREFIX = ("empty, or 1 to 63 lowercase letters, digits and hyphens, not starting or "
                 "ending with a hyphen, and not containing aws, amazon, cognito")  # fmt: skip
STRINGS = {  # what the message says is allowed for a value that is not such a string
    "userPoolName": NAME_CHARS,
    "sesSourceArn": "empty or an SES identity ARN (arn:aws:ses:<region>:<account>:identity/<identity>)",
    "emailFrom": 'empty or an email address, optionally as "Name <address>"',
    "kmsKeyArn": "empty or a KMS key ARN",
    "defaultGroup": group_name.allowed,
    "domainPrefix": DOMAIN_PREFIX,
    "triggers.PreSignUp.handler": HANDLER,
    "triggers.PreSignUp.functionArn": "a Lambda function ARN",
    "groups.admins.description": f"a string of at most {limits.DESCRIPTION_MAX} characters",
    "groups.admins.roleArn": "an IAM role ARN",
    "alarmTopicArn": "empty or an SNS topic ARN",
    "importUserPoolId": "a user pool id such as us-east-1_AbC123xyz",
    "clients.app.importId": "an app client id (letters, digits, _ and +)",
    "resourceServers.orders.identifier": IDENTIFIER,
    "customDomain": CUSTOM_DOMAIN,
    "customDomainCertificateArn": CERTIFICATE,
    "customDomainHostedZoneId": "empty or a Route 53 hosted zone id (Z...)",
    "clients.app.managedLoginBranding": BRANDING,
}
# Message templates: every value the CLI passes is a string, so a YAML list arrives as its
# JSON text, refused for its length (a subject) or for the placeholder it lacks.
TEMPLATES = {key: rule.allowed for key, rule in (
    ("verificationEmailSubject", EMAIL_SUBJECT), ("verificationEmailMessage", EMAIL_CODE_MESSAGE),
    ("verificationEmailSubjectByLink", EMAIL_SUBJECT),
    ("verificationEmailMessageByLink", EMAIL_LINK_MESSAGE),
    ("verificationSmsMessage", SMS_CODE_MESSAGE), ("invitationEmailSubject", EMAIL_SUBJECT),
    ("invitationEmailMessage", INVITATION_EMAIL), ("invitationSmsMessage", INVITATION_SMS),
)}  # fmt: skip
MISSING = {"verificationEmailMessage": "{####}", "verificationEmailMessageByLink": "{##link text##}",
           "invitationEmailMessage": "{username} and no {####}"}  # fmt: skip
KINDS = [INTS, BOOLS, ENUMS, LISTS, MAPS, STRINGS, TEMPLATES]

# --- Sign-in beyond passwords and federation (issue 12): their keys, kind by kind ----------
IDP = "identityProviders.Okta"  # the entry nested provider rows are tried on
RECORDS["identityProviders"] = IDENTITY_PROVIDER_FIELDS
BASE[IDP] = {"type": "OIDC"}
DETAIL = f"a non-empty string of at most {limits.PROVIDER_DETAIL_MAX} characters"
URL_ALLOWED = "an https:// URL (or http://localhost) of 1 to 1024 characters"
RP_ID = "empty, or a lowercase domain name of at most 127 characters, such as auth.example.com"
EMAIL_CODE, SMS_CODE = EMAIL_CODE_MESSAGE.allowed, SMS_CODE_MESSAGE.allowed
EXTERNAL_ID = "empty, or 2 to 1224 letters, digits and + = , . @ : / -"
MAPPING = "a map of pool attributes (1 to 32 characters) to non-empty strings"
PROVIDER_NAME = "3 to 32 characters without spaces, and no _ first or after the second character"
PROVIDER_ENTRY = "COGNITO (the pool's own users) or the name of one of identityProviders"
BOOLS += ["mfaEmail", "mfaSms"]
ENUMS.update({
    "passkeyUserVerification": (limits.PASSKEY_USER_VERIFICATION, "always"),
    f"{IDP}.type": (limits.PROVIDER_TYPES, "Twitter"),
    f"{IDP}.attributesRequestMethod": (("GET", "POST"), "PUT"),
})  # fmt: skip
LISTS.update({
    "allowedFirstAuthFactors": ("sign-in factors", "PASSWORD", False),
    "clients.app.identityProviders": ("identity providers", "COGNITO", False),
    f"{IDP}.scopes": ("scopes", "openid", True),
})  # fmt: skip
MAPS.update({"identityProviders": (SETTINGS_MAP, ["Google"]),
             f"{IDP}.attributeMapping": (MAPPING, ["email"])})  # fmt: skip
STRINGS.update({
    "passkeyRelyingPartyId": RP_ID, "emailMfaMessage": f"{EMAIL_CODE}; it has no {{####}}",
    "smsRoleArn": "an IAM role ARN", "smsExternalId": EXTERNAL_ID,
    "smsAuthenticationMessage": f"{SMS_CODE}; it has no {{####}}",
    **{f"{IDP}.{field}": DETAIL
       for field in ("clientId", "clientSecret", "teamId", "keyId", "privateKey", "metadataFile")},
    f"{IDP}.issuer": URL_ALLOWED, f"{IDP}.metadataUrl": URL_ALLOWED,
    f"{IDP}.apiVersion": "a Graph API version such as v17.0",
})  # fmt: skip


# --- Wrong type: one row per key ---------------------------------------------------------
# Top-level values reach the program as the CLI's strings, so "eight" stays a string; a
# YAML list for a string key arrives as its JSON text. Nested values keep their JSON type.


def _wrong_types():
    for key in INTS:
        nested = "." in key
        yield refused("type", key, "3" if nested else "eight", "a whole number")
    for key in BOOLS:
        yield refused("type", key, "true" if "." in key else "yes", "true or false")
    for key, (choices, _) in ENUMS.items():
        if "." in key:
            yield refused("type", key, 1, one_of(choices))
        elif key in ("logRetentionDays", "managedLoginVersion"):
            yield refused("type", key, "thirty", one_of(choices))
        else:
            yield refused("type", key, [choices[0]], one_of(choices), shown=cli_text([choices[0]]))
    for key, (what, entry, _) in LISTS.items():
        yield refused("type", key, entry, f"a list of {what}")
    for key, (allowed, wrong) in MAPS.items():
        yield refused("type", key, wrong, allowed)
    for key, allowed in STRINGS.items():
        if "." in key:
            yield refused("type", key, 5, allowed)
        else:
            # A space inside: the compact JSON the CLI passes is no name of any kind.
            yield refused("type", key, ["a b"], allowed, shown=cli_text(["a b"]))
    for key, allowed in TEMPLATES.items():
        wrong = ["x" * 200]  # its JSON text: 206 characters, and no placeholder
        if key in MISSING:  # an email may be that long: refused for its placeholder
            allowed = f"{allowed}; it has no {MISSING[key]}"
        yield refused("type", key, wrong, allowed, shown=show(config_string(wrong)))


TYPE = [
    *_wrong_types(),
    refused("type", "passwordMinimumLength", 8.5, "a whole number", shown='"8.5"'),
    refused("type", "passwordRequireLowercase", 1, "true or false", shown='"1"'),
    refused("type", "protect", "maybe", "true or false"),
    refused("type", "mfa", True, one_of(limits.MFA_CONFIGURATIONS), shown='"true"'),
    refused("type", "triggers.PreSignUp.timeoutSeconds", True, "a whole number"),
    refused("type", "allowedEmailDomains", [1], "a list of domains"),
    refused("type", "tokenClaims", {"n": 1}, STRINGS_MAP),
    refused("type", "triggers.PreSignUp.environment", {"BRAND": 1}, STRINGS_MAP),
]


# --- Bounds: just outside each one fails, just inside passes -------------------------------


def _int_bounds():
    for key, (low, high) in INTS.items():
        yield refused("bound", key, low - 1, whole((low, high)))
        if high is not None:
            yield refused("bound", key, high + 1, whole((low, high)))


def _retention_neighbours():
    allowed = set(limits.LOG_RETENTION_DAYS)
    near = sorted({d + step for d in allowed for step in (-1, 1)} - allowed)
    for days in near:
        yield refused("bound", "logRetentionDays", days, one_of(limits.LOG_RETENTION_DAYS))


def _entry_name(key, name, allowed) -> Bad:
    return Bad("bound", key, {key: {name: BASE.get(f"{key}.tenant", {})}},
               (f"{NS}:{key}.{name} is not allowed: the name must be {allowed}",))  # fmt: skip


NAME_LOW, NAME_HIGH = limits.NAME_LENGTH
GROUP_LOW, GROUP_HIGH = limits.GROUP_NAME_LENGTH
ATTR_LOW, ATTR_HIGH = limits.ATTRIBUTE_NAME_LENGTH
URL_HIGH = limits.URL_LENGTH[1]
LONG_URL = "https://app.example.com/" + "p" * (URL_HIGH - len("https://app.example.com/"))
LONG_SCOPE = "s" * 256
DESCRIPTION = "d" * limits.DESCRIPTION_MAX


def _urls(n):
    return [f"https://app.example.com/{i}" for i in range(n)]


BOUND = [
    *_int_bounds(),
    *_retention_neighbours(),
    refused("bound", "triggers.PreSignUp.timeoutSeconds", 9, whole(limits.TRIGGER_TIMEOUT_SECONDS)),
    refused("bound", "userPoolName", "x" * (NAME_HIGH + 1), f"a string of {NAME_LOW} to {NAME_HIGH} characters"),
    refused("bound", "domainPrefix", "x" * 64, DOMAIN_PREFIX),
    refused("bound", "defaultGroup", "g" * (GROUP_HIGH + 1), group_name.allowed),
    refused("bound", "groups.admins.description", DESCRIPTION + "d", STRINGS["groups.admins.description"]),
    refused("bound", "clients.app.oauthScopes", [LONG_SCOPE + "s"],
            f'a list of scopes, each 1 to 256 printable characters without spaces, quotes or \\; {show(LONG_SCOPE + "s")} is not'),
    refused("bound", "clients.app.oauthScopes", [f"s{i}" for i in range(51)], "a list of at most 50 scopes"),
    refused("bound", "clients.app.callbackUrls", [LONG_URL + "p"],
            f'a list of URLs, each a URL of 1 to {URL_HIGH} characters; {show(LONG_URL + "p")} is not'),
    refused("bound", "clients.app.callbackUrls", _urls(limits.MAX_URLS + 1), f"a list of at most {limits.MAX_URLS} URLs"),
    refused("bound", "clients.app.logoutUrls", _urls(limits.MAX_URLS + 1), f"a list of at most {limits.MAX_URLS} URLs"),
    _entry_name("clients", "", f"a string of {NAME_LOW} to {NAME_HIGH} characters"),
    _entry_name("clients", "c" * (NAME_HIGH + 1), f"a string of {NAME_LOW} to {NAME_HIGH} characters"),
    _entry_name("groups", "", group_name.allowed),
    _entry_name("groups", "g" * (GROUP_HIGH + 1), group_name.allowed),
    _entry_name("customAttributes", "a" * (ATTR_HIGH + 1),
                f"{ATTR_LOW} to {ATTR_HIGH} characters without spaces or ':' (custom: is added)"),
    Bad("bound", "customAttributes",
        {"customAttributes": {f"a{i}": {"type": "Boolean"} for i in range(limits.MAX_CUSTOM_ATTRIBUTES + 1)}},
        (f"{NS}:customAttributes has 51 entries; a pool holds at most {limits.MAX_CUSTOM_ATTRIBUTES}",)),
]  # fmt: skip


# --- Enums: a value that is not one of them ------------------------------------------------

TRIGGER_NAMES = one_of(limits.TRIGGER_NAMES)
ENUM = [
    *(refused("enum", key, miss, one_of(choices)) for key, (choices, miss) in ENUMS.items()),
    refused("enum", "mfa", "NEVER", one_of(limits.MFA_CONFIGURATIONS)),
    refused("enum", "authFlows", ["ALLOW_USER_SRP_AUTH", "ALLOW_SRP"],
            f'a list of auth flows, each {one_of(FLOWS)}; "ALLOW_SRP" is not'),
    refused("enum", "clients.app.authFlows", ["ALLOW_USER_SRP_AUTH", "ALLOW_SRP"],
            f'a list of auth flows, each {one_of(FLOWS)}; "ALLOW_SRP" is not'),
    refused("enum", "clients.app.oauthFlows", ["password"],
            f'a list of OAuth flows, each {one_of(limits.OAUTH_FLOWS)}; "password" is not'),
    refused("enum", "triggers.PreSignUp.handler", "custom_message", HANDLER),
    Bad("enum", "triggers.PreSignup", {"triggers": {"PreSignup": {}}},
        (f"{NS}:triggers.PreSignup is not allowed: the name must be {TRIGGER_NAMES}",)),
]  # fmt: skip


# --- Lists: an empty entry, a duplicate, and [] where a list may not be empty --------------


def _list_rows():
    for key, (what, entry, may_be_empty) in LISTS.items():
        yield refused("list", key, [entry, ""], f"a list of {what}, with no empty entry")
        yield refused("list", key, [entry, entry], f"a list of {what}, with no duplicates")
        if not may_be_empty:
            yield refused("list", key, [], f"a non-empty list of {what}")


LIST = list(_list_rows())


# --- Formats: the right type, but not the right shape --------------------------------------

DOMAIN = "a lowercase domain name such as example.com, or *.example.com for its subdomains"
FORMAT = [
    refused("format", "userPoolName", "pool/with/slashes", NAME_CHARS),
    refused("format", "sesSourceArn", "arn:aws:s3:::bucket", STRINGS["sesSourceArn"]),
    refused("format", "emailFrom", "not-an-address", STRINGS["emailFrom"]),
    refused("format", "emailFrom", "Example <no-reply@example>", STRINGS["emailFrom"]),
    refused("format", "allowedEmailDomains", ["Example.COM"], f'a list of domains, each {DOMAIN}; "Example.COM" is not'),
    refused("format", "allowedEmailDomains", ["@example.com"], f'a list of domains, each {DOMAIN}; "@example.com" is not'),
    refused("format", "kmsKeyArn", "key-1", "empty or a KMS key ARN"),
    refused("format", "kmsKeyArn", "arn:aws:kms:us-east-1:123:key/x", "empty or a KMS key ARN"),
    refused("format", "defaultGroup", "has space", group_name.allowed),
    refused("format", "tokenClaims", {"": "x"}, STRINGS_MAP),
    refused("format", "domainPrefix", "Shop", DOMAIN_PREFIX),
    refused("format", "domainPrefix", "-bad", DOMAIN_PREFIX),
    refused("format", "domainPrefix", "bad-", DOMAIN_PREFIX),
    refused("format", "domainPrefix", "my-cognito-login", DOMAIN_PREFIX),
    refused("format", "triggers.PreSignUp.handler", "nope.py", f"{HANDLER}; there is no file nope.py"),
    refused("format", "triggers.PreSignUp.functionArn", "arn:aws:s3:::x", "a Lambda function ARN"),
    refused("format", "triggers.PreSignUp.environment", {"": "x"}, STRINGS_MAP),
    refused("format", "clients.app.oauthScopes", ["open id"],
            'a list of scopes, each 1 to 256 printable characters without spaces, quotes or \\; "open id" is not'),
    refused("format", "clients.app.callbackUrls", ["http://app.example.com/cb"],
            'a list of URLs, each an https:// URL (or http://localhost), without a fragment; "http://app.example.com/cb" is not'),
    refused("format", "clients.app.callbackUrls", ["https://app.example.com/cb#top"],
            'a list of URLs, each an https:// URL (or http://localhost), without a fragment; "https://app.example.com/cb#top" is not'),
    refused("format", "clients.app.logoutUrls", ["http://localhost:3000/#out"],
            'a list of URLs, each an https:// URL (or http://localhost), without a fragment; "http://localhost:3000/#out" is not'),
    refused("format", "groups.admins.roleArn", "arn:aws:iam::1:user/x", "an IAM role ARN"),
    Bad("format", "clients.bad/name", {"clients": {"bad/name": {}}},
        (f"{NS}:clients.bad/name is not allowed: the name must be {NAME_CHARS}",)),
    Bad("format", "groups.has space", {"groups": {"has space": {}}},
        (f"{NS}:groups.has space is not allowed: the name must be {group_name.allowed}",)),
    Bad("format", "customAttributes.custom:tenant", {"customAttributes": {"custom:tenant": {"type": "String"}}},
        (f"{NS}:customAttributes.custom:tenant is not allowed: the name must be {ATTR_LOW} to {ATTR_HIGH} characters without spaces or ':' (custom: is added)",)),
]  # fmt: skip

ACTIONS = ('a list of actions, each service:Action, e.g. s3:GetObject, wildcards inside the '
           'action only ("*" alone, every action of every service, is refused)')  # fmt: skip
FORMAT += [
    refused("format", "authenticatedStatements.Read.actions", ["*"], f'{ACTIONS}; "*" is not'),
    refused("format", "authenticatedStatements.Read.actions", ["GetObject"], f'{ACTIONS}; "GetObject" is not'),
    refused("format", "unauthenticatedStatements.Read.actions", ["s3:Get Object"], f'{ACTIONS}; "s3:Get Object" is not'),
    refused("format", "authenticatedStatements.Read.resources", ["files/*"],
            'a list of resources, each an ARN (policy variables allowed) or *; "files/*" is not'),
    refused("format", "authenticatedStatements.Read.conditions", {"StringLike": {}}, conditions.allowed),
    refused("format", "authenticatedStatements.Read.conditions", {"String Like": {"s3:prefix": "a"}},
            f'{conditions.allowed}; "String Like" is not an operator'),
    refused("format", "authenticatedStatements.Read.conditions", {"StringLike": {"s3:prefix": 1}},
            f'{conditions.allowed}; "s3:prefix" needs a string or a list of strings'),
    refused("format", "alarmTopicArn", "arn:aws:sqs:us-east-1:123456789012:queue", "empty or an SNS topic ARN"),
    refused("format", "alarmTopicArn", "arn:aws:sns:us-east-1:123456789012:alarms.fifo", "empty or an SNS topic ARN"),
    Bad("format", "authenticatedStatements.Read-all", {"authenticatedStatements": {"Read-all": STATEMENT}},
        (f"{NS}:authenticatedStatements.Read-all is not allowed: the name must be 1 to 128 ASCII letters and digits (its Sid)",)),
]  # fmt: skip

REQUIRED = [
    Bad("required", "customAttributes.tenant.type", {"customAttributes": {"tenant": {"mutable": True}}},
        (f"{NS}:customAttributes.tenant.type is missing; it is required",)),
    *(Bad("required", f"authenticatedStatements.Read.{field}",
          {**IDENTITY, "authenticatedStatements": {"Read": {k: v for k, v in STATEMENT.items() if k != field}}},
          (f"{NS}:authenticatedStatements.Read.{field} is missing; it is required",))
      for field in ("effect", "actions", "resources")),
]  # fmt: skip


# --- Contradictions: each value valid alone, not together ----------------------------------


def _both(config: dict, *problems: str, key: str | None = None) -> Bad:
    first = key or problems[0].removeprefix(f"{NS}:").split(" ")[0].rstrip(":")
    return Bad("contradiction", first, config, tuple(f"{NS}:{p}" for p in problems))


LEGACY = ", ".join(limits.LEGACY_AUTH_FLOWS)
MIXED = ["USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
SHORT_REFRESH = "the refresh token must live at least as long"
EXISTING = "uses an existing function ({}), whose settings the component does not manage"
CONTRADICTION = [
    _both({"mfa": "ON"}, f'mfa is "ON" but no MFA factor is configured: set {NS}:mfaTotp to true (or {NS}:mfaEmail or {NS}:mfaSms), or {NS}:mfa to "OFF"'),
    _both({"mfa": "OPTIONAL", "mfaTotp": False},
          f'mfa is "OPTIONAL" but no MFA factor is configured: set {NS}:mfaTotp to true (or {NS}:mfaEmail or {NS}:mfaSms), or {NS}:mfa to "OFF"'),
    _both({"threatProtection": "AUDIT"}, f'threatProtection is "AUDIT", which needs {NS}:userPoolTier "PLUS", not "ESSENTIALS"'),
    _both({"threatProtection": "ENFORCED", "userPoolTier": "LITE"},
          f'threatProtection is "ENFORCED", which needs {NS}:userPoolTier "PLUS", not "LITE"'),
    _both({"passwordHistorySize": 1, "userPoolTier": "LITE"},
          f'passwordHistorySize is 1, which needs {NS}:userPoolTier "ESSENTIALS" or "PLUS", not "LITE"'),
    _both({"emailFrom": "no-reply@example.com"},
          f'emailFrom is "no-reply@example.com" but {NS}:sesSourceArn is empty: a From address needs an SES identity'),
    _both({"refreshTokenValidityHours": 1, "accessTokenValidityMinutes": 61},
          f"refreshTokenValidityHours is 1 hours, shorter than {NS}:accessTokenValidityMinutes (61 minutes): {SHORT_REFRESH}"),
    _both({"refreshTokenValidityHours": 2, "idTokenValidityMinutes": 121},
          f"refreshTokenValidityHours is 2 hours, shorter than {NS}:idTokenValidityMinutes (121 minutes): {SHORT_REFRESH}"),
    _both({"clients": {"app": {"refreshTokenValidityHours": 1, "accessTokenValidityMinutes": 61}}},
          f"clients.app.refreshTokenValidityHours is 1 hours, shorter than {NS}:clients.app.accessTokenValidityMinutes (61 minutes): {SHORT_REFRESH}"),
    # A client's own lifetime against an inherited one: each is named where it is set.
    _both({"idTokenValidityMinutes": 61, "clients": {"app": {"refreshTokenValidityHours": 1}}},
          f"clients.app.refreshTokenValidityHours is 1 hours, shorter than {NS}:idTokenValidityMinutes (61 minutes): {SHORT_REFRESH}"),
    _both({"refreshTokenValidityHours": 1, "clients": {"app": {"accessTokenValidityMinutes": 61}}},
          f"refreshTokenValidityHours is 1 hours, shorter than {NS}:clients.app.accessTokenValidityMinutes (61 minutes): {SHORT_REFRESH}"),
    _both({"authFlows": MIXED},
          f"authFlows is {json.dumps(MIXED)}, which mixes legacy values ({LEGACY}) with ALLOW_* values: use ALLOW_* only"),
    _both({"clients": {"spa": {"authFlows": MIXED}}},
          f"clients.spa.authFlows is {json.dumps(MIXED)}, which mixes legacy values ({LEGACY}) with ALLOW_* values: use ALLOW_* only"),
    _both({"defaultGroup": "staff"}, f'defaultGroup is "staff", which is not one of {NS}:groups (none defined)'),
    _both({"defaultGroup": "staff", "groups": {"admins": {}, "members": {}}},
          f'defaultGroup is "staff", which is not one of {NS}:groups ("admins", "members")'),
    *(_both({"tokenClaims": {claim: "x"}}, f'tokenClaims sets "{claim}", a claim Cognito reserves: choose another name')
      for claim in ("sub", "cognito:username", "cognito:groups", "dev:x")),
    *(_both({adder: value, "userPoolTier": "LITE"},
            f'triggers.PreTokenGeneration.lambdaVersion is "V2_0" (the default for the trigger that {NS}:{adder} adds), which needs {NS}:userPoolTier "ESSENTIALS" or "PLUS", not "LITE" (or set {NS}:triggers.PreTokenGeneration.lambdaVersion to "V1_0", ID tokens only)')
      for adder, value in (("tokenClaims", {"tenant": "acme"}), ("allowedEmailDomains", ["example.com"]))),
    _both({"triggers": {"PreTokenGeneration": {"lambdaVersion": "V3_0"}}, "userPoolTier": "LITE"},
          f'triggers.PreTokenGeneration.lambdaVersion is "V3_0", which needs {NS}:userPoolTier "ESSENTIALS" or "PLUS", not "LITE" (or set {NS}:triggers.PreTokenGeneration.lambdaVersion to "V1_0", ID tokens only)'),
    *(_both({"triggers": {sender: {"functionArn": LAMBDA}}},
            f"triggers.{sender} needs {NS}:kmsKeyArn: Cognito encrypts the codes it sends to a custom sender with that KMS key")
      for sender in ("CustomEmailSender", "CustomSMSSender")),
    _both({"triggers": {"CustomSMSSender": {"functionArn": LAMBDA, "lambdaVersion": "V2_0"}}, "kmsKeyArn": KMS},
          'triggers.CustomSMSSender.lambdaVersion is "V2_0"; CustomSMSSender takes only "V1_0"'),
    _both({"triggers": {"PreSignUp": {"lambdaVersion": "V2_0"}}},
          "triggers.PreSignUp.lambdaVersion is set, but only PreTokenGeneration and the custom sender triggers take a version"),
    # (The dev stack auto-verifies, which only the shipped handler does: off here, to test one thing.)
    _both({"triggers": {"PreSignUp": {"handler": "pre_sign_up", "functionArn": LAMBDA}}, "autoVerifyEmail": False},
          f"triggers.PreSignUp.handler and {NS}:triggers.PreSignUp.functionArn are both set: give one"),
    *(_both({"triggers": {"PreSignUp": {"functionArn": LAMBDA, field: value}}, "autoVerifyEmail": False},
            f"triggers.PreSignUp.{field} is set, but PreSignUp " + EXISTING.format(f"{NS}:triggers.PreSignUp.functionArn"))
      for field, value in (("timeoutSeconds", 2), ("memoryMb", 256), ("architecture", "x86_64"),
                           ("environment", {"BRAND": "Acme"}))),
    _both({"triggers": {"CustomMessage": {}}},
          "triggers.CustomMessage needs handler (a .py file) or functionArn: no handler for CustomMessage ships with the component"),
    _both({"triggers": {"InboundFederation": {"functionArn": LAMBDA}}},
          "triggers.InboundFederation: Cognito has this trigger, but pulumi-aws 7.51 cannot configure it yet (its lambda_config has no such property)"),
    _both({"triggers": {"CustomMessage": {"handler": "pre_sign_up", "timeoutSeconds": 2}}},
          f"triggers.CustomMessage.handler and {NS}:triggers.PreSignUp.handler share the module pre_sign_up with different settings: one function serves both, so give them the same settings or separate modules"),
    _both({"clients": {"app": {"enabled": False}}},
          f"clients leaves no app client (app is removed only by {NS}:clients.app.enabled: false); a pool needs at least one"),
    _both({"clients": {"spa": {"oauthFlows": ["code", "implicit"], "oauthScopes": ["openid"]}}},
          f"clients.spa.oauthFlows has code, implicit but {NS}:clients.spa.callbackUrls is empty: the hosted UI needs somewhere to return to"),
    _both({"clients": {"spa": {"oauthFlows": ["code"], "callbackUrls": [URL]}}},
          f"clients.spa.oauthFlows is set but {NS}:clients.spa.oauthScopes is empty"),
    *(_both({"clients": {"spa": {field: value}}},
            f"clients.spa has OAuth scopes or URLs but {NS}:clients.spa.oauthFlows is empty: they would have no effect")
      for field, value in (("oauthScopes", ["openid"]), ("callbackUrls", [URL]), ("logoutUrls", [URL]))),
    *(_both({"customAttributes": {"a": {"type": kind, field: 1}}},
            f"customAttributes.a.{field} is set, but only {takes} attributes take it, not {kind}")
      for field, takes, kind in (("minLength", "String", "Number"), ("maxLength", "String", "Boolean"),
                                 ("minValue", "Number", "String"), ("maxValue", "Number", "DateTime"))),
    _both({"customAttributes": {"tenant": {"type": "String", "minLength": 5, "maxLength": 4}}},
          f"customAttributes.tenant.minLength (5) is greater than {NS}:customAttributes.tenant.maxLength (4)"),
    _both({"customAttributes": {"score": {"type": "Number", "minValue": 5, "maxValue": 4}}},
          f"customAttributes.score.minValue (5) is greater than {NS}:customAttributes.score.maxValue (4)"),
    *(_both({key: value}, f"{key} is set but {NS}:identityPool is false: without an identity pool it would have no effect")
      for key, value in (("authenticatedStatements", {"Read": STATEMENT}), ("allowUnauthenticated", True),
                         ("unauthenticatedStatements", {"Read": STATEMENT}))),
    _both({**IDENTITY, "unauthenticatedStatements": {"Read": STATEMENT}},
          f"unauthenticatedStatements is set but {NS}:allowUnauthenticated is false: no unauthenticated role exists to hold them (set it to true only if visitors who have not signed in need AWS access)"),
    *(_both({**IDENTITY, "allowUnauthenticated": True, key: {"All": {**STATEMENT, "actions": ["s3:GetObject", "dynamodb:*"], "resources": ["arn:aws:s3:::files/*", "*"]}}},
            f'{key}.All.actions has "dynamodb:*" on {NS}:{key}.All.resources "*": every action of a service on every resource, for every user of the role; name the actions and the resources')
      for key in ("authenticatedStatements", "unauthenticatedStatements")),
    _both({**IDENTITY, "authenticatedStatements": {
              f"Read{i}": {**STATEMENT, "resources": [f"arn:aws:s3:::bucket-{i}-{j}/*" for j in range(40)]}
              for i in range(10)}},
          f"authenticatedStatements makes a policy of 12258 characters (as IAM counts them, without whitespace); a role's inline policies hold {limits.ROLE_POLICY_MAX_CHARACTERS} at most"),
    _both({"triggerAlarms": False, "alarmTopicArn": TOPIC},
          f"alarmTopicArn is set but {NS}:triggerAlarms is false: no alarm would notify it"),
]  # fmt: skip


# --- Unknown keys: a typo of every key, named with the closest valid one -------------------


def _snake(key: str) -> str:
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in key)


def _typos(key: str) -> list[str]:
    """A dropped last letter, and the snake_case spelling the Python API uses."""
    return [key[:-1]] + ([_snake(key)] if _snake(key) != key else [])


def _unknown_keys():
    for key in CONFIG_KEYS:
        for typo in _typos(key):
            yield Bad("unknown-key", key, {typo: 1},
                      (f"{NS}:{typo} is not a setting of this program; did you mean {NS}:{key}?",))  # fmt: skip
    entries = {
        "triggers": "PreSignUp",
        "clients": "app",
        "groups": "admins",
        "customAttributes": "tenant",
        "authenticatedStatements": "Read",
        "unauthenticatedStatements": "Read",
        "resourceServers": "orders",
        "identityProviders": "Okta",
    }
    for top, fields in RECORDS.items():
        entry = entries[top]
        for field in map(camel, fields):
            for typo in _typos(field):
                record = {**BASE.get(f"{top}.{entry}", {}), typo: 1}
                yield Bad("unknown-key", f"{top}.{entry}.{field}", {top: {entry: record}},
                          (f"{NS}:{top}.{entry}.{typo} is not a setting; did you mean {field}?",))  # fmt: skip


UNKNOWN_KEY = [
    *_unknown_keys(),
    Bad("unknown-key", "passwordMinLength", {"passwordMinLength": 12},
        (f"{NS}:passwordMinLength is not a setting of this program; did you mean {NS}:passwordMinimumLength?",)),
    Bad("unknown-key", "triggers.PreSignUp.memory", {"triggers": {"PreSignUp": {"memory": 256}}},
        (f"{NS}:triggers.PreSignUp.memory is not a setting; did you mean memoryMb?",)),
    Bad("unknown-key", "zzz", {"zzz": 1}, (f"{NS}:zzz is not a setting of this program",)),
    Bad("unknown-key", "clients.app.zzz", {"clients": {"app": {"zzz": 1}}},
        (f"{NS}:clients.app.zzz is not a setting",)),
]  # fmt: skip

# --- What an adversarial review found accepted (issue 11): each row failed before --------------

SHIPPED_VARIABLE = ("triggers.PreSignUp.environment sets {var}, which the shipped pre_sign_up handler "
                    "takes from {ns}:{key}: set {ns}:{key} instead")  # fmt: skip
NO_EFFECT = "only the shipped {handler} handler of {trigger} acts on it, so it would have no effect"
ENVIRONMENT = limits.ENVIRONMENT_MAX_BYTES
ARABIC_EIGHT = "\u0668"
ENVIRONMENT_MAP = (
    "a map of names to strings; each name a letter then letters, digits or _, and none of the "
    "names Lambda reserves (AWS_REGION, _HANDLER, ...)"
)


def _not_reaching(
    setting: dict, key: str, trigger: str, handler: str, why: dict, because: str
) -> Bad:
    return _both({**setting, "triggers": {trigger: why}},
                 f"{key} is set, but {NS}:triggers.{trigger}.{because}: "
                 + NO_EFFECT.format(handler=handler, trigger=trigger))  # fmt: skip


MANY_DOMAINS = [f"d{i}.example.com" for i in range(300)]
MANY_CLAIMS = {f"claim{i:03d}": "v" * 30 for i in range(100)}
# The dev stack's PreSignUp flags: auto-confirm and auto-verify on.
PRE_SIGN_UP_FLAGS = {"AUTO_CONFIRM_USERS": "true", "AUTO_VERIFY_EMAIL": "true"}


def _bytes(variables: dict | None = None, *, own: bool = False, **more: str) -> int:
    """What Lambda counts against its limit: the JSON of the whole map, as its error quotes
    it ("String measured: {...}"); a part's own share is that without the braces."""
    text = json.dumps({**(variables or {}), **more}, separators=(",", ":"))
    return len(text.encode()) - (2 if own else 0)


DOMAINS_SET = {"allowedEmailDomains": ["example.com"]}
VERIFY_SET = {"autoVerifyEmail": True}
GROUP_SET = {"defaultGroup": "members", "groups": {"members": {}}}
GUARDS = [
    # A shipped handler's own variable, set by hand, would replace the setting it carries.
    *(_both({"triggers": {"PreSignUp": {"environment": {var: value}}}},
            SHIPPED_VARIABLE.format(var=var, ns=NS, key=key))
      for var, value, key in (("ALLOWED_EMAIL_DOMAINS", "", "allowedEmailDomains"),
                              ("AUTO_CONFIRM_USERS", "true", "autoConfirmUsers"),
                              ("AUTO_VERIFY_EMAIL", "true", "autoVerifyEmail"))),
    # The allow-list, auto-verify and the default group only work through their handlers.
    *(_not_reaching({**DOMAINS_SET, "autoVerifyEmail": False}, "allowedEmailDomains", trigger, handler, why, because)
      for trigger, handler in (("PreSignUp", "pre_sign_up"), ("PreTokenGeneration", "pre_token_generation"))
      for why, because in (({"enabled": False}, "enabled is false"),
                           ({"functionArn": LAMBDA}, "functionArn is an existing function"),
                           ({"handler": "post_confirmation"}, 'handler is "post_confirmation"'))),
    *(_not_reaching(VERIFY_SET, "autoVerifyEmail", "PreSignUp", "pre_sign_up", why, because)
      for why, because in (({"enabled": False}, "enabled is false"),
                           ({"functionArn": LAMBDA}, "functionArn is an existing function"))),
    _not_reaching(GROUP_SET, "defaultGroup", "PostConfirmation", "post_confirmation",
                  {"enabled": False}, "enabled is false"),
    _not_reaching(GROUP_SET, "defaultGroup", "PostConfirmation", "post_confirmation",
                  {"functionArn": LAMBDA}, "functionArn is an existing function"),
    # What AWS refuses, refused before deployment.
    _both({"allowedEmailDomains": MANY_DOMAINS},
          f"allowedEmailDomains makes the environment of the pre_sign_up function "
          f"{_bytes(PRE_SIGN_UP_FLAGS, ALLOWED_EMAIL_DOMAINS=','.join(MANY_DOMAINS))} bytes (as Lambda measures it, "
          f"the JSON of all its variables; {_bytes(ALLOWED_EMAIL_DOMAINS=','.join(MANY_DOMAINS), own=True)} of them "
          f"its own); Lambda allows {ENVIRONMENT}",
          f"allowedEmailDomains makes the environment of the pre_token_generation function "
          f"{_bytes(CLAIMS_JSON='', ALLOWED_EMAIL_DOMAINS=','.join(MANY_DOMAINS))} bytes (as Lambda measures it, "
          f"the JSON of all its variables; {_bytes(ALLOWED_EMAIL_DOMAINS=','.join(MANY_DOMAINS), own=True)} of them "
          f"its own); Lambda allows {ENVIRONMENT}"),
    *(_both({"tokenClaims": claims},
            f"tokenClaims makes the environment of the pre_token_generation function "
            f"{_bytes(CLAIMS_JSON=json.dumps(claims, sort_keys=True), ALLOWED_EMAIL_DOMAINS='')} bytes (as Lambda "
            f"measures it, the JSON of all its variables; "
            f"{_bytes(CLAIMS_JSON=json.dumps(claims, sort_keys=True), own=True)} of them its own); Lambda allows "
            f"{ENVIRONMENT}")
      # The second counts under 4096 as names plus values, but the quotes JSON escapes do count.
      for claims in (MANY_CLAIMS, {f"c{i:02d}": "v" * 28 for i in range(100)})),
    *(refused("format", "triggers.PreSignUp.environment", {name: "x"},
              f"{ENVIRONMENT_MAP}; {show(name)} {why}")
      for name, why in (("AWS_REGION", "is reserved by Lambda"), ("_HANDLER", "is reserved by Lambda"),
                        ("1bad-key", "is not such a name"), ("B", "is not such a name"))),
    _both({"clients": {"spa": {**OAUTH, "oauthScopes": ["openid", "api/read"]}}},
          f'clients.spa.oauthScopes has ["api/read"]: a scope must be a standard one '
          f"({', '.join(limits.STANDARD_SCOPES)}) or <identifier>/<scope> of one of {NS}:resourceServers (none defined)"),
    _both({"clients": {"app": {**OAUTH, "oauthScopes": [LONG_SCOPE]}}},
          f"clients.app.oauthScopes has {show([LONG_SCOPE])}: a scope must be a standard one "
          f"({', '.join(limits.STANDARD_SCOPES)}) or <identifier>/<scope> of one of {NS}:resourceServers (none defined)"),
    _both({"authFlows": ["ALLOW_USER_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"], "userPoolTier": "LITE"},
          f'authFlows has ALLOW_USER_AUTH (choice-based sign-in), which needs {NS}:userPoolTier "ESSENTIALS" or "PLUS", not "LITE"'),
    _both({"clients": {"spa": {"authFlows": ["ALLOW_USER_AUTH"]}}, "userPoolTier": "LITE"},
          f'clients.spa.authFlows has ALLOW_USER_AUTH (choice-based sign-in), which needs {NS}:userPoolTier "ESSENTIALS" or "PLUS", not "LITE"'),
    # Names botocore's patterns refuse: control and zero-width characters.
    *(_entry_name("groups", name, group_name.allowed) for name in ("ad\u200bmins", "ad\x1fmins", "ad\u00admins")),
    *(_entry_name("clients", name, NAME_CHARS) for name in ("sp\x1fa", "sp\u200ba", "spä")),
    refused("format", "userPoolName", "pool\x1c", NAME_CHARS),
    # Integers as the CLI reads them (strconv.Atoi): refused by it first, then by the program.
    *(refused("type", "passwordMinimumLength", text, "a whole number")
      for text in (" 8 ", "1_0", ARABIC_EIGHT, "8" * 5000)),
    # A protected stack names its pool: renaming the stack must never replace it.
    Bad("contradiction", "userPoolName", {"protect": True},
        (f"{NS}:userPoolName is not set on this protected stack: set it to 'cognito-auth-dev' (its pool's "
         "name) in Pulumi.dev.yaml, so that renaming the stack can never rename the pool, which would "
         "replace it and lose its users",)),
    # A namespace a letter or a dash away from this program's is a typo, not another program's.
    *(Bad("unknown-key", key, {f"{namespace}:{key}": value},
          (f"{namespace}:{key} is not a setting of this program: its namespace is not {NS}; did you mean {NS}:{key}?",))
      for namespace, key, value in (("cognitoauth", "protect", True), ("cognito_auth", "passwordMinimumLength", 12),
                                    ("Cognito-Auth", "mfa", "ON"), ("cognito-auht", "protect", True),
                                    ("cognito", "protect", True), ("auth", "mfa", "ON"))),
]  # fmt: skip

# --- Sign-in beyond passwords and federation (issue 12): formats and contradictions ------
USER_AUTH = {"authFlows": ["ALLOW_USER_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]}
SAML = {"type": "SAML", "metadataUrl": "https://idp.example.com/metadata"}
FEDERATED = {"domainPrefix": "shop-auth", "identityProviders": {"Corp": SAML}}
RP_127 = "a" * 60 + "." + "b" * 62 + ".com"
NO_EFFECT_SMS = f"but neither {NS}:mfaSms nor SMS_OTP in {NS}:allowedFirstAuthFactors sends SMS: it would have no effect"
SIGN_IN = [
    refused("format", "passkeyRelyingPartyId", "https://auth.example.com", RP_ID),
    refused("format", "passkeyRelyingPartyId", "a" + RP_127, RP_ID),
    refused("format", "emailMfaMessage", "Your code", f"{EMAIL_CODE}; it has no {{####}}"),
    refused("format", "emailMfaMessage", "x" * 19995 + "{####}", EMAIL_CODE),
    refused("format", "smsAuthenticationMessage", "Code", SMS_CODE),
    refused("format", "smsAuthenticationMessage", "Your code", f"{SMS_CODE}; it has no {{####}}"),
    refused("format", "smsAuthenticationMessage", "x" * 135 + "{####}", SMS_CODE),
    refused("format", "smsExternalId", "has space", EXTERNAL_ID),
    refused("format", "smsExternalId", "x", EXTERNAL_ID),
    refused("format", "smsRoleArn", "arn:aws:iam::123:role/x", "an IAM role ARN"),
    refused("format", f"{IDP}.issuer", "http://idp.example.com",
            "an https:// URL (or http://localhost), without a fragment"),
    refused("format", f"{IDP}.apiVersion", "17.0", "a Graph API version such as v17.0"),
    refused("format", f"{IDP}.attributeMapping", {"x" * 33: "email"}, MAPPING),
    refused("format", f"{IDP}.attributeMapping", {"email": ""}, MAPPING),
    refused("format", f"{IDP}.clientId", " ", DETAIL),
    refused("format", "clients.app.identityProviders", ["has space"],
            f'a list of identity providers, each {PROVIDER_ENTRY}; "has space" is not'),
    *(Bad("format", f"identityProviders.{name}", {"identityProviders": {name: SAML}},
          (f"{NS}:identityProviders.{name} is not allowed: the name must be {PROVIDER_NAME}",))
      for name in ("my idp", "_corp", "ab", "x" * 33)),
    Bad("format", "identityProviders.Google.clientSecret",
        {"domainPrefix": "shop-auth", "identityProviders": {"Google": {
            "type": "Google", "clientId": "g", "clientSecret": "in-clear"}}},
        (f"{NS}:identityProviders.Google.clientSecret is in clear in the stack file: set it with "
         f"`pulumi config set --secret --path '{NS}:identityProviders.Google.clientSecret' <value>`, "
         "which keeps it encrypted there and in the state",)),
    _both({"allowedFirstAuthFactors": ["WEB_AUTHN"], "passkeyRelyingPartyId": "auth.example.com", **USER_AUTH},
          'allowedFirstAuthFactors is ["WEB_AUTHN"]: Cognito keeps PASSWORD among the first factors (clients '
          "without ALLOW_USER_PASSWORD_AUTH and ALLOW_USER_SRP_AUTH still never ask for one); add it"),
    _both({"allowedFirstAuthFactors": ["PASSWORD", "SMS_OTP"], "userPoolTier": "LITE", "mfaSms": False},
          f'allowedFirstAuthFactors has SMS_OTP, which needs {NS}:userPoolTier "ESSENTIALS" or "PLUS", not "LITE"',
          f"allowedFirstAuthFactors has SMS_OTP, but no app client allows ALLOW_USER_AUTH (choice-based "
          f"sign-in), the only flow that offers them: add it to {NS}:authFlows or to a client's authFlows"),
    _both({"allowedFirstAuthFactors": ["PASSWORD", "EMAIL_OTP"], **USER_AUTH},
          f"allowedFirstAuthFactors has EMAIL_OTP, which Cognito sends only through Amazon SES: set "
          f"{NS}:sesSourceArn to a verified SES identity"),
    _both({"mfa": "OPTIONAL", "mfaEmail": True},
          f"mfaEmail is true, but Cognito sends MFA codes by email only through Amazon SES: set "
          f"{NS}:sesSourceArn to a verified SES identity"),
    _both({"mfa": "OPTIONAL", "mfaEmail": True, "sesSourceArn": SES, "userPoolTier": "LITE"},
          f'mfaEmail is true, which needs {NS}:userPoolTier "ESSENTIALS" or "PLUS", not "LITE"'),
    _both({"mfaSms": True},
          f'mfaSms is true but {NS}:mfa is "OFF": set {NS}:mfa to "OPTIONAL" or "ON", or the factor '
          "would never be asked for"),
    _both({"mfa": "ON", "mfaTotp": True, "allowedFirstAuthFactors": ["PASSWORD", "EMAIL_OTP"],
           "sesSourceArn": SES, **USER_AUTH},
          f'mfa is "ON", so Cognito offers none of EMAIL_OTP from {NS}:allowedFirstAuthFactors: set '
          f'{NS}:mfa to "OPTIONAL", or keep PASSWORD alone'),
    _both({"allowedFirstAuthFactors": ["PASSWORD", "EMAIL_OTP"], "sesSourceArn": SES},
          f"allowedFirstAuthFactors has EMAIL_OTP, but no app client allows ALLOW_USER_AUTH (choice-based "
          f"sign-in), the only flow that offers them: add it to {NS}:authFlows or to a client's authFlows"),
    _both({"allowedFirstAuthFactors": ["PASSWORD", "WEB_AUTHN"], **USER_AUTH},
          f"allowedFirstAuthFactors has WEB_AUTHN but {NS}:passkeyRelyingPartyId is empty: passkeys are "
          "bound to a domain, your app's or the hosted UI's"),
    _both({"passkeyRelyingPartyId": "auth.example.com", "passkeyUserVerification": "required"},
          f"passkeyRelyingPartyId is set, but {NS}:allowedFirstAuthFactors has no WEB_AUTHN: it would have no effect",
          f"passkeyUserVerification is set, but {NS}:allowedFirstAuthFactors has no WEB_AUTHN: it would have no effect"),
    _both({"emailMfaMessage": "Code {####}"},
          f"emailMfaMessage is set, but {NS}:mfaEmail is false: it would have no effect"),
    _both({"smsRoleArn": GIVEN_SMS_ROLE, "smsAuthenticationMessage": "Code {####}"},
          f"smsRoleArn is set, {NO_EFFECT_SMS}", f"smsAuthenticationMessage is set, {NO_EFFECT_SMS}"),
    _both({"mfa": "OPTIONAL", "mfaTotp": True, "allowedFirstAuthFactors": ["PASSWORD", "SMS_OTP"], **USER_AUTH},
          f'allowedFirstAuthFactors has SMS_OTP and {NS}:mfa is "OPTIONAL", so SMS also becomes an MFA '
          f'factor: set {NS}:mfaSms to true to say so, or mfa to "OFF"'),
    _both({"domainPrefix": "shop-auth", "identityProviders": {"Gmail": {"type": "Google", "clientId": "g"}}},
          "identityProviders.Gmail has type Google, which Cognito requires to be named 'Google': rename the entry",
          "identityProviders.Gmail.clientSecret is missing; a Google provider needs it"),
    _both({"domainPrefix": "shop-auth", "identityProviders": {"Corp": {**SAML, "scopes": ["openid"]}}},
          "identityProviders.Corp.scopes is set, but a SAML provider does not take it"),
    _both({"domainPrefix": "shop-auth", "identityProviders": {"Corp": {**SAML, "metadataFile": "<x/>"}}},
          "identityProviders.Corp needs exactly one of metadataUrl and metadataFile"),
    _both({"domainPrefix": "shop-auth", "identityProviders": {"Okta": {"type": "OIDC", "teamId": "T"}}},
          "identityProviders.Okta.clientId is missing; an OIDC provider needs it",
          "identityProviders.Okta.clientSecret is missing; an OIDC provider needs it",
          "identityProviders.Okta.issuer is missing; an OIDC provider needs it",
          "identityProviders.Okta.teamId is set, but an OIDC provider does not take it"),
    _both({**FEDERATED, "identityProviders": {"Corp": {**SAML, "attributeMapping": {"tenant": "t"}}}},
          'identityProviders.Corp.attributeMapping maps "tenant", which is not an attribute of the pool: a '
          f"standard one (email, name, given_name, ...) or custom:<name> of {NS}:customAttributes (none defined)"),
    _both({"identityProviders": {"Corp": SAML}},
          f"identityProviders has Corp, but {NS}:domainPrefix and {NS}:customDomain are empty: federated "
          "sign-in goes through the pool's hosted UI domain, where each provider sends its users back (/oauth2/idpresponse, "
          "/saml2/idpresponse)"),
    _both({**FEDERATED, "clients": {"web": {"identityProviders": ["COGNITO", "Okta"]}}},
          f'clients.web.identityProviders has "Okta", which is not COGNITO or one of {NS}:identityProviders (Corp)'),
    _both({**FEDERATED, "clients": {"web": {"identityProviders": ["Corp"]}}},
          f"clients.web.identityProviders has Corp, but {NS}:clients.web.oauthFlows is empty: federated "
          "sign-in is an OAuth sign-in through the hosted UI"),
]  # fmt: skip

# --- Hardening, messages and adoption (issue 13) -------------------------------------------

EMAIL_ONLY_WITH_SES = "is set but {ns}:sesSourceArn is empty: Cognito takes email templates only when it sends through your SES identity"
NO_REFRESH_FLOW = ("ALLOW_REFRESH_TOKEN_AUTH: a rotating client refreshes with "
                   "GetTokensFromRefreshToken only, so remove that flow")  # fmt: skip
LONG_MESSAGE = "{####}" + "x" * (limits.EMAIL_MESSAGE_LENGTH[1] - 6)
HARDENING = [
    refused("format", "verificationEmailMessage", "Your code is ready.", f"{EMAIL_CODE_MESSAGE.allowed}; it has no {{####}}"),
    refused("format", "verificationEmailMessageByLink", "Click {####} now", f"{EMAIL_LINK_MESSAGE.allowed}; it has no {{##link text##}}"),
    refused("format", "invitationEmailMessage", "Hello {username}", f"{INVITATION_EMAIL.allowed}; it has no {{####}}"),
    refused("format", "invitationSmsMessage", "Password {####}", f"{INVITATION_SMS.allowed}; it has no {{username}}"),
    refused("format", "verificationSmsMessage", "Hello there", f"{SMS_CODE_MESSAGE.allowed}; it has no {{####}}"),
    refused("format", "verificationEmailSubject", "Bell\x07", EMAIL_SUBJECT.allowed),
    refused("bound", "verificationSmsMessage", "{###}", SMS_CODE_MESSAGE.allowed),
    refused("bound", "invitationSmsMessage", "{username}{####}" + "x" * 125, INVITATION_SMS.allowed),
    refused("bound", "verificationEmailSubject", "x" * 141, EMAIL_SUBJECT.allowed),
    refused("bound", "verificationEmailMessage", LONG_MESSAGE + "x", EMAIL_CODE_MESSAGE.allowed),
    refused("format", "tags", {"aws:team": "x"}, f'{tag_map.allowed}; the key "aws:team" starts with aws:'),
    refused("format", "tags", {"AWS:team": "x"}, f'{tag_map.allowed}; the key "AWS:team" starts with aws:'),
    refused("format", "tags", {"Team": "a", "team": "b"}, f'{tag_map.allowed}; "Team" and "team" differ only in case'),
    refused("format", "tags", {"a#b": "x"}, f'{tag_map.allowed}; the key "a#b" is not such a key'),
    refused("format", "tags", {"team": "a;b"}, f'{tag_map.allowed}; the value of "team" is not such a value'),
    refused("bound", "tags", {"k" * 129: "x"}, f'{tag_map.allowed}; the key {show("k" * 129)} is not such a key'),
    refused("bound", "tags", {"team": "v" * 257}, f'{tag_map.allowed}; the value of "team" is not such a value'),
    refused("bound", "tags", {f"t{i:02d}": "x" for i in range(51)}, f"{tag_map.allowed}; it has 51"),
    refused("format", "importUserPoolId", "pool-1", STRINGS["importUserPoolId"]),
    refused("bound", "importUserPoolId", "us-east-1_" + "a" * 46, STRINGS["importUserPoolId"]),
    refused("format", "clients.app.importId", "abc-def", STRINGS["clients.app.importId"]),
    _both({"challengeRequiredOnNewDevice": True},
          f'challengeRequiredOnNewDevice is true but {NS}:deviceTracking is "OFF": there are no remembered devices'),
    _both({"challengeRequiredOnNewDevice": True, "deviceTracking": "ALWAYS"},
          f'challengeRequiredOnNewDevice is true but {NS}:mfa is "OFF": a remembered device replaces an MFA code, and there is none'),
    *(_both({key: value}, f"{key} " + EMAIL_ONLY_WITH_SES.format(ns=NS)) for key, value in (
        ("verificationEmailSubject", "Your code"), ("verificationEmailMessage", "Code {####}"),
        ("verificationEmailSubjectByLink", "Confirm"), ("verificationEmailMessageByLink", "{##Verify##}"),
        ("invitationEmailSubject", "Welcome"), ("invitationEmailMessage", "{username} {####}"))),
    _both({"verificationEmailOption": "CONFIRM_WITH_LINK"},
          f'verificationEmailOption is "CONFIRM_WITH_LINK" but {NS}:domainPrefix is empty: the link opens the pool\'s hosted UI domain'),
    _both({"refreshTokenRotation": True}, f"refreshTokenRotation is true but {NS}:authFlows has {NO_REFRESH_FLOW}"),
    _both({"clients": {"app": {"refreshTokenRotation": True}}},
          f"clients.app.refreshTokenRotation is true but {NS}:authFlows has {NO_REFRESH_FLOW}"),
    _both({"clients": {"app": {"refreshTokenRotation": True, "authFlows": ["ALLOW_REFRESH_TOKEN_AUTH"]}}},
          f"clients.app.refreshTokenRotation is true but {NS}:clients.app.authFlows has {NO_REFRESH_FLOW}"),
    _both({"refreshTokenGracePeriodSeconds": 30},
          f"refreshTokenGracePeriodSeconds is 30 but {NS}:refreshTokenRotation is false: the grace period would have no effect"),
    _both({"userActivityLogs": True}, f'userActivityLogs is true, which needs {NS}:userPoolTier "PLUS", not "ESSENTIALS"'),
    _both({"userActivityLogs": True, "userPoolTier": "PLUS"},
          f'userActivityLogs is true but {NS}:threatProtection is "OFF": the user-activity logs are threat protection\'s'),
    _both({"clients": {"app": {"importId": "abc"}}},
          f'clients.app.importId is "abc" but {NS}:importUserPoolId is empty: a client is adopted with its pool'),
]  # fmt: skip
HARDENING_GOOD = [
    Good("deviceTracking", {"deviceTracking": "ALWAYS"}),
    Good("challengeRequiredOnNewDevice", {"deviceTracking": "USER_OPT_IN", "challengeRequiredOnNewDevice": True,
                                          "mfa": "ON", "mfaTotp": True}),
    Good("verificationEmailMessage", {"sesSourceArn": SES, "verificationEmailMessage": LONG_MESSAGE,
                                      "verificationEmailSubject": "x" * limits.EMAIL_SUBJECT_LENGTH[1]}),
    Good("verificationEmailMessageByLink", {"sesSourceArn": SES, "domainPrefix": "example-shop",
                                            "verificationEmailOption": "CONFIRM_WITH_LINK",
                                            "verificationEmailMessageByLink": "{##Verify Email##}"}),
    Good("invitationEmailMessage", {"sesSourceArn": SES, "invitationEmailMessage": "{username}{####}",
                                    "invitationSmsMessage": "{username}{####}" + "x" * 124,
                                    "verificationSmsMessage": "{####}"}),
    Good("tags", {"tags": {f"t{i}": "x" for i in range(limits.MAX_TAGS)}}),
    Good("tags", {"tags": {"k" * 128: "v" * 256, "Équipe données": "a b_c.d:e/f=g+h-i@j", "empty": ""}}),
    Good("refreshTokenRotation", {"refreshTokenRotation": True, "authFlows": ["ALLOW_USER_SRP_AUTH"]}),
    Good("userNotificationLogs", {"userNotificationLogs": True}),
    Good("userActivityLogs", {"userActivityLogs": True, "userPoolTier": "PLUS", "threatProtection": "AUDIT"}),
    Good("usernameCaseSensitive", {"usernameCaseSensitive": True, "usernameAttributes": []}),
]  # fmt: skip

# --- OAuth (issue 12): machine clients, resource servers, the custom domain, managed login ----

M2M = {"public": False, "oauthFlows": ["client_credentials"], "oauthScopes": [f"{API}/read"]}
ORDERS = {"orders": {"identifier": API, "scopes": {"read": "Read orders"}}}
CERT_ARN = "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c"
STANDARD = ", ".join(limits.STANDARD_SCOPES)
NO_STYLE = ("which shows a client no pages until it has a style: set {ns}:clients.spa.managedLoginBranding "
            "to \"cognito\" (Cognito's default) or a settings file")  # fmt: skip


def _m2m(client: dict, *problems: str) -> Bad:
    return _both({"resourceServers": ORDERS, "clients": {"m2m": {**M2M, **client}}}, *problems)


OAUTH_ROWS = [
    refused("bound", "resourceServers.orders.scopes", {f"s{i}": "d" for i in range(101)}, "a map of at most 100 scopes",
            shown=show(dict(sorted({f"s{i}": "d" for i in range(101)}.items())))),  # as the CLI passes it
    refused("bound", "resourceServers.orders.scopes", {"read": "d" * 257}, f'{SCOPE_MAP}; the description of "read" is not'),
    refused("bound", "resourceServers.orders.scopes", {"read": ""}, f'{SCOPE_MAP}; the description of "read" is not'),
    refused("bound", "resourceServers.orders.identifier", "i" * 257, IDENTIFIER),
    Bad("bound", "resourceServers", {"resourceServers": {f"s{i}": {"identifier": f"s{i}"} for i in range(26)}},
        (f"{NS}:resourceServers has 26 entries; a pool holds at most {limits.MAX_RESOURCE_SERVERS}",)),
    refused("format", "resourceServers.orders.scopes", {"orders/read": "d"}, f'{SCOPE_MAP}; the name "orders/read" is not'),
    refused("format", "resourceServers.orders.identifier", "has space", IDENTIFIER),
    _entry_name("resourceServers", "bad/name", NAME_CHARS),
    refused("format", "customDomain", "Auth.Example.com", CUSTOM_DOMAIN),
    refused("format", "customDomain", "auth", CUSTOM_DOMAIN),
    refused("format", "customDomainCertificateArn", CERT_ARN.replace("us-east-1", "eu-west-1"),
            f"{CERTIFICATE}, not one in eu-west-1: CloudFront, which serves a custom domain, takes "
            "certificates from us-east-1 only"),
    refused("format", "customDomainCertificateArn", "arn:aws:iam::123456789012:role/x", CERTIFICATE),
    refused("format", "customDomainHostedZoneId", "z0123", "empty or a Route 53 hosted zone id (Z...)"),
    refused("format", "clients.app.managedLoginBranding", "brand.yaml", BRANDING),
    refused("format", "clients.app.managedLoginBranding", "missing.json", f"{BRANDING}; there is no file missing.json"),
    Bad("required", "resourceServers.orders.identifier", {"resourceServers": {"orders": {"scopes": {}}}},
        (f"{NS}:resourceServers.orders.identifier is missing; it is required",)),
    _m2m({"public": True},
         f"clients.m2m.oauthFlows has client_credentials, which needs a confidential client: set "
         f"{NS}:clients.m2m.public to false (the client gets a secret, exported as a Pulumi secret)"),
    _m2m({"oauthFlows": ["client_credentials", "code"], "callbackUrls": [URL]},
         "clients.m2m.oauthFlows mixes client_credentials with code: Cognito takes a machine's grant "
         "or users' grants on one client, not both; give each a client of its own"),
    _m2m({"oauthScopes": ["openid"]},
         f"clients.m2m.oauthFlows has client_credentials but {NS}:clients.m2m.oauthScopes has no scope "
         f"of {NS}:resourceServers: a machine's token carries only <identifier>/<scope> scopes",
         'clients.m2m.oauthScopes has ["openid"], which a machine\'s token never carries (no user signs in '
         "through client_credentials): remove them"),
    _m2m({"oauthScopes": [f"{API}/read", "email"]},
         'clients.m2m.oauthScopes has ["email"], which a machine\'s token never carries (no user signs in '
         "through client_credentials): remove them"),
    _m2m({"oauthScopes": [f"{API}/delete"]},
         f'clients.m2m.oauthScopes has ["{API}/delete"]: a scope must be a standard one ({STANDARD}) or '
         f'<identifier>/<scope> of one of {NS}:resourceServers (["{API}/read"])',
         f"clients.m2m.oauthFlows has client_credentials but {NS}:clients.m2m.oauthScopes has no scope "
         f"of {NS}:resourceServers: a machine's token carries only <identifier>/<scope> scopes"),
    _m2m({"logoutUrls": [URL]},
         f"clients.m2m has callback or logout URLs but {NS}:clients.m2m.oauthFlows is client_credentials "
         "alone: they would have no effect"),
    _m2m({"authFlows": ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]},
         f"clients.m2m.authFlows has ALLOW_USER_SRP_AUTH, but a client_credentials client signs no user "
         f"in: leave {NS}:clients.m2m.authFlows out (it then has only ALLOW_REFRESH_TOKEN_AUTH)"),
    _both({"resourceServers": {**ORDERS, "payments": {"identifier": API}}},
          f'resourceServers.payments.identifier is "{API}", the identifier of {NS}:resourceServers.orders '
          "too: each resource server needs its own"),
    _both({"customDomain": "auth.example.com"},
          f'customDomain is "auth.example.com", which needs {NS}:customDomainCertificateArn (an ACM '
          f"certificate in us-east-1) or {NS}:customDomainHostedZoneId (a Route 53 hosted zone to "
          "create and validate one in)"),
    _both({"customDomain": "auth.example.com", "customDomainCertificateArn": CERT_ARN,
           "customDomainHostedZoneId": "Z0123"},
          f"customDomainCertificateArn and {NS}:customDomainHostedZoneId are both set: give the ARN of "
          "an issued certificate, or the hosted zone to create and validate one in"),
    _both({"customDomainHostedZoneId": "Z0123"},
          f"customDomainHostedZoneId is set but {NS}:customDomain is empty: it would have no effect"),
    _both({"managedLoginVersion": 2},
          f"managedLoginVersion is 2 but neither {NS}:domainPrefix nor {NS}:customDomain is set: "
          "managed login is served on a domain"),
    _both({"managedLoginVersion": 2, "domainPrefix": "shop", "userPoolTier": "LITE"},
          f'managedLoginVersion is 2 (managed login), which needs {NS}:userPoolTier "ESSENTIALS" or '
          '"PLUS", not "LITE"'),
    _both({"managedLoginVersion": 2, "domainPrefix": "shop", "clients": {"spa": OAUTH}},
          f"clients.spa.oauthFlows has code on managed login ({NS}:managedLoginVersion 2), "
          + NO_STYLE.format(ns=NS)),
    _both({"domainPrefix": "shop", "clients": {"spa": {**OAUTH, "managedLoginBranding": "cognito"}}},
          f"clients.spa.managedLoginBranding is set, but {NS}:managedLoginVersion is 1: a branding style "
          "styles managed login (2), not the classic hosted UI"),
    _both({"managedLoginVersion": 2, "domainPrefix": "shop",
           "clients": {"spa": {"managedLoginBranding": "cognito"}}},
          f"clients.spa.managedLoginBranding is set, but {NS}:clients.spa.oauthFlows has neither code "
          "nor implicit: the client shows no sign-in pages to style"),
]  # fmt: skip

BAD = (
    TYPE
    + BOUND
    + ENUM
    + LIST
    + FORMAT
    + REQUIRED
    + CONTRADICTION
    + UNKNOWN_KEY
    + GUARDS
    + HARDENING
    + OAUTH_ROWS
    + SIGN_IN
)


# --- Accepted: the inside neighbour of each bound, and each contradiction resolved --------


OAUTH_LISTS = ("clients.app.oauthFlows", "clients.app.oauthScopes", "clients.app.callbackUrls",
               "clients.app.logoutUrls")  # fmt: skip


# What an inside value needs beside it to mean anything (a grace period needs rotation).
ROTATING = {"refreshTokenRotation": True, "authFlows": ["ALLOW_USER_SRP_AUTH"]}
NEEDS = {
    "refreshTokenGracePeriodSeconds": ROTATING,
    "clients.app.refreshTokenGracePeriodSeconds": ROTATING,
}


def _inside():
    for key, (low, high) in INTS.items():
        yield Good(key, {**NEEDS.get(key, {}), **setting(key, low)})
        if high is not None:
            yield Good(key, {**NEEDS.get(key, {}), **setting(key, high)})
    for days in limits.LOG_RETENTION_DAYS:
        yield Good("logRetentionDays", {"logRetentionDays": days})
    for key, (_, entry, may_be_empty) in LISTS.items():
        if key.startswith("identityProviders."):
            continue  # a provider that takes scopes has a secret: tests/test_sign_in.py
        if may_be_empty:
            yield Good(key, setting(key, []))
        if key in OAUTH_LISTS:  # OAuth lists only make sense together
            yield Good(key, {"clients": {"app": {**OAUTH, key.rpartition(".")[2]: [entry]}}})
        else:
            yield Good(key, setting(key, [entry]))


GOOD = [
    # Sign-in beyond passwords and federation (issue 12): each bound from inside, all at once.
    Good("allowedFirstAuthFactors", {"allowedFirstAuthFactors": list(limits.FIRST_AUTH_FACTORS),
         "sesSourceArn": SES, "passkeyRelyingPartyId": RP_127, "passkeyUserVerification": "required",
         "mfaSms": False, **USER_AUTH}),
    Good("emailMfaMessage", {"mfa": "OPTIONAL", "mfaEmail": True, "sesSourceArn": SES,
         "emailMfaMessage": "x" * 19994 + "{####}"}),
    Good("emailMfaMessage", {"mfa": "OPTIONAL", "mfaEmail": True, "sesSourceArn": SES,
         "emailMfaMessage": "{####}"}),
    Good("smsAuthenticationMessage", {"mfa": "OPTIONAL", "mfaSms": True,
         "smsAuthenticationMessage": "x" * 134 + "{####}",
         "smsExternalId": "x" * 1224}),
    Good("smsRoleArn", {"mfa": "ON", "mfaSms": True, "smsRoleArn": GIVEN_SMS_ROLE, "smsExternalId": "ab"}),
    Good("identityProviders", {**FEDERATED, "clients": {"web": {**OAUTH, "identityProviders": ["COGNITO", "Corp"]}}}),
    Good("identityProviders", {**FEDERATED, "customAttributes": {"tenant": {"type": "String"}},
         "identityProviders": {"Corp": {**SAML, "attributeMapping": {
             "custom:tenant": "tenant", **{a: a for a in limits.STANDARD_ATTRIBUTES}}}}}),
    Good("identityProviders", {"domainPrefix": "shop-auth", "customAttributes": {"t" * 20: {"type": "String"}},
         "identityProviders": {
         "x" * 32: {"type": "SAML", "metadataFile": "<EntityDescriptor/>",
                    "attributeMapping": {"custom:" + "t" * 20: "tenant"}}}}),
    *_inside(),
    Good("userPoolName", {"userPoolName": "x" * NAME_HIGH}),
    Good("userPoolName", {"userPoolName": ""}),  # empty means <project>-<stack>
    Good("userPoolName", {"userPoolName": "My pool+1,=.@-"}),
    Good("domainPrefix", {"domainPrefix": "x" * 63}),
    Good("defaultGroup", {"defaultGroup": "g" * GROUP_HIGH, "groups": {"g" * GROUP_HIGH: {}}}),
    Good("groups.admins.description", {"groups": {"admins": {"description": DESCRIPTION, "roleArn": ROLE}}}),
    Good("clients.app.oauthScopes", {"clients": {"app": {**OAUTH, "oauthScopes": list(limits.STANDARD_SCOPES)}}}),
    Good("clients.app.callbackUrls", {"clients": {"app": {**OAUTH, "callbackUrls": [LONG_URL]}}}),
    Good("clients.app.callbackUrls", {"clients": {"app": {**OAUTH, "callbackUrls": _urls(limits.MAX_URLS)}}}),
    Good("clients.app.logoutUrls", {"clients": {"app": {**OAUTH, "logoutUrls": _urls(limits.MAX_URLS)}}}),
    Good("clients.app.callbackUrls", {"clients": {"app": {**OAUTH, "callbackUrls": ["http://localhost:3000/cb?next=/a"]}}}),
    Good("clients.<name>", {"clients": {"c" * NAME_HIGH: {}}}),
    Good("groups.<name>", {"groups": {"g" * GROUP_HIGH: {}}}),
    Good("customAttributes.<name>", {"customAttributes": {"a" * ATTR_HIGH: {"type": "String"}}}),
    Good("customAttributes", {"customAttributes": {f"a{i}": {"type": "Boolean"} for i in range(limits.MAX_CUSTOM_ATTRIBUTES)}}),
    Good("sesSourceArn", {"sesSourceArn": SES}),
    Good("emailFrom", {"emailFrom": "Example <no-reply@example.com>", "sesSourceArn": SES}),
    Good("allowedEmailDomains", {"allowedEmailDomains": ["example.com", "corp.example.org"]}),
    Good("authFlows", {"authFlows": ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]}),
    Good("authFlows", {"authFlows": ["USER_PASSWORD_AUTH"]}),  # legacy values alone
    Good("mfa", {"mfa": "ON", "mfaTotp": True}),
    Good("threatProtection", {"threatProtection": "ENFORCED", "userPoolTier": "PLUS"}),
    Good("passwordHistorySize", {"passwordHistorySize": 0, "userPoolTier": "LITE"}),
    Good("refreshTokenValidityHours", {"refreshTokenValidityHours": 1, "accessTokenValidityMinutes": 60, "idTokenValidityMinutes": 60}),
    Good("clients.app.refreshTokenValidityHours", {"clients": {"app": {"refreshTokenValidityHours": 1, "accessTokenValidityMinutes": 60}}}),
    Good("triggers.PreTokenGeneration.lambdaVersion",
         {"tokenClaims": {"tenant": "acme"}, "userPoolTier": "LITE", "triggers": {"PreTokenGeneration": {"lambdaVersion": "V1_0"}}}),
    Good("kmsKeyArn", {"triggers": {"CustomSMSSender": {"functionArn": LAMBDA}}, "kmsKeyArn": KMS}),
    Good("triggers.PreSignUp.functionArn", {"triggers": {"PreSignUp": {"functionArn": LAMBDA}}, "autoVerifyEmail": False}),
    Good("triggers.PreSignUp.handler", {"triggers": {"CustomMessage": {"handler": "pre_sign_up"}}}),  # same settings: one function
    Good("customAttributes.tenant.minLength", {"customAttributes": {"tenant": {"type": "String", "minLength": 4, "maxLength": 4}}}),
    Good("customAttributes.score.minValue", {"customAttributes": {"score": {"type": "Number", "minValue": 4, "maxValue": 4}}}),
    Good("other:namespace", {"other-project:passwordMinLength": 1}),  # not this program's key
    Good("clients.<name>.oauthFlows", {"resourceServers": ORDERS, "clients": {"m2m": M2M}}),
    Good("resourceServers.orders.scopes", {"resourceServers": {"orders": {
        "identifier": API, "scopes": {f"s{i}": "d" * 256 for i in range(limits.MAX_RESOURCE_SERVER_SCOPES)}}}}),
    Good("resourceServers", {"resourceServers": {f"s{i}": {"identifier": f"s{i}"} for i in range(limits.MAX_RESOURCE_SERVERS)}}),
    Good("resourceServers.orders.identifier", {"resourceServers": {"orders": {"identifier": "i" * 256}}}),
    Good("customDomainCertificateArn", {"customDomain": "auth.example.com", "customDomainCertificateArn": CERT_ARN}),
    Good("customDomainHostedZoneId", {"customDomain": "auth.example.com", "customDomainHostedZoneId": "Z0123ABC"}),
    Good("managedLoginVersion", {"managedLoginVersion": 1}),
    Good("clients.app.managedLoginBranding", {"managedLoginVersion": 2, "domainPrefix": "shop",
         "clients": {"spa": {**OAUTH, "managedLoginBranding": "cognito"}}}),
    Good("allowedEmailDomains",  # the allow-list on LITE: its sign-in check in V1_0
         {"allowedEmailDomains": ["example.com"], "userPoolTier": "LITE", "triggers": {"PreTokenGeneration": {"lambdaVersion": "V1_0"}}}),
    Good("identityPool", IDENTITY),  # no statements: a role that may do nothing
    Good("authenticatedStatements", {**IDENTITY, "authenticatedStatements": {"Read": STATEMENT, "S" * 128: STATEMENT}}),
    # A whole service on named resources, and denied everywhere, are least privilege.
    Good("authenticatedStatements.Read.actions", {**IDENTITY, "authenticatedStatements": {
        "Own": {**STATEMENT, "actions": ["s3:*"]},
        "NoIam": {"effect": "Deny", "actions": ["iam:*"], "resources": ["*"]},
        "Put": {"effect": "Allow", "actions": ["mobiletargeting:PutEvents"], "resources": ["*"]}}}),
    Good("authenticatedStatements.Read.conditions", {**IDENTITY, "authenticatedStatements": {"Read": {**STATEMENT,
        "conditions": {"ForAnyValue:StringLike": {"s3:prefix": ["a/*", "b/*"]}, "Bool": {"aws:SecureTransport": "true"}}}}}),
    Good("unauthenticatedStatements", {**IDENTITY, "allowUnauthenticated": True,
                                       "unauthenticatedStatements": {"Read": STATEMENT}}),
    Good("alarmTopicArn", {"alarmTopicArn": TOPIC}),
    Good("triggerAlarms", {"triggerAlarms": False}),
    *HARDENING_GOOD,
]  # fmt: skip


# --- The tests ---------------------------------------------------------------------------


def _run(fake_aws, monitor, config: dict, check_types: bool = True):
    overrides = {key if ":" in key else f"{NS}:{key}": value for key, value in config.items()}
    return run_program(
        fake_aws, "dev", monitor=monitor, config_overrides=overrides, check_types=check_types
    )


DECLARED = load((ROOT / "Pulumi.yaml").read_text())["config"]


def cli_refusal(config: dict) -> str | None:
    """The CLI's sentence for a top-level value its declared type refuses, else None: the
    rule of Pulumi's ValidateConfigValue, restated for the values a stack file holds."""
    for key, value in config.items():
        spec = DECLARED.get(key) or {}
        text, structured = config_string(value), isinstance(value, (list, dict))
        wrong = {
            "string": structured,
            "integer": structured or not re.fullmatch(r"[+-]?[0-9]+", text),
            "boolean": structured or text not in ("true", "false"),
            "object": not isinstance(value, dict),
            "array": not isinstance(value, list) or not all(isinstance(v, str) for v in value),
        }.get(spec.get("type"), False)
        if wrong:
            kind = "array<string>" if spec["type"] == "array" else spec["type"]
            return f"Stack 'dev' with configuration key '{key}' must be of type '{kind}'"
    return None


def _assert_nothing_registered(fake_aws, monitor):
    assert fake_aws.resources == []
    assert [r.type for r in monitor.requests] == ["pulumi:pulumi:Stack"]


def _id(row) -> str:
    return f"{row.category}:{row.key}={json.dumps(row.config)}"[:70]


@pytest.mark.parametrize("row", BAD, ids=_id)
def test_bad_config_is_refused_by_name(fake_aws, monitor, row):
    refusal = cli_refusal(row.config)
    if refusal is not None:
        with pytest.raises(StackConfigError) as first:
            _run(fake_aws, monitor, row.config)
        assert str(first.value) == refusal
        assert fake_aws.resources == [] and monitor.requests == []
    with pytest.raises(ConfigError) as error:
        _run(fake_aws, monitor, row.config, check_types=refusal is None)
    assert error.value.problems == list(row.problems)
    if row.category != "unknown-key":  # which names the typo, then the key it is close to
        assert error.value.problems[0].startswith(f"{NS}:{row.key}")
    _assert_nothing_registered(fake_aws, monitor)


@pytest.mark.parametrize("row", GOOD, ids=lambda row: f"{row.key}={json.dumps(row.config)}"[:70])
def test_value_inside_the_bound_is_accepted(fake_aws, monitor, row):
    exports = _run(fake_aws, monitor, row.config)
    assert exports["userPoolId"]
    assert len(fake_aws.of_type("aws:cognito/userPool:UserPool")) == 1


def test_every_problem_is_reported_at_once(fake_aws, monitor):
    with pytest.raises(ConfigError) as error:
        _run(fake_aws, monitor, {"mfa": "NEVER", "triggerTimeoutSeconds": 30, "protectt": True})
    keys = sorted(p.split(" ")[0] for p in error.value.problems)
    assert keys == [
        "cognito-auth:mfa",
        "cognito-auth:protectt",
        "cognito-auth:triggerTimeoutSeconds",
    ]
    _assert_nothing_registered(fake_aws, monitor)


@pytest.mark.parametrize(
    "text",
    [
        "[" * 3000 + "]" * 3000,
        '{"a": ' + "[" * 3000 + "]" * 3000 + "}",
        '{"a": ' + "9" * 5000 + "}",
    ],
    ids=["nested", "nested-in-a-map", "5000-digits-in-a-map"],
)
def test_json_python_cannot_read_is_refused_as_written(text):
    """Nested thousands deep, or holding a 5000-digit integer: refused in one sentence."""
    from components.naming import config_naming
    from components.validation import validate

    with pytest.raises(ConfigError) as error:
        validate({"tokenClaims": text}, config_naming(NS), component="auth")
    (problem,) = error.value.problems
    assert problem.startswith(f"{NS}:tokenClaims is ") and len(problem) < 300, problem
    assert problem.endswith("it must be a map of names to strings")


LONG = 20_000
ONE_BAD = [f"d{i}.example.com" for i in range(LONG)]
ONE_BAD[12_345] = "BAD domain"


@pytest.mark.parametrize(
    ("config", "fragment"),
    [
        ({"allowedEmailDomains": ONE_BAD}, f'… ({LONG} entries); it must be a list of domains'),
        ({"clients": {"app": {"callbackUrls": ["https://app.example.com/cb"] * LONG}}},
         f"… ({LONG} entries); it must be a list of at most 100 URLs"),
        ({"tokenClaims": {f"c{i}": "v" for i in range(LONG)}},
         "makes the environment of the pre_token_generation function 368935 bytes"),
    ],
    ids=["one-bad-entry", "too-many", "too-big"],
)  # fmt: skip
def test_a_20000_item_value_gets_a_short_message(fake_aws, monitor, config, fragment):
    with pytest.raises(ConfigError) as error:
        _run(fake_aws, monitor, config)
    (problem,) = error.value.problems
    assert fragment in problem and len(problem) < 600, problem
    if config.get("allowedEmailDomains") is ONE_BAD:
        assert problem.endswith('"BAD domain" is not')
    _assert_nothing_registered(fake_aws, monitor)


# --- The table's coverage and its count --------------------------------------------------

EVERY_KEY = set(CONFIG_KEYS) | {
    f"{top}.<name>.{camel(field)}" for top, fields in RECORDS.items() for field in fields
}


def counts() -> dict[str, int]:
    """Refused rows per category, their total, and the accepted rows."""
    per = Counter(row.category for row in BAD)
    return {**dict(sorted(per.items())), "total": len(BAD), "accepted": len(GOOD)}


def test_the_kinds_name_every_key_once():
    named = [generic(key) for kind in KINDS for key in kind]
    assert len(named) == len(set(named))
    assert set(named) == EVERY_KEY


def test_every_key_has_its_rows():
    covered = defaultdict(set)
    for row in BAD:
        covered[row.category].add(generic(row.key))
    accepted = {generic(row.key) for row in GOOD}
    # Each difference lists the keys still missing their rows.
    assert EVERY_KEY - covered["type"] == set()
    assert EVERY_KEY - covered["unknown-key"] == set()
    ranged = {generic(key) for key in INTS} | {"logRetentionDays"}
    assert ranged - covered["bound"] == set() and ranged - accepted == set()
    assert {generic(key) for key in ENUMS} - covered["enum"] == set()
    assert {generic(key) for key in LISTS} - covered["list"] == set()
    # Every closed range is refused on both sides, an open one below.
    for key, (_, high) in INTS.items():
        outside = [row for row in BOUND if row.key == key]
        assert len(outside) >= (2 if high is not None else 1), key


def test_the_count_is_recorded(capsys):
    import runpy
    from pathlib import Path

    figures = counts()
    assert figures["total"] == sum(v for k, v in figures.items() if k not in ("total", "accepted"))
    assert figures["total"] >= 2 * len(EVERY_KEY)  # at least a wrong type and a typo per key
    script = Path(__file__).resolve().parent.parent / "bench" / "bad_input_count.py"
    runpy.run_path(str(script))["main"]([])
    printed = dict(line.split() for line in capsys.readouterr().out.splitlines())
    assert printed == {**{k: str(v) for k, v in figures.items()}, "keys": str(len(EVERY_KEY))}


def test_stack_config_that_keeps_the_app_client_says_so(fake_aws, monitor, caplog):
    exports = _run(fake_aws, monitor, {"clients": {"web": {"public": False}}})
    assert set(exports["clientIds"]) == {"app", "web"}
    notes = [r.getMessage() for r in caplog.records if "does not name app" in r.getMessage()]
    # Once, from the program, in the stack file's names (the component sees app already).
    assert notes == [
        f"{NS}:clients does not name app, so the default {NS}:clients.app is kept beside its "
        "entries: apps may hold its id, and it is a public client (sign-up and sign-in need no "
        f"secret); set {NS}:clients.app.enabled to false to remove it"
    ]


@pytest.mark.parametrize(
    "config",
    [
        {"x" * 200_000: True},
        {"clients": {"c" * 200_000: {}}},
        {"clients": {"app": {"y" * 200_000: 1}}},
        {f"cognitoauth:{'p' * 200_000}": True},
    ],
    ids=["key", "entry", "nested-key", "stray-namespace"],
)
def test_a_huge_name_is_cut_in_the_message(fake_aws, monitor, config):
    with pytest.raises(ConfigError) as error:
        _run(fake_aws, monitor, config)
    (problem,) = error.value.problems
    assert re.search(r"… \(2000\d\d characters\)", problem) and len(problem) < 500, problem[:500]


def test_twenty_thousand_problems_are_all_kept_and_fifty_listed(fake_aws, monitor):
    with pytest.raises(ConfigError) as error:
        _run(fake_aws, monitor, {"groups": {f"bad name {i}": {} for i in range(20_000)}})
    assert len(error.value.problems) == 20_000
    listed = str(error.value).splitlines()
    assert (
        len(listed) == 1 + 50 + 1
        and listed[-1] == "  - ... and 19950 more problems of the same kinds"
    )
    assert len(str(error.value)) < 10_000
    _assert_nothing_registered(fake_aws, monitor)
