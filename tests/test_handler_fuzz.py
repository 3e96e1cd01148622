"""The three trigger handlers under hypothesis: arbitrary event shapes (missing keys, wrong
types, None, nested junk, huge, unicode and lone-surrogate strings) and Cognito's own
events with random trigger sources, attributes and mutations, each under random settings.

Properties, for every handler: it never raises, except PreSignUp's refusal exactly when an
allow-list is set and the email's domain is not on it, and PostConfirmation's safe error
exactly when adding the user to the group fails; it returns the event it was given; it
prints one line of valid JSON that never holds the email address. And per handler, it
never returns what Cognito would reject: PreSignUp only ever sets its two flags to true,
autoVerifyEmail only with an email, nothing for PreSignUp_AdminCreateUser; PostConfirmation
leaves the event as sent; PreTokenGeneration adds no reserved claim and answers in the
shape of the event's version. Examples are bounded and derandomized, so CI is stable.
"""

import contextlib
import copy
import io
import json
import os
import re
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import event as label
from hypothesis import strategies as st

from components import limits
from functions import post_confirmation, pre_sign_up, pre_token_generation
from tests.events import (
    TOKEN_GENERATION_SOURCES,
    post_confirmation_event,
    pre_sign_up_event,
    pre_token_generation_event,
)

EXAMPLES = 300
FUZZ = settings(
    max_examples=EXAMPLES,
    derandomize=True,  # the same examples on every run and machine
    database=None,
    deadline=None,  # a slow CI machine must not turn into a failure
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# --- Values --------------------------------------------------------------------------------

ANY_CHAR = st.characters(codec=None, exclude_categories=())  # lone surrogates and controls too
texts = st.one_of(
    st.text(max_size=12),
    st.text(ANY_CHAR, max_size=12),
    st.sampled_from(["", " ", "@", "a@b", "\u2028", "\ud800", "\x00", '"', "\\", "é中😀"]),
    # Huge: a short piece repeated, cheap to draw.
    st.builds(
        lambda piece, n: piece * n,
        st.text(ANY_CHAR, min_size=1, max_size=3),
        st.integers(1_000, 20_000),
    ),  # fmt: skip
)
# Any JSON value Lambda can deliver: numbers far beyond 64 bits too (a 400-digit one here;
# test_every_handler_survives_extreme_json below has 5,000 digits and 10,000 levels).
big_integers = st.builds(lambda digits, sign: sign * (10 ** (digits - 1) + 7), st.integers(20, 400),
                         st.sampled_from([1, -1]))  # fmt: skip
scalars = st.none() | st.booleans() | st.integers() | big_integers | texts
# Cognito sends JSON, which has no NaN or Infinity.
scalars |= st.floats(allow_nan=False, allow_infinity=False)
junk = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(texts, inner, max_size=4),
    max_leaves=10,
)
# And nesting deeper than a handler would ever walk.
junk |= st.builds(lambda depth, leaf: _nested(depth, leaf), st.integers(20, 60), scalars)


def _nested(depth: int, leaf):
    value = leaf
    for level in range(depth):
        value = [value] if level % 2 else {"k": value}
    return value


SOURCES = (
    "PreSignUp_SignUp", "PreSignUp_ExternalProvider", "PreSignUp_AdminCreateUser",
    "PostConfirmation_ConfirmSignUp", "PostConfirmation_ConfirmForgotPassword",
    *TOKEN_GENERATION_SOURCES, "TokenGeneration_ClientCredentials",
)  # fmt: skip
trigger_sources = st.sampled_from(SOURCES) | junk
EVENT_KEYS = ("version", "triggerSource", "region", "userPoolId", "userName", "callerContext",
              "request", "response")  # fmt: skip
# Any value at all, or a dict with Cognito's keys holding anything.
shapeless_events = junk | st.dictionaries(st.sampled_from(EVENT_KEYS) | texts, junk, max_size=8)

domains = st.emails().map(lambda email: email.rsplit("@", 1)[1])
emails = st.one_of(
    st.emails(),
    st.emails().map(str.upper),
    st.builds("{}@{}".format, texts, texts),
    st.builds("{}@{}@{}".format, texts, texts, domains),
    st.sampled_from(["@", "no-at-sign", "x@", "@example.com", "ann@EXAMPLE.com"]),
    junk,
)
# Environment values: any text the OS can hold (no NUL, no lone surrogate).
env_texts = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=20)
unset = st.none()


