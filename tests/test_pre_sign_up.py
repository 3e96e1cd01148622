"""The PreSignUp handler on Cognito's event shapes, per trigger source and setting."""

import json

import pytest

from functions import pre_sign_up
from tests.events import pre_sign_up_event


@pytest.fixture
def settings(monkeypatch):
    def apply(confirm=True, verify=False, domains=""):
        monkeypatch.setenv("AUTO_CONFIRM_USERS", str(confirm).lower())
        monkeypatch.setenv("AUTO_VERIFY_EMAIL", str(verify).lower())
        monkeypatch.setenv("ALLOWED_EMAIL_DOMAINS", domains)

    return apply


@pytest.mark.parametrize("source", ["PreSignUp_SignUp", "PreSignUp_ExternalProvider"])
@pytest.mark.parametrize("confirm", [True, False])
@pytest.mark.parametrize("verify", [True, False])
def test_self_sign_up_flags_follow_the_settings(settings, source, confirm, verify):
    settings(confirm=confirm, verify=verify)
    response = pre_sign_up.handler(pre_sign_up_event(source))["response"]
    assert response["autoConfirmUser"] is confirm
    assert response["autoVerifyEmail"] is verify
    assert response["autoVerifyPhone"] is False


def test_email_is_not_verified_when_there_is_no_email(settings):
    settings(confirm=True, verify=True)
    response = pre_sign_up.handler(pre_sign_up_event(email=None))["response"]
    assert response["autoConfirmUser"] is True
    assert response["autoVerifyEmail"] is False


def test_admin_created_users_keep_cognitos_flags(settings):
    settings(confirm=True, verify=True)
    event = pre_sign_up_event("PreSignUp_AdminCreateUser")
    assert pre_sign_up.handler(event)["response"] == {
        "autoConfirmUser": False, "autoVerifyEmail": False, "autoVerifyPhone": False,
    }  # fmt: skip


@pytest.mark.parametrize(
    "source", ["PreSignUp_SignUp", "PreSignUp_ExternalProvider", "PreSignUp_AdminCreateUser"]
)
@pytest.mark.parametrize(
    ("email", "allowed"),
    [
        ("ann@example.com", True),
        ("Ann@EXAMPLE.com", True),  # domains compare case-insensitively
        ("bob@corp.example.org", True),
        ("eve@evil.com", False),
        ("eve@sub.example.com", False),  # exact domains only, no subdomains
        ("eve@example.com.evil.com", False),
        (None, False),  # an allow-list needs an email to check
        # Text that is not one address has no single domain to check.
        ("eve@evil.test,ann@example.com", False),
        ("eve@evil.test <ann@example.com>", False),
        ("eve@evil.test (ann@example.com", False),
        ("eve@evil.test@example.com", False),
        ("eve @example.com", False),
        ('"eve@evil.test"@example.com', True),  # a quoted local part may hold an @
    ],
)
def test_allow_list(settings, source, email, allowed):
    settings(domains="example.com, corp.example.org")
    event = pre_sign_up_event(source, email=email)
    if allowed:
        assert pre_sign_up.handler(event) is event
    else:
        with pytest.raises(pre_sign_up.SignUpRefused) as refused:
            pre_sign_up.handler(event)
        assert str(refused.value) == "Sign-up is not open to this email domain."


def test_empty_allow_list_lets_anyone_sign_up(settings):
    settings(domains="")
    assert pre_sign_up.handler(pre_sign_up_event(email="x@anything.io"))["response"][
        "autoConfirmUser"
    ]


def test_refused_sign_up_is_not_confirmed(settings):
    event = pre_sign_up_event(email="eve@evil.com")
    settings(confirm=True, verify=True, domains="example.com")
    with pytest.raises(pre_sign_up.SignUpRefused):
        pre_sign_up.handler(event)
    assert event["response"]["autoConfirmUser"] is False


@pytest.mark.parametrize(
    "event",
    [
        {"triggerSource": "PreSignUp_SignUp"},
        {"triggerSource": "PreSignUp_SignUp", "request": {}},
        {"triggerSource": "PreSignUp_SignUp", "request": {"userAttributes": None}},
        {"triggerSource": "PreSignUp_SignUp", "request": None, "response": None},
        {"triggerSource": "PreSignUp_SignUp", "request": {"userAttributes": {"email": 7}}},
    ],
)
def test_missing_fields_do_not_crash(settings, event):
    settings(confirm=True, verify=True)
    result = pre_sign_up.handler(event)
    assert result["response"] == {"autoConfirmUser": True}


@pytest.mark.parametrize("event", [{}, None, [], {"triggerSource": None}, {"response": 3}])
def test_events_without_a_trigger_source_are_left_alone(settings, event):
    settings(confirm=True, verify=True)
    assert pre_sign_up.handler(event)["response"] == {}


def test_unset_environment_confirms_nobody(monkeypatch):
    for name in ("AUTO_CONFIRM_USERS", "AUTO_VERIFY_EMAIL", "ALLOWED_EMAIL_DOMAINS"):
        monkeypatch.delenv(name, raising=False)
    assert (
        "autoConfirmUser"
        not in pre_sign_up.handler({"triggerSource": "PreSignUp_SignUp"})["response"]
    )


def test_calling_twice_gives_the_same_answer(settings):
    settings(confirm=True, verify=True)
    event = pre_sign_up_event()
    once = json.dumps(pre_sign_up.handler(event), sort_keys=True)
    assert json.dumps(pre_sign_up.handler(event), sort_keys=True) == once


def test_one_structured_log_line_without_the_address(settings, capsys):
    settings(confirm=True, domains="example.com")
    pre_sign_up.handler(pre_sign_up_event(email="secret.person@example.com"))
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert record["emailDomain"] == "example.com"
    assert record["decision"] == "allowed"
    assert record["autoConfirmUser"] is True
    assert "secret.person" not in lines[0]


def test_refusal_is_logged_before_it_is_raised(settings, capsys):
    settings(domains="example.com")
    with pytest.raises(pre_sign_up.SignUpRefused):
        pre_sign_up.handler(pre_sign_up_event(email="eve@evil.com"))
    record = json.loads(capsys.readouterr().out)
    assert record["decision"] == "refused" and record["emailDomain"] == "evil.com"


@pytest.mark.parametrize(
    "text",
    ["plain", 'quote " and \\ backslash', "new\nline\ttab\x01", "é中😀", "lone \ud800 surrogate"],
)
def test_log_line_is_valid_json_for_any_string(text):
    line = pre_sign_up._json({"k": text, "none": None, "yes": True, "no": False})
    line.encode("utf-8")  # printable to a UTF-8 stdout
    decoded = json.loads(line)
    assert decoded == {"k": text, "none": None, "yes": True, "no": False}
