"""AWS service limits that the component validates against.

Each range is copied from botocore's service models (cognito-idp, lambda, logs) or,
where the model is looser than the service, from the service's documented quota; the
test `tests/test_limits.py` reads the installed models and fails if a range here is no
longer inside the model's range. Kept apart from the rules so a limit change is a
one-line diff with its own test.
"""

PASSWORD_MIN_LENGTH = (6, 99)
# The API accepts 0 but silently turns it into 7, which would surprise a reader of the
# stack file, so 0 is refused.
TEMPORARY_PASSWORD_VALIDITY_DAYS = (1, 365)
PASSWORD_HISTORY_SIZE = (0, 24)

# Cognito's documented token lifetimes (the model only bounds the raw number).
ACCESS_TOKEN_VALIDITY_MINUTES = (5, 24 * 60)
ID_TOKEN_VALIDITY_MINUTES = (5, 24 * 60)
REFRESH_TOKEN_VALIDITY_HOURS = (1, 3650 * 24)
AUTH_SESSION_VALIDITY_MINUTES = (3, 15)

# Cognito waits 5 s for a trigger and never longer, so a longer Lambda timeout only
# hides a trigger that will fail.
TRIGGER_TIMEOUT_SECONDS = (1, 5)
# The lambda model allows up to 32768 MB (capacity-provider functions); on-demand
# functions, which triggers are, stop at 10240 MB.
LAMBDA_MEMORY_MB = (128, 10240)
LAMBDA_ARCHITECTURES = ("arm64", "x86_64")

LOG_RETENTION_DAYS = (
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731,
    1096, 1827, 2192, 2557, 2922, 3288, 3653,
)  # fmt: skip

NAME_LENGTH = (1, 128)
# botocore's UserPoolNameType and ClientNameType, Java regexes: \w and \s are ASCII there,
# so they are matched with re.ASCII (Python's would let in letters of every script and the
# control characters \x1c-\x1f, which Cognito refuses).
NAME_PATTERN = r"[\w\s+=,.@-]+"
# Trigger functions and their roles are autonamed "<component name>-<module>[-role]" plus
# Pulumi's 8-character suffix, and Lambda and IAM names stop at 64: 30 leaves room for the
# longest shipped module (pre-token-generation).
RESOURCE_PREFIX_PATTERN = r"[A-Za-z0-9_-]{1,30}"
AUTONAME_MAX = 64 - 8

MFA_CONFIGURATIONS = ("OFF", "ON", "OPTIONAL")
USER_POOL_TIERS = ("LITE", "ESSENTIALS", "PLUS")
THREAT_PROTECTION_MODES = ("OFF", "AUDIT", "ENFORCED")

# ALLOW_* values are the current form; the legacy values cannot be mixed with them.
AUTH_FLOWS = (
    "ALLOW_ADMIN_USER_PASSWORD_AUTH",
    "ALLOW_CUSTOM_AUTH",
    "ALLOW_USER_PASSWORD_AUTH",
    "ALLOW_USER_SRP_AUTH",
    "ALLOW_REFRESH_TOKEN_AUTH",
    "ALLOW_USER_AUTH",
)
LEGACY_AUTH_FLOWS = ("ADMIN_NO_SRP_AUTH", "CUSTOM_AUTH_FLOW_ONLY", "USER_PASSWORD_AUTH")

# The pattern of botocore's ArnType, narrowed to SES identities.
SES_IDENTITY_ARN_PATTERN = r"arn:aws[\w-]*:ses:[a-z0-9-]+:[0-9]{12}:identity/.+"
EMAIL_PATTERN = r"[^@\s]+@[^@\s]+\.[^@\s]+"
DOMAIN_PATTERN = r"(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}"
# An allow-list entry "*.example.com": any subdomain of example.com (not example.com itself).
SUBDOMAINS_PREFIX = "*."

