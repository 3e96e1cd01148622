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
NAME_PATTERN = r"[\w\s+=,.@-]+"
# Trigger functions are named "<component name>-<trigger>", and Lambda names stop at 64.
RESOURCE_PREFIX_PATTERN = r"[A-Za-z0-9_-]{1,40}"

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
