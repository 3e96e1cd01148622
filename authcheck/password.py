"""A throwaway password that satisfies a user pool's password policy (describe_user_pool's Policies.PasswordPolicy)."""

from __future__ import annotations

import secrets
import string

# Cognito counts these as symbols; a subset without quotes or spaces, so the password survives shells and logs.
SYMBOLS = "!@#%^*-_=+"
CLASSES = (string.ascii_uppercase, string.ascii_lowercase, string.digits, SYMBOLS)
DEFAULT_LENGTH = 20
MAX_LENGTH = (
    99  # Cognito's ceiling for MinimumLength; longer passwords are still accepted, but never needed
)


def generate_password(policy: dict | None = None) -> str:
    """Include every character class whether or not the policy requires it: a policy only ever adds requirements."""
    policy = policy or {}
    length = min(max(int(policy.get("MinimumLength") or 8), DEFAULT_LENGTH), MAX_LENGTH)
    chars = [secrets.choice(cls) for cls in CLASSES]
    alphabet = "".join(CLASSES)
    chars += [secrets.choice(alphabet) for _ in range(length - len(chars))]
    secrets.SystemRandom().shuffle(chars)
    return "".join(chars)