# --- Triggers: Cognito's LambdaConfig members that name a function (triggers.py has a row
# for each). ---
TRIGGER_NAMES = (
    "PreSignUp", "CustomMessage", "PostConfirmation", "PreAuthentication",
    "PostAuthentication", "DefineAuthChallenge", "CreateAuthChallenge",
    "VerifyAuthChallengeResponse", "PreTokenGeneration", "UserMigration",
    "CustomSMSSender", "CustomEmailSender", "InboundFederation",
)  # fmt: skip
PRE_TOKEN_GENERATION_VERSIONS = ("V1_0", "V2_0", "V3_0")
CUSTOM_SENDER_VERSIONS = ("V1_0",)
# Token customisation beyond V1_0 (access tokens, M2M) is an ESSENTIALS/PLUS feature.
VERSIONS_NEEDING_ESSENTIALS = ("V2_0", "V3_0")
LAMBDA_ARN_PATTERN = (
    r"arn:aws[\w-]*:lambda:[a-z0-9-]+:[0-9]{12}:function:[A-Za-z0-9_-]{1,64}(:[A-Za-z0-9_$-]+)?"
)
# A key ARN, not an alias: IAM does not match an alias ARN against the key it names.
KMS_KEY_ARN_PATTERN = r"arn:aws[\w-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+"
IAM_ROLE_ARN_PATTERN = r"arn:aws[\w-]*:iam::[0-9]{12}:role/[\w+=,.@/-]{1,512}"
HANDLER_MODULE_PATTERN = r"[a-z_][a-z0-9_]{0,62}"
# Claims Cognito sets itself; a trigger may not override them. The PreTokenGeneration
# handler skips the same ones (tests/test_limits.py keeps the two lists equal).
RESERVED_CLAIMS = (
    "iss", "sub", "aud", "exp", "iat", "nbf", "jti", "origin_jti", "event_id",
    "token_use", "auth_time", "client_id", "scope", "username", "device_key",
    "acr", "amr", "at_hash", "azp", "nonce", "identities", "cognito:username",
)  # fmt: skip
RESERVED_CLAIM_PREFIXES = ("cognito:", "dev:")

# --- Clients (ClientNameType, OAuthFlowType, ScopeType, RedirectUrlType). ---
OAUTH_FLOWS = ("code", "implicit", "client_credentials")
SCOPE_PATTERN = r"[\x21\x23-\x5B\x5D-\x7E]{1,256}"
MAX_URLS = 100
URL_LENGTH = (1, 1024)

# --- Hosted UI domain (DomainType); AWS also refuses these words in a prefix. ---
DOMAIN_PREFIX_PATTERN = r"[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?"
DOMAIN_RESERVED_WORDS = ("aws", "amazon", "cognito")

# --- Groups (GroupNameType, PrecedenceType, DescriptionType). ---
GROUP_NAME_LENGTH = (1, 128)
# GroupNameType is [\p{L}\p{M}\p{S}\p{N}\p{P}]+: letters, marks, symbols, numbers and
# punctuation of any script; no spaces, control or format (zero-width) characters.
GROUP_NAME_CATEGORIES = ("L", "M", "S", "N", "P")
# PrecedenceType: a non-negative Java int.
GROUP_PRECEDENCE = (0, 2**31 - 1)
DESCRIPTION_MAX = 2048

# --- Custom attributes (CustomAttributeNameType, AttributeDataType). ---
ATTRIBUTE_NAME_LENGTH = (1, 20)
ATTRIBUTE_TYPES = ("String", "Number", "DateTime", "Boolean")
STRING_ATTRIBUTE_LENGTH = (0, 2048)
MAX_CUSTOM_ATTRIBUTES = 50

# --- Lambda environment (EnvironmentVariableName; the developer guide's quotas). ---
ENVIRONMENT_NAME_PATTERN = r"[a-zA-Z]([a-zA-Z0-9_])+"
# All of a function's variables together, names and values, in bytes.
ENVIRONMENT_MAX_BYTES = 4096
# Set by Lambda itself; a function may not set them.
RESERVED_ENVIRONMENT = (
    "_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION", "AWS_REGION", "AWS_EXECUTION_ENV",
    "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_FUNCTION_VERSION",
    "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME",
    "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
    "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR",
)  # fmt: skip

# --- OAuth scopes a client may ask for without a resource server. ---
STANDARD_SCOPES = ("openid", "email", "phone", "profile", "aws.cognito.signin.user.admin")
# Choice-based sign-in (ALLOW_USER_AUTH) is an ESSENTIALS/PLUS feature.
FLOWS_NEEDING_ESSENTIALS = ("ALLOW_USER_AUTH",)

