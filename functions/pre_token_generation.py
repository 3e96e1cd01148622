"""Cognito PreTokenGeneration trigger: add fixed claims to the tokens a user receives, and
refuse tokens to an email address outside the allow-list.

Behaviour comes from environment variables set by the component:
  CLAIMS_JSON            a JSON object of claim name -> string value, e.g. {"tenant": "acme"};
                         empty or unset means no claims
  ALLOWED_EMAIL_DOMAINS  comma-separated lowercase domains ("*.example.com": its
                         subdomains); empty means anyone

Cognito runs this trigger for every token it issues a user (a sign-in by any flow, a
refresh, the hosted UI), so the allow-list holds however an address came to be: PreSignUp
checks it once, at sign-up, and never sees an address changed later.

A V2_0 event (version "2", the pool's PreTokenGenerationConfig LambdaVersion V2_0)
gets the claims in both the ID and the access token; a V1_0 event (version "1") can
only change the ID token. Claims Cognito owns (iss, sub, aud, exp, ...) are never
overridden: they are skipped and the skip is logged on every call, so a bad setting
shows in the logs but never blocks a sign-in. Standard library only, no network calls;
the handler only edits the event it is given, so a retried call gives the same answer.

`json` is imported because CLAIMS_JSON is JSON. It costs ~5 ms in a bare interpreter,
but the Lambda Python runtime (awslambdaric's bootstrap) has already imported json
before it loads a handler, so on Lambda the import is free.
"""

import json
import os

# Claims Cognito sets itself and refuses to let a trigger add or override, for either
# token (the developer guide's list, plus the access token's own).
RESERVED_CLAIMS = frozenset(
    {
        "iss", "sub", "aud", "exp", "iat", "nbf", "jti", "origin_jti", "event_id",
        "token_use", "auth_time", "client_id", "scope", "username", "device_key",
        "acr", "amr", "at_hash", "azp", "nonce", "identities", "cognito:username",
    }
)  # fmt: skip
# cognito:groups / roles / preferred_role are set through groupOverrideDetails, and
# dev: attributes are developer-only by definition.
RESERVED_PREFIXES = ("cognito:", "dev:")

# The sources that issue tokens to a signed-in user: they get the claims. The allow-list
# holds for every source but TokenGeneration_ClientCredentials (V3_0, machine-to-machine,
# no user): a source Cognito adds later is refused, not waved through.
MACHINE_SOURCE = "TokenGeneration_ClientCredentials"
USER_TOKEN_SOURCES = frozenset(
    {
        "TokenGeneration_HostedAuth",
        "TokenGeneration_Authentication",
        "TokenGeneration_NewPasswordChallenge",
        "TokenGeneration_AuthenticateDevice",
        "TokenGeneration_RefreshTokens",
    }
)

# V3_0 events have the V2_0 shape; V3_0 only adds the client-credentials source.
_BOTH_TOKENS = ("2", "3")
_V2_SECTIONS = (("idTokenGeneration", "id"), ("accessTokenGeneration", "access"))


def parse_claims(raw: str) -> tuple[dict[str, str], list[str]]:
    """The claims CLAIMS_JSON asks for, and a reason for each one refused."""
    if not raw.strip():
        return {}, []
    try:
        loaded = json.loads(raw)
    except ValueError:
        return {}, ["CLAIMS_JSON is not valid JSON"]
    if not isinstance(loaded, dict):
        return {}, ["CLAIMS_JSON is not a JSON object"]
    claims, refused = {}, []
    for name, value in loaded.items():
        if name in RESERVED_CLAIMS or name.startswith(RESERVED_PREFIXES):
            refused.append(f"{name}: reserved by Cognito")
        elif not name.strip():
            refused.append(f"{name!r}: empty claim name")
        elif not isinstance(value, str):
            refused.append(f"{name}: value is not a string")
        else:
            claims[name] = value
    return claims, refused


# Shown to the end user as "PreTokenGeneration failed with error <message>": nothing internal.
REFUSAL_MESSAGE = "Sign-in is not open to this email domain."


