"""The PreTokenGeneration handler on Cognito's V1_0 and V2_0 events, per trigger source
and setting: which token gets which claims, reserved claims refused, bad settings."""

import json

import pytest

from functions import pre_token_generation
from tests.events import TOKEN_GENERATION_SOURCES, pre_token_generation_event


@pytest.fixture
def claims(monkeypatch):
    def apply(value):
        if value is None:
            monkeypatch.delenv("CLAIMS_JSON", raising=False)
        else:
            monkeypatch.setenv(
                "CLAIMS_JSON", value if isinstance(value, str) else json.dumps(value)
            )

    return apply


def _log(capsys) -> dict:
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 1, lines
    return json.loads(lines[0])


@pytest.mark.parametrize("source", TOKEN_GENERATION_SOURCES)
def test_v2_adds_the_claims_to_both_tokens(claims, source):
    claims({"tenant": "acme", "plan": "gold"})
    event = pre_token_generation_event(source, version="2")
    assert pre_token_generation.handler(event) is event
    assert event["response"] == {
        "claimsAndScopeOverrideDetails": {
            "idTokenGeneration": {"claimsToAddOrOverride": {"tenant": "acme", "plan": "gold"}},
            "accessTokenGeneration": {"claimsToAddOrOverride": {"tenant": "acme", "plan": "gold"}},
        }
    }


@pytest.mark.parametrize("source", TOKEN_GENERATION_SOURCES)
def test_v1_adds_the_claims_to_the_id_token_only(claims, source):
    claims({"tenant": "acme"})
    event = pre_token_generation_event(source, version="1")
    pre_token_generation.handler(event)
    assert event["response"] == {
        "claimsOverrideDetails": {"claimsToAddOrOverride": {"tenant": "acme"}}
    }


def test_v3_events_have_the_v2_shape(claims):
    claims({"tenant": "acme"})
    event = pre_token_generation_event(version="3")
    pre_token_generation.handler(event)
    details = event["response"]["claimsAndScopeOverrideDetails"]
    assert details["accessTokenGeneration"]["claimsToAddOrOverride"] == {"tenant": "acme"}


@pytest.mark.parametrize("setting", [None, "", "  ", "{}"])
@pytest.mark.parametrize("version", ["1", "2"])
def test_no_claims_leaves_cognitos_response_as_sent(claims, capsys, setting, version):
    claims(setting)
    event = pre_token_generation_event(version=version)
    sent = json.dumps(event["response"])
    pre_token_generation.handler(event)
    assert json.dumps(event["response"]) == sent
    assert _log(capsys)["decision"] == "no-claims"


@pytest.mark.parametrize(
    ("source", "version", "decision"),
    [
        ("TokenGeneration_ClientCredentials", "3", "ignored"),  # no user: M2M tokens
        ("PreSignUp_SignUp", "1", "ignored"),
        (None, "2", "ignored"),
        ("TokenGeneration_Authentication", "4", "unknown-version"),
        ("TokenGeneration_Authentication", None, "unknown-version"),
        ("TokenGeneration_Authentication", 2, "unknown-version"),  # Cognito sends a string
    ],
)
def test_other_events_are_left_alone(claims, capsys, source, version, decision):
    claims({"tenant": "acme"})
    event = pre_token_generation_event(version="2")
    event["triggerSource"], event["version"] = source, version
    pre_token_generation.handler(event)
    assert event["response"] == {"claimsAndScopeOverrideDetails": None}
    assert _log(capsys)["decision"] == decision


@pytest.mark.parametrize(
    "name",
    sorted(pre_token_generation.RESERVED_CLAIMS) + ["cognito:groups", "cognito:roles", "dev:x"],
)
def test_reserved_claims_are_skipped_with_a_warning(claims, capsys, name):
    claims({name: "forged", "tenant": "acme"})
    event = pre_token_generation_event(version="2")
    pre_token_generation.handler(event)
    details = event["response"]["claimsAndScopeOverrideDetails"]
    for section in ("idTokenGeneration", "accessTokenGeneration"):
        assert details[section]["claimsToAddOrOverride"] == {"tenant": "acme"}
    record = _log(capsys)
    assert record["level"] == "WARNING"
    assert record["refused"] == [f"{name}: reserved by Cognito"]
    assert record["decision"] == "added" and record["claims"] == ["tenant"]


def test_the_reserved_list_holds_every_claim_the_brief_names():
    assert {
        "iss", "sub", "aud", "exp", "iat", "token_use", "auth_time", "cognito:username",
        "client_id", "scope", "jti", "origin_jti", "event_id",
    } <= pre_token_generation.RESERVED_CLAIMS  # fmt: skip


