"""The verification and invitation messages Cognito sends: the rules their templates must
meet, and the pool's template blocks built from the settings.

Cognito refuses a template that lacks the placeholder it fills in: `{####}` (the code) in
a verification message sent by code, `{##link text##}` in one sent by link, and both
`{username}` and `{####}` (the temporary password) in an invitation. The lengths are
botocore's (EmailVerificationMessageType, EmailVerificationSubjectType,
SmsVerificationMessageType). An empty setting leaves Cognito's own message.
"""

import re

from . import limits
from .inputs import lift
from .rules import Rule, allowing

_LOW, _HIGH = limits.EMAIL_MESSAGE_LENGTH
_SUBJECT_LOW, _SUBJECT_HIGH = limits.EMAIL_SUBJECT_LENGTH
_SMS_LOW, _SMS_HIGH = limits.SMS_MESSAGE_LENGTH
_CODE, _USERNAME = limits.CODE_PLACEHOLDER, limits.USERNAME_PLACEHOLDER


def _printable(value: str, spaces: str) -> bool:
    # botocore's [\p{L}\p{M}\p{S}\p{N}\p{P}\s]: no control or invisible characters.
    return all(c.isprintable() or c in spaces for c in value)


def template(
    low: int,
    high: int,
    placeholders: tuple[str, ...] = (),
    link: bool = False,
    what: str = "a message",
) -> Rule:
    """Empty (Cognito's own message), or a text of low to high characters holding each
    placeholder (and, for a link message, `{##link text##}`)."""
    needs = [*placeholders, *(["{##link text##}"] if link else [])]
    holding = f" holding {' and '.join(needs)}" if needs else ""
    allowed = f"empty, or {what} of {low} to {high} characters{holding}"

    @allowing(allowed)
    def check(value):
        if not isinstance(value, str):
            return allowed
        if value == "":
            return None
        if not low <= len(value) <= high or not _printable(value, "\n\r\t"):
            return allowed
        missing = [p for p in placeholders if p not in value]
        if link and not re.search(limits.LINK_PLACEHOLDER_PATTERN, value, re.S):
            missing.append("{##link text##}")
        if missing:
            return f"{allowed}; it has no {' and no '.join(missing)}"
        return None

    return check


EMAIL_CODE_MESSAGE = template(_LOW, _HIGH, (_CODE,), what="an email")
EMAIL_LINK_MESSAGE = template(_LOW, _HIGH, link=True, what="an email")
EMAIL_SUBJECT = template(_SUBJECT_LOW, _SUBJECT_HIGH, what="a subject")
SMS_CODE_MESSAGE = template(_SMS_LOW, _SMS_HIGH, (_CODE,), what="a text message")
INVITATION_EMAIL = template(_LOW, _HIGH, (_USERNAME, _CODE), what="an email")
INVITATION_SMS = template(_SMS_LOW, _SMS_HIGH, (_USERNAME, _CODE), what="a text message")

# The settings that write email (not SMS) templates: Cognito takes them only when it sends
# through the stack's own SES identity (EmailSendingAccount DEVELOPER).
EMAIL_TEMPLATE_SETTINGS = (
    "verification_email_subject", "verification_email_message",
    "verification_email_subject_by_link", "verification_email_message_by_link",
    "invitation_email_subject", "invitation_email_message",
)  # fmt: skip
VERIFICATION = {  # setting -> the pool's verification_message_template field
    "verification_email_option": "default_email_option",
    "verification_email_subject": "email_subject",
    "verification_email_message": "email_message",
    "verification_email_subject_by_link": "email_subject_by_link",
    "verification_email_message_by_link": "email_message_by_link",
    "verification_sms_message": "sms_message",
}
INVITATION = {  # setting -> the pool's admin_create_user_config.invite_message_template field
    "invitation_email_subject": "email_subject",
    "invitation_email_message": "email_message",
    "invitation_sms_message": "sms_message",
}


def _block(fields: dict[str, str], *values) -> dict | None:
    block = {field: value for field, value in zip(fields.values(), values, strict=True) if value}
    return block or None


def verification_template(v):
    """The pool's verification_message_template: always the email option, so that the
    state says how users confirm; each message only when the stack writes one."""
    return lift(lambda *values: _block(VERIFICATION, *values), *(v[s] for s in VERIFICATION))


def invitation_template(v):
    """The invite_message_template of admin_create_user_config, or None for Cognito's."""
    return lift(lambda *values: _block(INVITATION, *values), *(v[s] for s in INVITATION))