def encodable(text) -> bool:
    if not isinstance(text, str) or "\x00" in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


# --- Cognito's events, perturbed -----------------------------------------------------------


@st.composite
def mutated(draw, event: dict, paths: tuple[tuple[str, ...], ...]) -> dict:
    """Up to two fields of `event` deleted or replaced by junk."""
    for _ in range(draw(st.integers(0, 2))):
        *parents, last = draw(st.sampled_from(paths))
        parent = event
        for key in parents:
            parent = parent.get(key) if isinstance(parent, dict) else None
        if isinstance(parent, dict):
            if draw(st.booleans()):
                parent.pop(last, None)
            else:
                parent[last] = draw(junk)
    return event


ATTRIBUTE_PATHS = (("request",), ("request", "userAttributes"), ("request", "userAttributes", "email"),
                   ("response",), ("triggerSource",), ("userPoolId",), ("userName",),
                   ("callerContext",), ("version",))  # fmt: skip


def with_attributes(draw, event: dict, perturb: bool) -> dict:
    """A random email (none, odd, or not a string when perturbed) and trigger source (half
    the time the event's own)."""
    own = event["triggerSource"]
    attributes = event["request"]["userAttributes"]
    attributes.pop("email", None)
    email = draw(st.none() | (emails if perturb else st.emails() | st.emails().map(str.upper)))
    if email is not None:
        attributes["email"] = email
    attributes.update(draw(st.dictionaries(st.sampled_from(["name", "phone_number", "custom:tenant"]),
                                           texts, max_size=2)))  # fmt: skip
    others = trigger_sources if perturb else st.sampled_from(SOURCES)
    event["triggerSource"] = draw(st.one_of(st.just(own), others))
    return event


@st.composite
def sign_up_events(draw, perturb=True):
    event = with_attributes(draw, pre_sign_up_event(), perturb)
    return draw(mutated(event, ATTRIBUTE_PATHS)) if perturb else event


@st.composite
def confirmation_events(draw, perturb=True):
    event = with_attributes(draw, post_confirmation_event(admin=draw(st.booleans())), perturb)
    if perturb:
        event["userName"] = draw(st.sampled_from([event["userName"], "", "Google_1234"]) | junk)
        return draw(mutated(event, ATTRIBUTE_PATHS))
    return event


TOKEN_PATHS = ATTRIBUTE_PATHS + (("response", "claimsOverrideDetails"),
                                 ("response", "claimsAndScopeOverrideDetails"),
                                 ("request", "groupConfiguration"), ("request", "scopes"))  # fmt: skip


@st.composite
def token_events(draw, perturb=True):
    version = draw(st.sampled_from(["1", "2", "3"]))
    source = draw(st.sampled_from(TOKEN_GENERATION_SOURCES))
    event = with_attributes(draw, pre_token_generation_event(source, version), perturb)
    if draw(st.booleans()):
        event["triggerSource"] = source  # mostly a source that issues tokens
    if perturb:
        event["version"] = draw(st.sampled_from(["1", "2", "3", "4", 2, None]) | junk)
        return draw(mutated(event, TOKEN_PATHS))
    return event


# --- Running a handler -------------------------------------------------------------------


@contextlib.contextmanager
def environment(**variables):
    """The function's environment for one call: a string sets a variable, None unsets it."""
    with mock.patch.dict(os.environ):
        for name, value in variables.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        yield


def call(handler, event, **variables):
    """(returned value or None, raised exception or None, what was printed)."""
    out = io.StringIO()
    result = raised = None
    with environment(**variables), contextlib.redirect_stdout(out):
        try:
            result = handler(event)
        except Exception as exc:  # noqa: BLE001 - each property says which may escape
            raised = exc
    return result, raised, out.getvalue()


def _strict(constant):
    raise ValueError(f"{constant} is not JSON")


def one_json_line(printed: str) -> dict:
    """The log line: exactly one, valid JSON (no NaN), printable as UTF-8."""
    assert printed.endswith("\n") and printed.count("\n") == 1, printed[:200]
    printed.encode("utf-8")
    record = json.loads(printed, parse_constant=_strict)
    assert isinstance(record, dict)
    return record