# --- Identity pool (cognito-identity's IdentityPoolName; IAM's policy grammar and quotas). ---
# IdentityPoolName is 1 to 128 of [\w\s+=,.@-], as a user pool name: it takes the pool's.
IDENTITY_POOL_NAME_LENGTH = (1, 128)
# A statement's Sid: ASCII letters and digits only (IAM's policy grammar).
STATEMENT_SID_PATTERN = r"[A-Za-z0-9]{1,128}"
STATEMENT_EFFECTS = ("Allow", "Deny")
# <service prefix>:<action>, with * and ? as wildcards inside the action; "*" alone (every
# action of every service) matches none of it.
IAM_ACTION_PATTERN = r"[a-z0-9-]{1,64}:[A-Za-z0-9*?]{1,128}"
IAM_RESOURCE_PATTERN = r"\*|arn:[^\s]{1,2046}"
# Condition operators (StringEquals, ForAnyValue:StringLike, ...IfExists) and keys.
IAM_CONDITION_OPERATOR_PATTERN = r"((ForAnyValue|ForAllValues):)?[A-Za-z]{1,64}"
IAM_CONDITION_KEY_PATTERN = r"[A-Za-z0-9-]{1,64}(:[^\s]{1,256})?"
# Inline policies of one role together, in characters without whitespace (IAM quota).
ROLE_POLICY_MAX_CHARACTERS = 10240

# --- Trigger alarms (CloudWatch's AlarmActions: an SNS topic ARN). ---
SNS_TOPIC_ARN_PATTERN = r"arn:aws[\w-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,256}"
# --- Messages (VerificationMessageTemplateType, MessageTemplateType). Cognito refuses a
# verification message without its code placeholder, a link message without {##...##}, and
# an invitation without the username and the temporary password. ---
EMAIL_MESSAGE_LENGTH = (6, 20000)
EMAIL_SUBJECT_LENGTH = (1, 140)
SMS_MESSAGE_LENGTH = (6, 140)
CODE_PLACEHOLDER = "{####}"
USERNAME_PLACEHOLDER = "{username}"
# The link text may not be empty: {####} (the code placeholder) would match the model's
# pattern, but leaves nothing to click.
LINK_PLACEHOLDER_PATTERN = r"\{##[^#].*?##\}"
DEFAULT_EMAIL_OPTIONS = ("CONFIRM_WITH_CODE", "CONFIRM_WITH_LINK")

# --- Devices (DeviceConfigurationType): off, every confirmed device remembered, or only
# those the user chooses to remember. ---
DEVICE_TRACKING = ("OFF", "ALWAYS", "USER_OPT_IN")

# --- Refresh-token rotation (RetryGracePeriodSecondsType). ---
REFRESH_TOKEN_GRACE_SECONDS = (0, 60)

# --- Tags: the strictest of the services the component tags (Cognito's TagKeysType and
# TagValueType, IAM's and CloudWatch Logs' patterns, 50 tags a resource); every service
# reserves the aws: prefix. ---
TAG_KEY_LENGTH = (1, 128)
TAG_VALUE_MAX = 256
MAX_TAGS = 50
# \p{L}\p{Z}\p{N} and _ . : / = + - @, as the IAM and CloudWatch Logs models write them.
TAG_CHAR_CATEGORIES = ("L", "Z", "N")
TAG_PUNCTUATION = "_.:/=+-@"
RESERVED_TAG_PREFIX = "aws:"

