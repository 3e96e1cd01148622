"""User pools: deletion protection (mandatory), MFA and the email sender (advisory), all on
production stacks only.

"Production" is the stack's name being in the policy config `productionStacks` (default
prod, production). It is deliberately not read from the pool (for example from its
deletion protection): a production stack that forgot the protection must still count as
production, or the mandatory rule could never fail.
"""

from collections.abc import Mapping
from typing import Any

from .common import (
    ADVISORY,
    MANDATORY,
    PRODUCTION_STACKS_SCHEMA,
    USER_POOL,
    Resource,
    is_production,
    is_unknown,
    resource_policy,
    stack_name,
)


def check_deletion_protection(pool: Resource, config: Mapping[str, Any]) -> list[str]:
    if pool.type != USER_POOL or not is_production(config):
        return []
    # Unset is INACTIVE: that is Cognito's default.
    value = pool.props.get("deletionProtection") or "INACTIVE"
    if is_unknown(value) or value == "ACTIVE":
        return []
    return [
        f"User pool '{pool.name}' on production stack '{stack_name(config)}' has deletion "
        f"protection {value}: set deletion_protection to ACTIVE so that no delete or "
        "replacement can remove its users."
    ]


def check_mfa(pool: Resource, config: Mapping[str, Any]) -> list[str]:
    if pool.type != USER_POOL or not is_production(config):
        return []
    value = pool.props.get("mfaConfiguration") or "OFF"  # Cognito's default
    if is_unknown(value) or value != "OFF":
        return []
    return [
        f"User pool '{pool.name}' on production stack '{stack_name(config)}' has MFA OFF: "
        "set mfa_configuration to OPTIONAL or ON so that users can add a second factor."
    ]


def _email_sending_account(props: Mapping[str, Any]) -> Any:
    email = props.get("emailConfiguration")
    if isinstance(email, list):  # a one-element block in some provider versions
        email = email[0] if email else None
    if is_unknown(email):
        return email
    if not isinstance(email, Mapping):
        return "COGNITO_DEFAULT"  # Cognito's default
    return email.get("emailSendingAccount") or "COGNITO_DEFAULT"


def _has_custom_email_sender(props: Mapping[str, Any]) -> bool:
    lambda_config = props.get("lambdaConfig")
    return isinstance(lambda_config, Mapping) and bool(lambda_config.get("customEmailSender"))


def check_email(pool: Resource, config: Mapping[str, Any]) -> list[str]:
    if pool.type != USER_POOL or not is_production(config):
        return []
    # A custom email sender trigger sends the messages itself: Cognito's cap does not apply.
    if _has_custom_email_sender(pool.props):
        return []
    account = _email_sending_account(pool.props)
    if is_unknown(account) or account != "COGNITO_DEFAULT":
        return []
    return [
        f"User pool '{pool.name}' on production stack '{stack_name(config)}' sends email "
        "with COGNITO_DEFAULT, which AWS caps at a few dozen messages a day: set "
        "email_configuration to DEVELOPER with an SES identity as its source_arn."
    ]


DELETION_PROTECTION = resource_policy(
    name="cognito-user-pool-deletion-protection",
    description="User pools on production stacks have deletion protection ACTIVE.",
    level=MANDATORY,
    types=[USER_POOL],
    check=check_deletion_protection,
    config_schema=PRODUCTION_STACKS_SCHEMA,
)

PRODUCTION_MFA = resource_policy(
    name="cognito-production-mfa",
    description="User pools on production stacks do not turn MFA OFF.",
    level=ADVISORY,
    types=[USER_POOL],
    check=check_mfa,
    config_schema=PRODUCTION_STACKS_SCHEMA,
)

PRODUCTION_EMAIL = resource_policy(
    name="cognito-production-email",
    description="User pools on production stacks send email through SES, not COGNITO_DEFAULT.",
    level=ADVISORY,
    types=[USER_POOL],
    check=check_email,
    config_schema=PRODUCTION_STACKS_SCHEMA,
)

POLICIES = [DELETION_PROTECTION, PRODUCTION_MFA, PRODUCTION_EMAIL]
