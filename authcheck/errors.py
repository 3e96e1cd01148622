"""Turn an exception from one step into one readable sentence: the step, the error code and the likely cause.

A small table, first match wins: put narrow rows (a message pattern or a step) above broad ones.
AWS codes come from botocore's ClientError; local failures (no network, no credentials, an
SRP challenge pycognito cannot answer) are matched by exception class name.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from botocore.exceptions import ClientError

# Step names shared with steps.py, so a rule can apply to one step only.
SIGN_UP = "sign up"
REFRESH = "REFRESH_TOKEN_AUTH"


class Rule(NamedTuple):
    codes: tuple[str, ...]
    cause: str
    message: str = ""  # regex searched in the error message, case-insensitive; "" matches any
    steps: tuple[str, ...] = ()  # () matches any step


TRIGGER_FAILED = "the PreSignUp trigger failed or Cognito may not invoke it (check the function's logs and its Lambda permission)"
TRIGGER_TIMEOUT = "the PreSignUp trigger timed out (Cognito waits 5 seconds at most: keep the handler fast and its timeout at 5 s or less)"
UNREACHABLE = "endpoint {endpoint} is unreachable"

RULES: tuple[Rule, ...] = (
    Rule(
        ("UserLambdaValidationException", "UnexpectedLambdaException"),
        TRIGGER_TIMEOUT,
        # "timeout", "TimeoutError", ministack's "Sandbox.Timedout" and AWS's "Task timed out after 5.01 seconds"
        message=r"timed? ?out",
    ),
    Rule(("UserLambdaValidationException",), TRIGGER_FAILED),
    Rule(("AccessDeniedException",), TRIGGER_FAILED, steps=(SIGN_UP,)),
    Rule(
        ("UnexpectedLambdaException",),
        "Cognito could not invoke the PreSignUp trigger (check the function exists and its Lambda permission names cognito-idp.amazonaws.com and the pool ARN)",
    ),
    Rule(
        ("InvalidLambdaResponseException",),
        "the PreSignUp trigger returned a response Cognito does not accept (the handler must return the event)",
    ),
    Rule(
        ("AccessDeniedException",),
        "the credentials in use may not call this Cognito API (check their IAM policy)",
    ),
    Rule(("InvalidPasswordException",), "the password does not meet the pool's password policy"),
    Rule(
        ("InvalidParameterException",),
        "the app client does not enable this auth flow (check its ExplicitAuthFlows)",
        message="flow not enabled",
    ),
    Rule(
        ("NotAuthorizedException",),
        "the app client has a secret; this check signs in as a public client, which has none",
        message="secret",
    ),
    Rule(
        ("NotAuthorizedException",),
        "the refresh token was rejected (revoked or expired, or ALLOW_REFRESH_TOKEN_AUTH is not enabled)",
        steps=(REFRESH,),
    ),
    Rule(
        ("NotAuthorizedException",),
        "wrong password, or the auth flow is not enabled for this app client",
    ),
    Rule(
        ("ResourceNotFoundException",),
        "the user pool or app client id is wrong (or it lives in another region or account)",
    ),
    Rule(
        ("UserNotFoundException",),
        "the test user does not exist (sign-up did not create it, or it is already deleted)",
    ),
    Rule(("UserNotConfirmedException",), "the user is not confirmed, so it cannot sign in"),
    Rule(
        ("UsernameExistsException",), "a user with this name already exists (try another --prefix)"
    ),
    Rule(
        ("TooManyRequestsException", "LimitExceededException"),
        "Cognito throttled the request; retry later",
    ),
    Rule(
        (
            "UnrecognizedClientException",
            "InvalidSignatureException",
            "ExpiredTokenException",
            "InvalidClientTokenId",
        ),
        "the AWS credentials are missing, invalid or expired",
    ),
    Rule(("EndpointConnectionError", "ConnectTimeoutError"), UNREACHABLE),
    Rule(("ReadTimeoutError",), "endpoint {endpoint} did not answer in time"),
    Rule(
        ("NoCredentialsError", "PartialCredentialsError"),
        "no AWS credentials found (set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)",
    ),
    Rule(
        ("ForceChangePasswordException",),
        "the user must set a new password first (status FORCE_CHANGE_PASSWORD)",
    ),
    Rule(
        ("SMSMFAChallengeException", "SoftwareTokenMFAChallengeException"),
        "the pool requires MFA, which this check cannot answer",
    ),
)


def _code_and_message(exc: BaseException) -> tuple[list[str], str]:
    """Codes to look up (the AWS code, else the class names up the hierarchy) and the error's own message."""
    if isinstance(exc, ClientError):
        error = exc.response.get("Error", {})
        return [error.get("Code", "ClientError")], error.get("Message", "")
    return [cls.__name__ for cls in type(exc).__mro__], str(exc)


def explain(step: str, exc: BaseException, endpoint: str | None = None) -> str:
    """One sentence for `exc` raised in `step`, e.g. "sign up: InvalidPasswordException: the password ... (AWS said: ...)"."""
    codes, message = _code_and_message(exc)
    message = " ".join(message.split())[
        :240
    ]  # one line, bounded: trigger errors can carry a whole traceback
    # botocore knows the URL it failed to reach; fall back to the one we were given.
    endpoint = getattr(exc, "kwargs", {}).get("endpoint_url") or endpoint or "(AWS default)"
    for rule in RULES:
        code = next((c for c in codes if c in rule.codes), None)
        if (
            code
            and (not rule.steps or step in rule.steps)
            and (not rule.message or re.search(rule.message, message, re.IGNORECASE))
        ):
            cause = rule.cause.format(endpoint=endpoint)
            said = f' (AWS said: "{message}")' if isinstance(exc, ClientError) and message else ""
            return f"{step}: {code}: {cause}{said}"
    return f"{step}: {codes[0]}: {message or 'no message'}"