# One address: a local part (plain, or quoted) @ a domain; nothing that could hide a second.
ONE_ADDRESS = re.compile(r'(?:"[^"\\\r\n]*"|[^@\s",;<>()\[\]\\]+)@[^@\s",;<>()\[\]\\]+')


def email_of(event):
    """The email attribute, when it is one a handler uses: a single address."""
    request = event.get("request") if isinstance(event, dict) else None
    attributes = request.get("userAttributes") if isinstance(request, dict) else None
    email = attributes.get("email") if isinstance(attributes, dict) else None
    return email if isinstance(email, str) and ONE_ADDRESS.fullmatch(email) else None


def strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from strings(item)


def assert_no_email(record: dict, event, copied: tuple[str, ...]):
    """No logged field holds the address; `copied` fields repeat other event fields as sent."""
    email = email_of(event)
    if email is None:
        return
    for name, value in record.items():
        if name not in copied:
            assert all(email not in text for text in strings(value)), name


def refused_by(allow_list, email) -> bool:
    """Whether an allow-list refuses an address: listed exactly, or under a "*." entry."""
    allowed = {d.strip().lower() for d in (allow_list or "").split(",") if d.strip()}
    domain = email.rsplit("@", 1)[1].lower() if email else None
    if not allowed:
        return False
    if domain is None:
        return True
    wildcards = [entry[1:] for entry in allowed if entry.startswith("*.")]
    return domain not in allowed and not any(domain.endswith(w) for w in wildcards)


def assert_returns_the_event(result, event):
    if isinstance(event, dict):
        assert result is event
    else:
        assert isinstance(result, dict)


# --- PreSignUp -----------------------------------------------------------------------------

FLAGS = ("autoConfirmUser", "autoVerifyEmail", "autoVerifyPhone")
flag_settings = (
    unset | st.sampled_from(["true", "TRUE", " True ", "false", "", "yes", "1"]) | env_texts
)


@st.composite
def allow_lists(draw, event):
    """Unset, empty, or domains that sometimes hold the event's own (in any case)."""
    email = email_of(event)
    own = email.rsplit("@", 1)[1] if email else None
    choices = [domains, env_texts.filter(lambda t: "," not in t)]
    if encodable(own):
        parent = own.split(".", 1)[1] if "." in own else own
        choices.append(st.sampled_from([own, own.upper(), f"  {own} ", f"*.{parent}", f"*.{own}"]))
    picked = draw(st.lists(st.one_of(choices), max_size=3))
    return draw(st.sampled_from([None, "", ",".join(picked), ", ".join(picked)]))


def check_pre_sign_up(event, data):
    before = copy.deepcopy(event)
    env = {
        "AUTO_CONFIRM_USERS": data.draw(flag_settings),
        "AUTO_VERIFY_EMAIL": data.draw(flag_settings),
        "ALLOWED_EMAIL_DOMAINS": data.draw(allow_lists(event)),
    }
    result, raised, printed = call(pre_sign_up.handler, event, **env)

    email = email_of(before)
    refuse = refused_by(env["ALLOWED_EMAIL_DOMAINS"], email)
    record = one_json_line(printed)
    label(f"decision: {record['decision']}")
    assert_no_email(record, before, copied=("trigger", "userPoolId", *FLAGS))
    assert record["decision"] == ("refused" if refuse else "allowed")
    if refuse:
        assert isinstance(raised, pre_sign_up.SignUpRefused)
        assert str(raised) == pre_sign_up.REFUSAL_MESSAGE
        return None, before
    assert raised is None, repr(raised)
    assert_returns_the_event(result, event)

    # What the handler wrote: only its two flags, only true, only where Cognito takes them.
    sent = before.get("response") if isinstance(before, dict) else None
    sent = sent if isinstance(sent, dict) else {}
    response = result["response"]
    assert isinstance(response, dict)
    self_sign_up = isinstance(before, dict) and before.get("triggerSource") in (
        "PreSignUp_SignUp", "PreSignUp_ExternalProvider")  # fmt: skip
    on = {name: (value or "").strip().lower() == "true" for name, value in env.items()}
    sets = {
        "autoConfirmUser": self_sign_up and on["AUTO_CONFIRM_USERS"],
        # Verifying an absent email makes Cognito fail the sign-up.
        "autoVerifyEmail": self_sign_up and on["AUTO_VERIFY_EMAIL"] and email is not None,
    }
    label(f"sets: {', '.join(flag for flag, on_here in sets.items() if on_here) or 'nothing'}")
    for flag, set_here in sets.items():
        if set_here:
            assert response[flag] is True
        else:
            assert (flag in response, response.get(flag)) == (flag in sent, sent.get(flag))
    assert {k: v for k, v in response.items() if k not in sets} == {
        k: v for k, v in sent.items() if k not in sets
    }
    return result, before


