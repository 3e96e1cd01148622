"""The PostConfirmation handler with a fake Cognito client: who joins the default group,
what a failed add does, and the boto3 client it builds for itself."""

import json

import pytest

from functions import post_confirmation
from tests.events import post_confirmation_event


class ClientError(Exception):
    """The shape of botocore's ClientError: the AWS error code under response["Error"]."""

    def __init__(self, code: str):
        super().__init__(f"An error occurred ({code})")
        self.response = {"Error": {"Code": code, "Message": "from the fake"}}


class FakeCognito:
    """Group memberships as AWS keeps them: adding an existing member succeeds."""

    def __init__(self, groups=("members",), fail_with: Exception | None = None):
        self.groups = {name: set() for name in groups}
        self.fail_with = fail_with
        self.calls: list[dict] = []

    def admin_add_user_to_group(self, **params):
        self.calls.append(params)
        if self.fail_with is not None:
            raise self.fail_with
        if params["GroupName"] not in self.groups:
            raise ClientError("ResourceNotFoundException")
        self.groups[params["GroupName"]].add((params["UserPoolId"], params["Username"]))
        return {}


@pytest.fixture
def cognito():
    fake = FakeCognito()
    previous = post_confirmation.set_client(fake)
    yield fake
    post_confirmation.set_client(previous)


@pytest.fixture
def group(monkeypatch):
    def apply(name):
        if name is None:
            monkeypatch.delenv("DEFAULT_GROUP", raising=False)
        else:
            monkeypatch.setenv("DEFAULT_GROUP", name)

    return apply


def _log(capsys) -> dict:
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 1, lines
    return json.loads(lines[0])


@pytest.mark.parametrize("admin", [False, True])  # ConfirmSignUp / AdminConfirmSignUp
def test_confirmed_sign_up_joins_the_default_group(cognito, group, admin):
    group("members")
    event = post_confirmation_event(admin=admin)
    assert post_confirmation.handler(event) is event
    assert cognito.calls == [
        {
            "UserPoolId": "us-east-1_Example1",
            "Username": "3f6a1c52-0000-4000-8000-000000000001",
            "GroupName": "members",
        }
    ]
    assert event["response"] == {}


@pytest.mark.parametrize(
    ("source", "setting", "decision"),
    [
        ("PostConfirmation_ConfirmForgotPassword", "members", "ignored"),
        ("PostConfirmation_ConfirmSignUp", None, "no-group"),
        ("PostConfirmation_ConfirmSignUp", "", "no-group"),
        ("PostConfirmation_ConfirmSignUp", "   ", "no-group"),
        ("PreSignUp_SignUp", "members", "ignored"),
        (None, "members", "ignored"),
    ],
)
def test_nothing_to_add(cognito, group, capsys, source, setting, decision):
    group(setting)
    event = post_confirmation_event(source)
    assert post_confirmation.handler(event) is event
    assert cognito.calls == []
    assert _log(capsys)["decision"] == decision


def test_nothing_to_add_never_builds_a_client(group, monkeypatch):
    group("")
    previous = post_confirmation.set_client(None)
    monkeypatch.setattr(post_confirmation, "_cognito", lambda: pytest.fail("client built"))
    try:
        post_confirmation.handler(post_confirmation_event())
        group("members")
        post_confirmation.handler(post_confirmation_event("PostConfirmation_ConfirmForgotPassword"))
    finally:
        post_confirmation.set_client(previous)


def test_group_name_is_trimmed(cognito, group):
    group("  members \n")
    post_confirmation.handler(post_confirmation_event())
    assert cognito.calls[0]["GroupName"] == "members"


def test_a_retried_invocation_adds_again_harmlessly(cognito, group):
    group("members")
    first = json.dumps(post_confirmation.handler(post_confirmation_event()), sort_keys=True)
    second = json.dumps(post_confirmation.handler(post_confirmation_event()), sort_keys=True)
    assert first == second
    assert len(cognito.calls) == 2
    assert cognito.groups["members"] == {
        ("us-east-1_Example1", "3f6a1c52-0000-4000-8000-000000000001")
    }


@pytest.mark.parametrize(
    ("failure", "code"),
    [
        (ClientError("ResourceNotFoundException"), "ResourceNotFoundException"),  # no group
        (ClientError("TooManyRequestsException"), "TooManyRequestsException"),
        (ClientError("NotAuthorizedException"), "NotAuthorizedException"),  # role lacks IAM
        (ClientError("UserNotFoundException"), "UserNotFoundException"),
        (TimeoutError("read timed out"), "TimeoutError"),
        (RuntimeError("Unable to locate credentials"), "RuntimeError"),
    ],
)
def test_a_failed_add_fails_the_trigger_with_a_safe_message(group, capsys, failure, code):
    group("members")
    previous = post_confirmation.set_client(FakeCognito(fail_with=failure))
    try:
        with pytest.raises(post_confirmation.GroupNotJoined) as raised:
            post_confirmation.handler(post_confirmation_event())
    finally:
        post_confirmation.set_client(previous)
    assert str(raised.value) == post_confirmation.FAILURE_MESSAGE
    assert "members" not in str(raised.value) and "Exception" not in str(raised.value)
    record = _log(capsys)  # logged before it is raised
    assert record["decision"] == "failed" and record["error"] == code


