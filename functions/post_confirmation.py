"""Cognito PostConfirmation trigger: put each newly confirmed user in a default group.

Behaviour comes from one environment variable set by the component:
  DEFAULT_GROUP  the group every confirmed sign-up joins; empty or unset means none

The group is added with AdminAddUserToGroup, so the function's role needs
`cognito-idp:AdminAddUserToGroup` on the pool's ARN. AWS answers success when the user
is already a member, so a retried invocation repeats harmlessly (idempotent).

boto3 is part of the Lambda Python runtime, so nothing is packaged with the handler. It
is imported and its client built on the first call that needs it, then kept for warm
invocations; a call with nothing to do (no group, a password reset) never loads it. The
client honours AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER on its own,
which is how it reaches a local emulator.
"""

import json
import os

# Only sign-up confirmation makes a new member; a confirmed password reset is an existing
# user whose groups are already settled.
_JOINS_GROUP = "PostConfirmation_ConfirmSignUp"

# Shown to the end user as "PostConfirmation failed with error <message>": nothing internal.
FAILURE_MESSAGE = "Your account is confirmed, but its setup did not finish. Please contact support."

_client = None


class GroupNotJoined(Exception):
    """Raised when the confirmed user could not be added to DEFAULT_GROUP."""


def set_client(client):
    """Use `client` for AdminAddUserToGroup from now on (tests pass a fake); returns the
    previous one. None makes the next call build a boto3 client again."""
    global _client
    previous, _client = _client, client
    return previous


def _cognito():
    global _client
    if _client is None:
        import boto3
        from botocore.config import Config

        # Cognito waits 5 s for the whole trigger. botocore's defaults (60 s connect and
        # read, several retries) would outlive that; one quick retry covers a throttle,
        # and the function's own timeout (at most 5 s) stays the hard stop.
        _client = boto3.client(
            "cognito-idp",
            config=Config(
                connect_timeout=1,
                read_timeout=1.5,
                retries={"total_max_attempts": 2, "mode": "standard"},
            ),
        )
    return _client


def _text(value) -> str | None:
    return value if isinstance(value, str) and value else None


def handler(event, context=None):
    event = event if isinstance(event, dict) else {}
    trigger = event.get("triggerSource")
    pool_id = _text(event.get("userPoolId"))
    username = _text(event.get("userName"))
    request = event.get("request")
    attributes = (request.get("userAttributes") if isinstance(request, dict) else None) or {}
    attributes = attributes if isinstance(attributes, dict) else {}
    email = _text(attributes.get("email"))
    group = os.environ.get("DEFAULT_GROUP", "").strip()

    error = None
    if trigger != _JOINS_GROUP:
        decision = "ignored"
    elif not group:
        decision = "no-group"
    elif not (pool_id and username):
        # Cognito always sends both; without them there is no one to add, and failing
        # the confirmation would not give them back.
        decision = "incomplete-event"
    else:
        try:
            _cognito().admin_add_user_to_group(
                UserPoolId=pool_id, Username=username, GroupName=group
            )
            decision = "added"
        except Exception as exc:  # botocore's ClientError, timeouts, no credentials
            decision = "failed"
            # botocore's shape is {"Error": {"Code": ...}}; anything else must not raise here.
            response = getattr(exc, "response", None)
            details = response.get("Error") if isinstance(response, dict) else None
            code = details.get("Code") if isinstance(details, dict) else None
            error = code or type(exc).__name__

    # One structured line per call: the pool, the user's sub (not the username, which
    # can be the email) and the email's domain are enough to repair a failed add.
    # ensure_ascii: any string, a lone surrogate included, prints as valid ASCII JSON.
    print(json.dumps({
        # Lambda delivers any JSON; only a short string is worth repeating, and a
        # 5,000-digit number or deep nesting must not make the line raise.
        "trigger": trigger if isinstance(trigger, str) and len(trigger) <= 256 else None,
        "userPoolId": pool_id,
        "requestId": getattr(context, "aws_request_id", None),
        "sub": _text(attributes.get("sub")),
        "emailDomain": email.rsplit("@", 1)[1].lower() if email and "@" in email else None,
        "group": group or None,
        "decision": decision,
        "error": error,
    }))  # fmt: skip

    # Why raise although the user is already CONFIRMED and a raise cannot undo that:
    # a member missing from the default group is refused later with no trace of why,
    # while a failed trigger shows up in the function's Errors metric and answers the
    # ConfirmSignUp call with UserLambdaValidationException, so the app can tell the
    # user and an operator can add the group from the line above. Confirming again is
    # refused (the user is CONFIRMED), so the trigger is not re-run by the user.
    # Everything that is not a failed add (no group, a password reset) returns.
    if decision == "failed":
        raise GroupNotJoined(FAILURE_MESSAGE)
    return event