@FUZZ
@given(event=shapeless_events | sign_up_events(), data=st.data())
def test_pre_sign_up_never_raises_but_its_refusal(event, data):
    check_pre_sign_up(event, data)


@FUZZ
@given(event=sign_up_events(perturb=False), data=st.data())
def test_pre_sign_up_returns_what_cognito_accepts(event, data):
    result, before = check_pre_sign_up(event, data)
    if result is None:
        return  # refused
    response = result["response"]
    assert set(response) == set(FLAGS)
    assert all(isinstance(response[flag], bool) for flag in FLAGS)
    if response["autoVerifyEmail"]:
        assert email_of(result) is not None
    if before["triggerSource"] == "PreSignUp_AdminCreateUser":
        assert response == before["response"]


# --- PostConfirmation ----------------------------------------------------------------------


class Failure(Exception):
    """An exception with any `response`, as botocore's and other libraries' errors have."""

    def __init__(self, response):
        super().__init__("from the fake")
        if response is not None:
            self.response = response


class FakeCognito:
    def __init__(self, failure: Exception | None):
        self.failure = failure
        self.calls: list[dict] = []

    def admin_add_user_to_group(self, **params):
        self.calls.append(params)
        if self.failure is not None:
            raise self.failure
        return {}


failures = st.one_of(
    st.none(),
    st.sampled_from([TimeoutError("read timed out"), RuntimeError("Unable to locate credentials")]),
    st.builds(Failure, st.fixed_dictionaries({"Error": st.fixed_dictionaries({"Code": texts})})),
    # What botocore never sends, but any library's exception may carry.
    st.builds(Failure, junk | st.fixed_dictionaries({"Error": junk})),
)
# Half the time a group to join, so the add (and its failures) are well exercised.
groups = st.one_of(
    st.sampled_from(["members", "  members \n"]) | st.text("abcXYZ_-", min_size=1, max_size=8),
    unset | st.sampled_from(["", "   "]),
)


def check_post_confirmation(event, data):
    before = copy.deepcopy(event)
    group = data.draw(groups)
    fake = FakeCognito(data.draw(failures))
    previous = post_confirmation.set_client(fake)
    try:
        result, raised, printed = call(post_confirmation.handler, event, DEFAULT_GROUP=group)
    finally:
        post_confirmation.set_client(previous)

    def text(name):
        value = before.get(name) if isinstance(before, dict) else None
        return value if isinstance(value, str) and value else None

    adds = (
        isinstance(before, dict)
        and before.get("triggerSource") == "PostConfirmation_ConfirmSignUp"
        and bool((group or "").strip())
        and bool(text("userPoolId") and text("userName"))
    )
    expected = [{"UserPoolId": text("userPoolId"), "Username": text("userName"),
                 "GroupName": (group or "").strip()}] if adds else []  # fmt: skip
    assert fake.calls == expected
    record = one_json_line(printed)
    label(f"decision: {record['decision']}")
    # The error is the exception's code, the group the setting: neither comes from the event.
    assert_no_email(record, before, copied=("trigger", "userPoolId", "sub", "error", "group"))
    if adds and fake.failure is not None:
        assert isinstance(raised, post_confirmation.GroupNotJoined)
        assert str(raised) == post_confirmation.FAILURE_MESSAGE
        assert record["decision"] == "failed" and record["error"]
    else:
        assert raised is None, repr(raised)
        assert_returns_the_event(result, event)
        expected_decisions = {"added"} if adds else {"ignored", "no-group", "incomplete-event"}
        assert record["decision"] in expected_decisions
    # Cognito expects the event back as it sent it.
    if isinstance(event, dict):
        assert event == before


