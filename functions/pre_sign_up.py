"""Cognito PreSignUp trigger: auto-confirm new users, and keep sign-up to allowed domains.

Standard library only and no network calls, so a cold start costs milliseconds and the
handler stays far inside Cognito's 5-second wait. It only edits the event it is given, so
a retried call gives the same answer (idempotent).

Behaviour comes from environment variables set by the component:
  AUTO_CONFIRM_USERS     "true" to confirm sign-ups at once
  AUTO_VERIFY_EMAIL      "true" to mark the email verified (only when there is one)
  ALLOWED_EMAIL_DOMAINS  comma-separated lowercase domains ("*.example.com": its
                         subdomains); empty means anyone
"""

import os

# Cognito ignores the auto-confirm/verify flags for users an administrator creates.
_SELF_SIGN_UP = ("PreSignUp_SignUp", "PreSignUp_ExternalProvider")

# Shown to the end user as "PreSignUp failed with error <message>": nothing internal.
REFUSAL_MESSAGE = "Sign-up is not open to this email domain."


def _json(record: dict) -> str:
    """One flat record as a JSON object. The json module would cost ~5 ms of imports
    (re, enum) at every cold start for a line of strings, booleans and nulls."""

    def value(v) -> str:
        if v is None or isinstance(v, bool):
            return {None: "null", True: "true", False: "false"}[v]
        # Lambda delivers any JSON: a 5,000-digit number or a list nested 10,000 deep must
        # not make the log line itself raise (str() refuses such an int).
        text = v if isinstance(v, str) and len(v) <= 256 else f"<{type(v).__name__}>"
        text = text.replace("\\", "\\\\").replace('"', '\\"')
        text = "".join(c if c >= " " else f"\\u{ord(c):04x}" for c in text)
        # A lone surrogate cannot be printed as UTF-8; as a \\uXXXX escape it is valid JSON.
        return '"' + text.encode("utf-8", "backslashreplace").decode("utf-8") + '"'

    return "{" + ", ".join(f"{value(k)}: {value(v)}" for k, v in record.items()) + "}"


class SignUpRefused(Exception):
    """Raised to make Cognito refuse the sign-up with REFUSAL_MESSAGE."""


def _flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() == "true"


def _allowed_domains() -> frozenset[str]:
    raw = os.environ.get("ALLOWED_EMAIL_DOMAINS", "")
    return frozenset(d.strip().lower() for d in raw.split(",") if d.strip())


# --- Who the allow-list admits: the same text in pre_sign_up.py and pre_token_generation.py
# (each handler ships as one file; tests/test_allow_list.py fails when the copies differ).

# Never in an address outside a quoted local part: text such as "a@evil.test,b@example.com"
# or "a@evil.test <b@example.com>" has no single domain to check.
_NOT_IN_ADDRESS = frozenset('@",;<>()[]\\')


def _plain(text: str) -> bool:
    return not any(c in _NOT_IN_ADDRESS or c.isspace() for c in text)


def address_domain(email) -> str | None:
    """The lowercase domain of one address, local@domain (the local part may be quoted),
    else None."""
    if not isinstance(email, str):
        return None
    local, _, domain = email.rpartition("@")
    if len(local) >= 2 and local[0] == local[-1] == '"':
        local_ok = not any(c in '"\\\r\n' for c in local[1:-1])
    else:
        local_ok = bool(local) and _plain(local)
    return domain.lower() if local_ok and domain and _plain(domain) else None


def domain_allowed(domain: str | None, allowed: frozenset[str]) -> bool:
    """Exact match, or a "*.example.com" entry for any subdomain of example.com."""
    subdomains = (entry[1:] for entry in allowed if entry.startswith("*."))
    return not allowed or (
        domain is not None and (domain in allowed or domain.endswith(tuple(subdomains)))
    )


# --- end of the allow-list


def handler(event, context=None):
    event = event if isinstance(event, dict) else {}
    trigger = event.get("triggerSource")
    request = event.get("request")
    attributes = (request.get("userAttributes") if isinstance(request, dict) else None) or {}
    email = attributes.get("email") if isinstance(attributes, dict) else None
    domain = address_domain(email)
    email = email if domain else None

    refused = not domain_allowed(domain, _allowed_domains())
    response = event.get("response")
    if not isinstance(response, dict):
        response = event["response"] = {}
    if not refused and trigger in _SELF_SIGN_UP:
        if _flag("AUTO_CONFIRM_USERS"):
            response["autoConfirmUser"] = True
        # Verifying an absent email makes Cognito fail the sign-up.
        if _flag("AUTO_VERIFY_EMAIL") and email:
            response["autoVerifyEmail"] = True

    # One structured line per call; the domain only, never the whole address.
    print(_json({
        "trigger": trigger,
        "userPoolId": event.get("userPoolId"),
        "requestId": getattr(context, "aws_request_id", None),
        "emailDomain": domain,
        "decision": "refused" if refused else "allowed",
        "autoConfirmUser": response.get("autoConfirmUser", False),
        "autoVerifyEmail": response.get("autoVerifyEmail", False),
    }))  # fmt: skip
    if refused:
        raise SignUpRefused(REFUSAL_MESSAGE)
    return event