class SignInRefused(Exception):
    """Raised to make Cognito refuse the tokens with REFUSAL_MESSAGE."""


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


_parsed: tuple[str, dict[str, str], list[str]] = ("", {}, [])
_domains: tuple[str, frozenset[str]] = ("", frozenset())


def _settings() -> tuple[dict[str, str], list[str]]:
    """Parsed once per value of CLAIMS_JSON: a warm invocation only compares strings."""
    global _parsed
    raw = os.environ.get("CLAIMS_JSON", "")
    if raw != _parsed[0]:
        _parsed = (raw, *parse_claims(raw))
    return _parsed[1], _parsed[2]


def _allowed_domains() -> frozenset[str]:
    global _domains
    raw = os.environ.get("ALLOWED_EMAIL_DOMAINS", "")
    if raw != _domains[0]:
        _domains = (raw, frozenset(d.strip().lower() for d in raw.split(",") if d.strip()))
    return _domains[1]


def _loggable(value):
    """A field of the event as the log line may repeat it: Lambda delivers any JSON, and a
    5,000-digit number or a list nested 10,000 deep must not make the line itself raise."""
    if value is None or isinstance(value, bool) or (isinstance(value, str) and len(value) <= 256):
        return value
    return f"<{type(value).__name__}>"


def _email_domain(event: dict) -> str | None:
    request = event.get("request")
    attributes = request.get("userAttributes") if isinstance(request, dict) else None
    email = attributes.get("email") if isinstance(attributes, dict) else None
    return address_domain(email)


_settings()  # at import, so the first sign-in after a cold start pays nothing extra


def _dict_at(parent: dict, key: str) -> dict:
    """parent[key] as a dict, replacing Cognito's null (or anything else) with {}."""
    if not isinstance(parent.get(key), dict):
        parent[key] = {}
    return parent[key]


def handler(event, context=None):
    event = event if isinstance(event, dict) else {}
    trigger = event.get("triggerSource")
    version = event.get("version")
    claims, refused = _settings()
    response = event.get("response")
    if not isinstance(response, dict):
        response = event["response"] = {}

    tokens: list[str] = []
    domain = _email_domain(event)
    if trigger != MACHINE_SOURCE and not domain_allowed(domain, _allowed_domains()):
        decision = "refused"
    # A list or map as the source would make the set lookup raise (unhashable).
    elif not isinstance(trigger, str) or trigger not in USER_TOKEN_SOURCES:
        decision = "ignored"
    elif version not in ("1", *_BOTH_TOKENS):
        decision = "unknown-version"
    elif not claims:
        decision = "no-claims"
    else:
        decision = "added"
        if version in _BOTH_TOKENS:
            details = _dict_at(response, "claimsAndScopeOverrideDetails")
            for section, token in _V2_SECTIONS:
                _dict_at(_dict_at(details, section), "claimsToAddOrOverride").update(claims)
                tokens.append(token)
        else:
            details = _dict_at(response, "claimsOverrideDetails")
            _dict_at(details, "claimsToAddOrOverride").update(claims)
            tokens.append("id")

    caller = event.get("callerContext")
    # One structured line per call: claim names, never user attributes or the username
    # (it can be the email). Refused claims raise the line to a warning every time.
    print(json.dumps({
        "level": "WARNING" if refused or decision == "refused" else "INFO",
        "trigger": _loggable(trigger),
        "version": _loggable(version),
        "userPoolId": _loggable(event.get("userPoolId")),
        "clientId": _loggable(caller.get("clientId")) if isinstance(caller, dict) else None,
        "requestId": _loggable(getattr(context, "aws_request_id", None)),
        "emailDomain": domain,
        "decision": decision,
        "tokens": tokens,
        "claims": sorted(claims) if tokens else [],
        "refused": refused,
    }, default=str))  # fmt: skip
    if decision == "refused":
        raise SignInRefused(REFUSAL_MESSAGE)
    return event