@FUZZ
@given(event=shapeless_events | confirmation_events(), data=st.data())
def test_post_confirmation_raises_only_its_safe_error(event, data):
    check_post_confirmation(event, data)


@FUZZ
@given(event=confirmation_events(perturb=False), data=st.data())
def test_post_confirmation_on_cognito_events(event, data):
    check_post_confirmation(event, data)


# --- PreTokenGeneration --------------------------------------------------------------------

RESERVED = set(limits.RESERVED_CLAIMS)
claim_names = (
    st.sampled_from(sorted(RESERVED) + ["cognito:groups", "dev:x", "", " ", "tenant", "plan"])
    | texts
)
claim_maps = st.dictionaries(claim_names, st.text(max_size=8) | junk, max_size=5)
good_claims = st.dictionaries(st.sampled_from(["tenant", "plan", "team"]) | st.text(min_size=1, max_size=8),
                              st.text(max_size=8), min_size=1, max_size=3)  # fmt: skip
claim_settings = st.one_of(
    unset | st.sampled_from(["", "  ", "{}", "not json", "[1, 2]", "7", '"x"']),
    st.builds(json.dumps, claim_maps),
    # Claims to add, often beside ones that must be skipped.
    st.builds(lambda good, bad: json.dumps({**bad, **good}), good_claims, claim_maps),
)


def expected_claims(raw) -> dict:
    """What the handler may add for CLAIMS_JSON = raw: string values under names Cognito
    lets a trigger set (components.limits' list, kept equal to the handler's)."""
    try:
        loaded = json.loads(raw) if raw and raw.strip() else {}
    except ValueError:
        return {}
    if not isinstance(loaded, dict):
        return {}
    return {
        name: value
        for name, value in loaded.items()
        if isinstance(value, str)
        and name.strip()
        and name not in RESERVED
        and not name.startswith(limits.RESERVED_CLAIM_PREFIXES)
    }


def changed_claims(before, after) -> dict[tuple[str, ...], dict]:
    """Per claimsToAddOrOverride in `after`, the entries not there as sent."""
    found = {}

    def walk(old, new, path):
        if not isinstance(new, dict):
            return
        old = old if isinstance(old, dict) else {}
        if path and path[-1] == "claimsToAddOrOverride":
            changed = {k: v for k, v in new.items() if k not in old or old[k] != v}
            if changed:
                found[path] = changed
            return
        for key, value in new.items():
            walk(old.get(key), value, (*path, key))

    walk(before, after, ())
    return found


def at(value, path):
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    return value


V1_CLAIMS = ("claimsOverrideDetails", "claimsToAddOrOverride")
V2_CLAIMS = (
    ("claimsAndScopeOverrideDetails", "idTokenGeneration", "claimsToAddOrOverride"),
    ("claimsAndScopeOverrideDetails", "accessTokenGeneration", "claimsToAddOrOverride"),
)


def check_pre_token_generation(event, data):
    before = copy.deepcopy(event)
    raw = data.draw(claim_settings)
    allow_list = data.draw(allow_lists(event))
    result, raised, printed = call(
        pre_token_generation.handler, event, CLAIMS_JSON=raw, ALLOWED_EMAIL_DOMAINS=allow_list
    )
    record = one_json_line(printed)
    label(f"decision: {record['decision']}")
    sent = before if isinstance(before, dict) else {}
    source = sent.get("triggerSource")
    # Every token to an address outside the list is refused, and only those: whatever the
    # source (one Cognito adds later too), but for machine-to-machine tokens, which have no
    # user.
    if source != "TokenGeneration_ClientCredentials" and refused_by(allow_list, email_of(before)):
        assert isinstance(raised, pre_token_generation.SignInRefused), repr(raised)
        assert str(raised) == pre_token_generation.REFUSAL_MESSAGE
        assert record["decision"] == "refused"
        return None, before
    assert raised is None, repr(raised)
    assert_returns_the_event(result, event)
    # Claim names come from the setting, not the event.
    assert_no_email(record, before, copied=("trigger", "version", "userPoolId", "clientId",
                                            "claims", "refused"))  # fmt: skip

    # Only the response changes.
    assert {k: v for k, v in result.items() if k != "response"} == {
        k: v for k, v in sent.items() if k != "response"
    }
    claims = expected_claims(raw)
    version = sent.get("version")
    issues = isinstance(source, str) and source in USER_SOURCES and version in ("1", "2", "3")
    changed = changed_claims(sent.get("response"), result["response"])
    for written in changed.values():  # never a reserved claim, only the setting's claims
        assert not any(name in RESERVED or name.startswith(limits.RESERVED_CLAIM_PREFIXES)
                       for name in written)  # fmt: skip
        assert written.items() <= claims.items()
    if not (issues and claims):
        assert changed == {}
        if isinstance(sent.get("response"), dict):
            assert result["response"] == sent["response"]
        assert record["tokens"] == []
        return result, before
    targets = (V1_CLAIMS,) if version == "1" else V2_CLAIMS
    assert set(changed) <= set(targets)
    for path in targets:
        written = at(result["response"], path)
        assert isinstance(written, dict) and claims.items() <= written.items(), path
    assert record["tokens"] == (["id"] if version == "1" else ["id", "access"])
    assert record["claims"] == sorted(claims)
    return result, before