def test_a_group_that_does_not_exist_is_a_failed_add(cognito, group):
    group("admins")  # the fake holds only "members"
    with pytest.raises(post_confirmation.GroupNotJoined):
        post_confirmation.handler(post_confirmation_event())


@pytest.mark.parametrize(
    "event",
    [
        {"triggerSource": "PostConfirmation_ConfirmSignUp"},
        {"triggerSource": "PostConfirmation_ConfirmSignUp", "userPoolId": "us-east-1_X"},
        {"triggerSource": "PostConfirmation_ConfirmSignUp", "userName": "u", "userPoolId": ""},
        {"triggerSource": "PostConfirmation_ConfirmSignUp", "userName": 7, "userPoolId": 8},
    ],
)
def test_an_event_without_pool_or_user_is_logged_not_failed(cognito, group, capsys, event):
    group("members")
    assert post_confirmation.handler(event) is event
    assert cognito.calls == []
    assert _log(capsys)["decision"] == "incomplete-event"


@pytest.mark.parametrize(
    "event",
    [
        {"triggerSource": "PostConfirmation_ConfirmSignUp", "userPoolId": "p", "userName": "u"},
        {
            "triggerSource": "PostConfirmation_ConfirmSignUp",
            "userPoolId": "p",
            "userName": "u",
            "request": None,
            "response": None,
        },
        {
            "triggerSource": "PostConfirmation_ConfirmSignUp",
            "userPoolId": "p",
            "userName": "u",
            "request": {"userAttributes": None},
        },
        {
            "triggerSource": "PostConfirmation_ConfirmSignUp",
            "userPoolId": "p",
            "userName": "u",
            "request": {"userAttributes": {"email": 7, "sub": None}},
        },
        {
            "triggerSource": "PostConfirmation_ConfirmSignUp",
            "userPoolId": "p",
            "userName": "u",
            "request": {"userAttributes": ["not", "a", "map"]},
        },
    ],
)
def test_missing_optional_fields_do_not_crash(cognito, group, capsys, event):
    group("members")
    post_confirmation.handler(event)
    assert cognito.calls == [{"UserPoolId": "p", "Username": "u", "GroupName": "members"}]
    record = _log(capsys)
    assert record["decision"] == "added" and record["emailDomain"] is None


@pytest.mark.parametrize("event", [None, [], "PostConfirmation_ConfirmSignUp", {}])
def test_non_events_are_left_alone(cognito, group, event):
    group("members")
    post_confirmation.handler(event)
    assert cognito.calls == []


def test_one_structured_log_line_without_the_address(cognito, group, capsys):
    group("members")
    event = post_confirmation_event(email="secret.person@Example.COM")
    event["userName"] = "secret.person@example.com"  # a pool without email as username
    post_confirmation.handler(event, context=type("Context", (), {"aws_request_id": "r-1"})())
    out = capsys.readouterr().out
    assert "secret.person" not in out
    record = json.loads(out)
    assert record == {
        "trigger": "PostConfirmation_ConfirmSignUp",
        "userPoolId": "us-east-1_Example1",
        "requestId": "r-1",
        "sub": "3f6a1c52-0000-4000-8000-000000000001",
        "emailDomain": "example.com",
        "group": "members",
        "decision": "added",
        "error": None,
    }


def test_handler_imports_only_the_standard_library_at_load():
    import ast
    import sys
    from pathlib import Path

    tree = ast.parse(Path(post_confirmation.__file__).read_text())
    top_level = {alias.name.split(".")[0] for node in tree.body
                 if isinstance(node, ast.Import) for alias in node.names}  # fmt: skip
    assert top_level <= sys.stdlib_module_names, top_level


def test_its_own_client_is_built_once_and_honours_the_endpoint(monkeypatch):
    pytest.importorskip("boto3")
    monkeypatch.setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:1")
    monkeypatch.setenv("AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER", "http://127.0.0.1:4566")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "eu-west-1")
    previous = post_confirmation.set_client(None)
    try:
        client = post_confirmation._cognito()
        assert post_confirmation._cognito() is client  # warm invocations reuse it
        assert client.meta.endpoint_url == "http://127.0.0.1:4566"  # the service's own wins
        assert client.meta.region_name == "eu-west-1"
        # Cognito waits 5 s for the trigger: no botocore default may outlast that.
        config = client.meta.config
        assert config.connect_timeout + config.read_timeout < 5
        assert config.retries["total_max_attempts"] == 2
    finally:
        post_confirmation.set_client(previous)