@pytest.mark.parametrize(
    ("setting", "kept", "refused"),
    [
        ('{"tenant": "acme"}', {"tenant": "acme"}, []),
        ('{"Sub": "x"}', {"Sub": "x"}, []),  # claim names are case-sensitive
        ('{"tenant": 7}', {}, ["tenant: value is not a string"]),
        ('{"tenant": null, "a": "b"}', {"a": "b"}, ["tenant: value is not a string"]),
        ('{"tenant": ["a"]}', {}, ["tenant: value is not a string"]),
        ('{"": "x"}', {}, ["'': empty claim name"]),
        ('{"tenant": "acme"', {}, ["CLAIMS_JSON is not valid JSON"]),
        ('["tenant"]', {}, ["CLAIMS_JSON is not a JSON object"]),
        ('"tenant"', {}, ["CLAIMS_JSON is not a JSON object"]),
        ("tenant=acme", {}, ["CLAIMS_JSON is not valid JSON"]),
    ],
)
def test_parse_claims(setting, kept, refused):
    assert pre_token_generation.parse_claims(setting) == (kept, refused)


def test_a_bad_setting_never_blocks_a_sign_in(claims, capsys):
    claims("{not json")
    event = pre_token_generation_event(version="2")
    assert pre_token_generation.handler(event) is event
    record = _log(capsys)
    assert record["decision"] == "no-claims" and record["level"] == "WARNING"


def test_existing_overrides_in_the_response_are_kept(claims):
    claims({"tenant": "acme"})
    event = pre_token_generation_event(version="2")
    event["response"]["claimsAndScopeOverrideDetails"] = {
        "idTokenGeneration": {"claimsToAddOrOverride": {"other": "1"}, "claimsToSuppress": ["x"]},
        "accessTokenGeneration": None,
        "groupOverrideDetails": {"groupsToOverride": ["g"]},
    }
    pre_token_generation.handler(event)
    details = event["response"]["claimsAndScopeOverrideDetails"]
    assert details["idTokenGeneration"] == {
        "claimsToAddOrOverride": {"other": "1", "tenant": "acme"},
        "claimsToSuppress": ["x"],
    }
    assert details["accessTokenGeneration"] == {"claimsToAddOrOverride": {"tenant": "acme"}}
    assert details["groupOverrideDetails"] == {"groupsToOverride": ["g"]}


@pytest.mark.parametrize(
    "event",
    [
        {"triggerSource": "TokenGeneration_Authentication", "version": "2"},
        {"triggerSource": "TokenGeneration_Authentication", "version": "2", "response": None},
        {"triggerSource": "TokenGeneration_Authentication", "version": "2", "response": 3},
        {
            "triggerSource": "TokenGeneration_Authentication",
            "version": "2",
            "request": None,
            "callerContext": None,
            "response": {"claimsAndScopeOverrideDetails": "x"},
        },
    ],
)
def test_missing_fields_do_not_crash(claims, event):
    claims({"tenant": "acme"})
    result = pre_token_generation.handler(event)
    details = result["response"]["claimsAndScopeOverrideDetails"]
    assert details["idTokenGeneration"]["claimsToAddOrOverride"] == {"tenant": "acme"}


@pytest.mark.parametrize("event", [None, [], "x", {}])
def test_non_events_get_an_empty_response(claims, event):
    claims({"tenant": "acme"})
    assert pre_token_generation.handler(event)["response"] == {}


@pytest.mark.parametrize("version", ["1", "2"])
def test_calling_twice_gives_the_same_answer(claims, version):
    claims({"tenant": "acme"})
    event = pre_token_generation_event(version=version)
    once = json.dumps(pre_token_generation.handler(event), sort_keys=True)
    assert json.dumps(pre_token_generation.handler(event), sort_keys=True) == once


def test_the_setting_is_parsed_once_per_value(claims, monkeypatch):
    calls = []
    real = pre_token_generation.parse_claims
    monkeypatch.setattr(
        pre_token_generation, "parse_claims", lambda raw: calls.append(raw) or real(raw)
    )
    claims({"a": "1"})
    for _ in range(3):
        pre_token_generation.handler(pre_token_generation_event())
    claims({"a": "2"})
    event = pre_token_generation_event()
    pre_token_generation.handler(event)
    assert calls == ['{"a": "1"}', '{"a": "2"}']
    details = event["response"]["claimsAndScopeOverrideDetails"]
    assert details["idTokenGeneration"]["claimsToAddOrOverride"] == {"a": "2"}