USER_SOURCES = set(TOKEN_GENERATION_SOURCES)


@FUZZ
@given(event=shapeless_events | token_events(), data=st.data())
def test_pre_token_generation_never_raises(event, data):
    check_pre_token_generation(event, data)


@FUZZ
@given(event=token_events(perturb=False), data=st.data())
def test_pre_token_generation_answers_in_the_events_version(event, data):
    result, before = check_pre_token_generation(event, data)
    if result is None:
        return  # refused: outside the allow-list
    response = result["response"]
    # Cognito sends the other version's block as null; it must not gain the wrong one.
    if before["version"] == "1":
        assert set(response) == {"claimsOverrideDetails"}
    else:
        assert set(response) == {"claimsAndScopeOverrideDetails"}
    for claims in changed_claims(before["response"], response).values():
        assert all(isinstance(value, str) for value in claims.values())


# --- Extremes no strategy draws cheaply ------------------------------------------------------

HUGE = 10**5000  # more digits than Python will turn into text (4,300)
DEEP = _nested(10_000, "leaf")  # deeper than Python's recursion limit


@pytest.mark.parametrize("value", [HUGE, -HUGE, DEEP], ids=["huge", "negative-huge", "deep"])
@pytest.mark.parametrize("field", ["triggerSource", "userPoolId", "version", "userName",
                                   "callerContext", "request", "response"])  # fmt: skip
@pytest.mark.parametrize(
    "handler, event, allowed",
    [
        (pre_sign_up.handler, pre_sign_up_event, (pre_sign_up.SignUpRefused,)),
        (post_confirmation.handler, post_confirmation_event, ()),
        # Without a readable address the allow-list refuses: the one exception each may raise.
        (
            pre_token_generation.handler,
            pre_token_generation_event,
            (pre_token_generation.SignInRefused,),
        ),
    ],
    ids=["pre_sign_up", "post_confirmation", "pre_token_generation"],
)
def test_every_handler_survives_extreme_json(handler, event, allowed, field, value):
    sent = event()
    sent[field] = value
    previous = post_confirmation.set_client(FakeCognito(None))
    try:
        _, raised, printed = call(handler, sent, ALLOWED_EMAIL_DOMAINS="example.com",
                                  DEFAULT_GROUP="members", CLAIMS_JSON='{"tenant": "acme"}')  # fmt: skip
    finally:
        post_confirmation.set_client(previous)
    assert raised is None or isinstance(raised, allowed), repr(raised)
    one_json_line(printed)


@pytest.mark.parametrize("value", [HUGE, DEEP], ids=["huge", "deep"])
def test_an_extreme_email_is_no_email(value):
    for handler, event in ((pre_sign_up.handler, pre_sign_up_event),
                           (pre_token_generation.handler, pre_token_generation_event)):  # fmt: skip
        sent = event()
        sent["request"]["userAttributes"]["email"] = value
        _, raised, printed = call(handler, sent, ALLOWED_EMAIL_DOMAINS="example.com")
        # No address to check against the list: refused, never crashed.
        assert type(raised).__name__ in ("SignUpRefused", "SignInRefused"), repr(raised)
        assert one_json_line(printed)["decision"] == "refused"