# --- Adoption (UserPoolIdType, ClientIdType, UsernameAttributeType). ---
USER_POOL_ID_PATTERN = r"[\w-]+_[0-9a-zA-Z]+"
USER_POOL_ID_LENGTH = (1, 55)
CLIENT_ID_PATTERN = r"[\w+]{1,128}"
USERNAME_ATTRIBUTES = ("email", "phone_number")
# --- Machine-to-machine: resource servers (ResourceServerIdentifierType, ...NameType,
# ...ScopeNameType, ...ScopeDescriptionType, ResourceServerScopeListType). ---
RESOURCE_SERVER_IDENTIFIER_PATTERN = r"[\x21\x23-\x5B\x5D-\x7E]{1,256}"
RESOURCE_SERVER_SCOPE_NAME_PATTERN = r"[\x21\x23-\x2E\x30-\x5B\x5D-\x7E]{1,256}"
RESOURCE_SERVER_SCOPE_DESCRIPTION_LENGTH = (1, 256)
MAX_RESOURCE_SERVER_SCOPES = 100
# The service quota (the model has no bound on a pool's list).
MAX_RESOURCE_SERVERS = 25
# The flows a user signs in with through the hosted UI; client_credentials signs no user in.
USER_OAUTH_FLOWS = ("code", "implicit")
MACHINE_OAUTH_FLOW = "client_credentials"
# What a machine client keeps of explicit auth flows: it signs no user in.
MACHINE_AUTH_FLOWS = ("ALLOW_REFRESH_TOKEN_AUTH",)

# --- Custom domains and managed login (CustomDomainConfigType, ManagedLoginVersion). ---
# DomainType's pattern is the prefix's; a custom domain is a full name, as the API docs say.
CUSTOM_DOMAIN_PATTERN = r"(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}"
# CloudFront serves a custom domain, and CloudFront takes certificates from us-east-1 only.
CERTIFICATE_REGION = "us-east-1"
ACM_CERTIFICATE_ARN_PATTERN = (
    r"arn:aws[\w-]*:acm:([a-z0-9-]+):[0-9]{12}:certificate/[A-Za-z0-9-]{1,128}"
)
HOSTED_ZONE_ID_PATTERN = r"[A-Z0-9]{1,32}"
MANAGED_LOGIN_VERSIONS = (1, 2)  # 1: the classic hosted UI; 2: managed login
# Managed login (version 2), and so its branding styles, needs a plan other than LITE.
MANAGED_LOGIN_NEEDS_TIER = ("ESSENTIALS", "PLUS")
BRANDING_DEFAULT = "cognito"  # a client's branding: Cognito's own style

# --- Sign-in beyond passwords (SignInPolicyType, WebAuthnConfigurationType, EmailMfaConfigType,
# SmsConfigurationType, IdentityProviderTypeType). ---
# AuthFactorType, less SOFTWARE_TOKEN, which the model says is not a first factor.
FIRST_AUTH_FACTORS = ("PASSWORD", "EMAIL_OTP", "SMS_OTP", "WEB_AUTHN")
# Every factor but PASSWORD is choice-based sign-in, an ESSENTIALS/PLUS feature.
PASSWORDLESS_FACTORS = ("EMAIL_OTP", "SMS_OTP", "WEB_AUTHN")
RELYING_PARTY_ID_LENGTH = (1, 127)
PASSKEY_USER_VERIFICATION = ("preferred", "required")
# The email MFA message (EmailMfaMessageType) and the SMS authentication message
# (SmsVerificationMessageType) take the verification messages' bounds, below.
EXTERNAL_ID_LENGTH = (2, 1224)  # IAM's sts:ExternalId
PROVIDER_TYPES = ("Google", "Facebook", "LoginWithAmazon", "SignInWithApple", "OIDC", "SAML")
# ProviderNameTypeV2: no spaces, no underscore first or after the second character; "COGNITO"
# names the pool's own users in a client's supported identity providers.
PROVIDER_NAME_PATTERN = r"[^_\s][^\s][^_\s]{1,30}"
PROVIDER_NAME_RESERVED = ("COGNITO",)
ATTRIBUTE_MAPPING_KEY_LENGTH = (1, 32)
PROVIDER_DETAIL_MAX = 131072  # StringType
# The pool's standard attributes (the Cognito developer guide's list, OpenID Connect's
# standard claims), which an identity provider's attributes may be mapped to, beside the
# pool's custom:<name> attributes; email_verified and phone_number_verified may be mapped too.
STANDARD_ATTRIBUTES = (
    "address", "birthdate", "email", "email_verified", "family_name", "gender", "given_name",
    "locale", "middle_name", "name", "nickname", "phone_number", "phone_number_verified",
    "picture", "preferred_username", "profile", "updated_at", "website", "zoneinfo",
)  # fmt: skip