def test_one_structured_log_line_without_user_attributes(claims, capsys):
    claims({"tenant": "acme", "iss": "forged"})
    event = pre_token_generation_event(version="2")
    event["userName"] = "secret.person@example.com"
    event["request"]["userAttributes"]["email"] = "secret.person@example.com"
    pre_token_generation.handler(event, context=type("Context", (), {"aws_request_id": "r-1"})())
    out = capsys.readouterr().out
    assert "secret.person" not in out and "acme" not in out  # names, not values
    assert (
        json.loads(out)
        == {
            "level": "WARNING",
            "trigger": "TokenGeneration_Authentication",
            "version": "2",
            "userPoolId": "us-east-1_Example1",
            "clientId": "exampleclient",
            "requestId": "r-1",
            "emailDomain": "example.com",  # the domain the allow-list is checked against, never the address
            "decision": "added",
            "tokens": ["id", "access"],
            "claims": ["tenant"],
            "refused": ["iss: reserved by Cognito"],
        }
    )


def test_handler_imports_only_the_standard_library():
    import ast
    import sys
    from pathlib import Path

    tree = ast.parse(Path(pre_token_generation.__file__).read_text())
    imported = {alias.name.split(".")[0] for node in ast.walk(tree)
                if isinstance(node, ast.Import) for alias in node.names}  # fmt: skip
    imported |= {node.module.split(".")[0] for node in ast.walk(tree)
                 if isinstance(node, ast.ImportFrom) and node.module}  # fmt: skip
    assert imported and imported <= sys.stdlib_module_names, imported


# --- The allow-list, checked at every token -------------------------------------------------


@pytest.fixture
def allow(monkeypatch):
    def apply(domains: str):
        monkeypatch.setenv("ALLOWED_EMAIL_DOMAINS", domains)

    return apply


def _with_email(event: dict, email) -> dict:
    event["request"]["userAttributes"]["email"] = email
    return event


@pytest.mark.parametrize(
    ("email", "allowed"),
    [
        ("ann@example.com", True),
        ("ANN@Example.COM", True),
        ("ann@sub.example.com", False),  # exact, unless listed as *.example.com
        ("bob@team.corp.example.org", True),
        ("bob@corp.example.org", False),  # *.corp.example.org means its subdomains only
        ("eve@evilcorp.example.org", False),
        ("eve@example.com.evil.test", False),
        ("eve@evil.test,ann@example.com", False),
        ("eve@evil.test <ann@example.com>", False),
        (None, False),
    ],
)
@pytest.mark.parametrize("source", TOKEN_GENERATION_SOURCES)
def test_tokens_go_only_to_addresses_on_the_list(claims, allow, capsys, source, email, allowed):
    claims(None)
    allow("example.com,*.corp.example.org")
    event = _with_email(pre_token_generation_event(source, version="2"), email)
    if allowed:
        assert pre_token_generation.handler(event) is event
        assert _log(capsys)["decision"] == "no-claims"
    else:
        with pytest.raises(
            pre_token_generation.SignInRefused, match=pre_token_generation.REFUSAL_MESSAGE
        ):
            pre_token_generation.handler(event)
        assert _log(capsys)["decision"] == "refused"


@pytest.mark.parametrize("source", ["TokenGeneration_SomethingNew", "", None, ["x"]])
def test_a_source_the_handler_does_not_know_is_refused_outside_the_list(claims, allow, source):
    """Deny by default: a source Cognito adds later must not wave an outside address through."""
    claims({"tenant": "acme"})
    allow("example.com")
    event = _with_email(pre_token_generation_event(version="2"), "eve@evil.test")
    event["triggerSource"] = source
    with pytest.raises(pre_token_generation.SignInRefused):
        pre_token_generation.handler(event)
    # Inside the list the same event is only left alone: no claims for a source it does not know.
    inside = _with_email(pre_token_generation_event(version="2"), "ann@example.com")
    inside["triggerSource"] = source
    assert pre_token_generation.handler(inside)["response"] == {
        "claimsAndScopeOverrideDetails": None
    }


def test_machine_tokens_have_no_user_to_check(claims, allow):
    claims(None)
    allow("example.com")
    event = pre_token_generation_event("TokenGeneration_ClientCredentials", version="3")
    del event["request"]["userAttributes"]
    assert pre_token_generation.handler(event) is event
