"""The auth check tool without an emulator: error sentences, generated passwords, the report
and its exit codes, CLI inputs, token checks against a locally generated RSA key, and the
step order driven by a fake cognito-idp client. End-to-end runs are in tests/e2e."""

import json
import string
import subprocess
import time

import jwt
import pytest
from botocore.exceptions import (
    ClientError,
    ConnectTimeoutError,
    EndpointConnectionError,
    NoCredentialsError,
    ReadTimeoutError,
)
from cryptography.hazmat.primitives.asymmetric import rsa
from pycognito.exceptions import SMSMFAChallengeException

from authcheck import cli, errors, run_check, steps
from authcheck.password import generate_password
from authcheck.report import Report, Step
from authcheck.tokens import TokenError, jwks_url_for, verify_token


def client_error(code: str, message: str, operation: str = "SignUp") -> ClientError:
    return ClientError({"Error": {"Code": code, "Message": message}}, operation)


# ---------------------------------------------------------------- error sentences

# (step, exception, text the sentence must contain); first matching rule wins, so the
# narrow rows (a message pattern, a step) are checked next to the broad ones they shadow.
ERRORS = [
    pytest.param(
        "sign up",
        client_error("UserLambdaValidationException", "PreSignUp failed with error nope."),
        "sign up: UserLambdaValidationException: the PreSignUp trigger failed or Cognito may not invoke it",
        id="trigger-raised-aws-text",
    ),
    pytest.param(
        "sign up",
        client_error(
            "UserLambdaValidationException",
            "{'errorMessage': 'nope', 'errorType': 'Runtime.HandlerError'}",
        ),
        "check the function's logs and its Lambda permission",
        id="trigger-raised-ministack-text",
    ),
    pytest.param(
        "sign up",
        client_error(
            "UserLambdaValidationException",
            "{'errorMessage': 'Task timed out after 6.00 seconds', 'errorType': 'Sandbox.Timedout'}",
        ),
        "UserLambdaValidationException: the PreSignUp trigger timed out",
        id="trigger-timed-out",
    ),
    pytest.param(
        "sign up",
        client_error(
            "UserLambdaValidationException",
            "PreSignUp failed with error 2024-05-01T10:00:00.000Z 3f2a Task timed out after 5.01 seconds.",
        ),
        "UserLambdaValidationException: the PreSignUp trigger timed out",
        id="trigger-timed-out-aws-text",
    ),
    pytest.param(
        "sign up",
        client_error(
            "UnexpectedLambdaException", "PreSignUp invocation failed due to error TimeoutError."
        ),
        "UnexpectedLambdaException: the PreSignUp trigger timed out",
        id="trigger-timeout-error",
    ),
    pytest.param(
        "sign up",
        client_error("UnexpectedLambdaException", "AccessDeniedException from Lambda"),
        "Cognito could not invoke the PreSignUp trigger",
        id="trigger-not-invokable",
    ),
    pytest.param(
        "sign up",
        client_error("InvalidLambdaResponseException", "Invalid lambda response"),
        "the handler must return the event",
        id="trigger-bad-response",
    ),
    pytest.param(
        "sign up",
        client_error("AccessDeniedException", "User is not authorized"),
        "Cognito may not invoke it",
        id="access-denied-at-sign-up",
    ),
    pytest.param(
        "user confirmed",
        client_error("AccessDeniedException", "denied", "AdminGetUser"),
        "the credentials in use may not call this Cognito API",
        id="access-denied-elsewhere",
    ),
    pytest.param(
        "sign up",
        client_error("InvalidPasswordException", "Password did not conform with policy"),
        "InvalidPasswordException: the password does not meet the pool's password policy",
        id="weak-password",
    ),
    pytest.param(
        "USER_PASSWORD_AUTH",
        client_error(
            "InvalidParameterException",
            "USER_PASSWORD_AUTH flow not enabled for this client",
            "InitiateAuth",
        ),
        "InvalidParameterException: the app client does not enable this auth flow",
        id="flow-disabled",
    ),
    pytest.param(
        "sign up",
        client_error("InvalidParameterException", "Username should be an email."),
        "sign up: InvalidParameterException: Username should be an email.",
        id="other-invalid-parameter-falls-through",
    ),
    pytest.param(
        "sign up",
        client_error(
            "NotAuthorizedException",
            "Client 1abc is configured with secret but SECRET_HASH was not received",
        ),
        "the app client has a secret",
        id="client-secret",
    ),
    pytest.param(
        "REFRESH_TOKEN_AUTH",
        client_error("NotAuthorizedException", "Invalid Refresh Token", "InitiateAuth"),
        "REFRESH_TOKEN_AUTH: NotAuthorizedException: the refresh token was rejected",
        id="refresh-rejected",
    ),
    pytest.param(
        "USER_PASSWORD_AUTH",
        client_error("NotAuthorizedException", "Incorrect username or password.", "InitiateAuth"),
        "USER_PASSWORD_AUTH: NotAuthorizedException: wrong password, or the auth flow is not enabled",
        id="wrong-password",
    ),
    pytest.param(
        "sign up",
        client_error("ResourceNotFoundException", "User pool client nope does not exist."),
        "the user pool or app client id is wrong",
        id="wrong-ids",
    ),
    pytest.param(
        "user confirmed",
        client_error("UserNotFoundException", "User does not exist.", "AdminGetUser"),
        "the test user does not exist",
        id="user-missing",
    ),
    pytest.param(
        "USER_SRP_AUTH",
        client_error("UserNotConfirmedException", "User is not confirmed.", "InitiateAuth"),
        "the user is not confirmed, so it cannot sign in",
        id="not-confirmed",
    ),
    pytest.param(
        "sign up",
        client_error("TooManyRequestsException", "Rate exceeded"),
        "Cognito throttled the request",
        id="throttled",
    ),
    pytest.param(
        "sign up",
        client_error("UnrecognizedClientException", "The security token is invalid."),
        "the AWS credentials are missing, invalid or expired",
        id="bad-credentials",
    ),
    pytest.param(
        "sign up",
        EndpointConnectionError(endpoint_url="http://127.0.0.1:1/"),
        "sign up: EndpointConnectionError: endpoint http://127.0.0.1:1/ is unreachable",
        id="unreachable-names-botocores-url",
    ),
    pytest.param(
        "sign up",
        ConnectTimeoutError(endpoint_url="http://10.0.0.1:4566/"),
        "ConnectTimeoutError: endpoint http://10.0.0.1:4566/ is unreachable",
        id="connect-timeout",
    ),
    pytest.param(
        "sign up",
        ReadTimeoutError(endpoint_url="http://127.0.0.1:2/"),
        "ReadTimeoutError: endpoint http://127.0.0.1:2/ did not answer in time",
        id="read-timeout",
    ),
    pytest.param(
        "sign up",
        NoCredentialsError(),
        "NoCredentialsError: no AWS credentials found",
        id="no-credentials",
    ),
    pytest.param(
        "USER_SRP_AUTH",
        SMSMFAChallengeException("Do SMS MFA", {}),
        "SMSMFAChallengeException: the pool requires MFA",
        id="mfa-challenge",
    ),
    pytest.param(
        "sign up",
        client_error("SomethingNewException", "brand new"),
        "sign up: SomethingNewException: brand new",
        id="unknown-code-keeps-awss-words",
    ),
    pytest.param(
        "sign up", ValueError(), "sign up: ValueError: no message", id="local-error-no-message"
    ),
]


@pytest.mark.parametrize("step, exc, expected", ERRORS)
def test_error_sentence(step, exc, expected):
    sentence = errors.explain(step, exc, endpoint="http://127.0.0.1:9")
    assert expected in sentence
    assert "\n" not in sentence


def test_error_without_a_url_of_its_own_names_the_given_endpoint():
    class Refused(Exception):  # matched by class name, like botocore's errors
        pass

    Refused.__name__ = "EndpointConnectionError"
    assert "endpoint http://127.0.0.1:9 is unreachable" in errors.explain(
        "sign up", Refused(), endpoint="http://127.0.0.1:9"
    )


def test_error_sentence_quotes_aws_on_one_bounded_line():
    exc = client_error("UserLambdaValidationException", "line one\nline two " + "x" * 1000)
    sentence = errors.explain("sign up", exc)
    assert 'AWS said: "line one line two xxx' in sentence
    assert "\n" not in sentence and len(sentence) < 500


# ---------------------------------------------------------------- generated passwords

# What Cognito counts as a symbol (its password policy documentation), space included.
COGNITO_SYMBOLS = set("^$*.[]{}()?\"!@#%&/\\,><':;|_~`=+- ")
ALL_REQUIRED = {
    "RequireUppercase": True,
    "RequireLowercase": True,
    "RequireNumbers": True,
    "RequireSymbols": True,
}


def policy_problems(password: str, policy: dict) -> list[str]:
    """What Cognito would reject, checked independently of the generator."""
    problems = [
        f"character {c!r}"
        for c in password
        if c not in string.ascii_letters + string.digits and c not in COGNITO_SYMBOLS
    ]
    if len(password) < (policy.get("MinimumLength") or 8):
        problems.append("too short")
    for flag, has in (
        ("RequireUppercase", str.isupper),
        ("RequireLowercase", str.islower),
        ("RequireNumbers", str.isdigit),
        ("RequireSymbols", COGNITO_SYMBOLS.__contains__),
    ):
        if policy.get(flag) and not any(has(c) for c in password):
            problems.append(flag)
    return problems


@pytest.mark.parametrize(
    "policy, length",
    [
        (None, 20),
        ({}, 20),
        ({"MinimumLength": 6}, 20),
        ({"MinimumLength": 8, **ALL_REQUIRED}, 20),
        ({"MinimumLength": 32, "RequireSymbols": True}, 32),
        ({"MinimumLength": 99, **ALL_REQUIRED}, 99),
    ],
)
def test_generated_password_meets_policy(policy, length):
    for _ in range(50):  # random output: every class must appear every time
        password = generate_password(policy)
        assert len(password) == length
        # Every class is included even when the policy does not ask for it.
        assert policy_problems(password, {**(policy or {}), **ALL_REQUIRED}) == []


def test_generated_passwords_differ():
    assert len({generate_password() for _ in range(20)}) == 20


# ---------------------------------------------------------------- report and exit codes


@pytest.mark.parametrize(
    "statuses, exit_code, summary",
    [
        (["passed"] * 7, 0, "7 passed, 0 failed"),
        (["passed", "passed", "skipped", "passed"], 0, "3 passed, 0 failed, 1 skipped"),
        (["failed"] + ["not run"] * 6, 1, "0 passed, 1 failed, 6 not run"),
        (["passed", "failed", "passed"], 1, "2 passed, 1 failed"),
        (["skipped", "not run"], 1, "0 passed, 0 failed, 1 skipped, 1 not run"),  # proves nothing
        ([], 1, "0 passed, 0 failed"),
    ],
)
def test_exit_code_and_summary(statuses, exit_code, summary):
    report = Report(steps=[Step(f"step {i}", s, i, "d") for i, s in enumerate(statuses)])
    assert report.exit_code == exit_code
    assert report.summary == summary
    assert report.render_text().splitlines()[-1] == summary
    doc = json.loads(report.render_json())
    assert doc["summary"]["exit_code"] == exit_code and doc["summary"]["text"] == summary


def test_text_lines_align_and_carry_mark_ms_and_detail():
    report = Report(
        steps=[
            Step("sign up", "passed", 12, "ok"),
            Step("verify tokens", "failed", 3, "bad iss"),
            Step("USER_PASSWORD_AUTH", "skipped", 0, "off"),
            Step("REFRESH_TOKEN_AUTH", "not run", 0),
        ]
    )
    lines = report.render_text().splitlines()
    assert lines[:4] == [
        "✓ sign up                12 ms  ok",
        "✗ verify tokens           3 ms  bad iss",
        "– USER_PASSWORD_AUTH      0 ms  off",
        "· REFRESH_TOKEN_AUTH      0 ms",
    ]


def test_json_document():
    report = Report(
        steps=[
            Step("sign up", "passed", 12, "ok"),
            Step("x", "skipped", 0, "off"),
            Step("y", "not run", 0, "z"),
            Step("w", "failed", 1, "v"),
        ],
        user={"username": "u@example.com"},
        target={"userPoolId": "us-east-1_Abc"},
    )
    doc = json.loads(report.render_json())
    assert doc["steps"][0] == {
        "name": "sign up",
        "ok": True,
        "status": "passed",
        "ms": 12,
        "detail": "ok",
    }
    assert [s["ok"] for s in doc["steps"]] == [True, None, None, False]
    assert {k: v for k, v in doc["summary"].items() if k != "text"} == {
        "passed": 1,
        "failed": 1,
        "skipped": 1,
        "not_run": 1,
        "exit_code": 1,
    }
    assert doc["user"] == {"username": "u@example.com"}
    assert doc["target"] == {"userPoolId": "us-east-1_Abc"}


# ---------------------------------------------------------------- CLI inputs

POOL = "eu-west-1_Abc123"
OUTPUTS = {
    "userPoolId": POOL,
    "clientId": "client1",
    "region": "eu-west-1",
    "issuerUrl": f"https://cognito-idp.eu-west-1.amazonaws.com/{POOL}",
    "jwksUrl": f"https://cognito-idp.eu-west-1.amazonaws.com/{POOL}/.well-known/jwks.json",
}


def arguments(*argv: str, env: dict | None = None) -> dict:
    return cli.check_arguments(cli.parser().parse_args(list(argv)), env=env or {})


@pytest.fixture
def outputs_file(tmp_path):
    path = tmp_path / "outputs.json"
    path.write_text(json.dumps(OUTPUTS))
    return str(path)


def test_outputs_file_supplies_everything(outputs_file):
    kwargs = arguments("--outputs", outputs_file, "--prefix", "ci", "--keep")
    assert kwargs == {
        "user_pool_id": POOL,
        "client_id": "client1",
        "region": "eu-west-1",
        "endpoint_url": None,
        "issuer_url": OUTPUTS["issuerUrl"],
        "jwks_url": OUTPUTS["jwksUrl"],
        "email_domain": "example.com",
        "prefix": "ci",
        "password": None,
        "keep": True,
        "expect_auto_confirm": False,
    }


def test_flags_override_outputs(outputs_file):
    kwargs = arguments(
        "--outputs",
        outputs_file,
        *("--user-pool-id", "eu-west-1_Other", "--client-id", "client2"),
        *("--issuer-url", "https://issuer", "--jwks-url", "https://keys"),
    )
    assert (kwargs["user_pool_id"], kwargs["client_id"]) == ("eu-west-1_Other", "client2")
    assert (kwargs["issuer_url"], kwargs["jwks_url"]) == ("https://issuer", "https://keys")


def test_endpoint_replaces_the_aws_jwks_output(outputs_file):
    kwargs = arguments("--outputs", outputs_file, "--endpoint-url", "http://127.0.0.1:4566")
    assert kwargs["jwks_url"] is None  # run_check derives it from the endpoint:
    assert (
        jwks_url_for(POOL, issuer=OUTPUTS["issuerUrl"], endpoint_url="http://127.0.0.1:4566/")
        == f"http://127.0.0.1:4566/{POOL}/.well-known/jwks.json"
    )
    explicit = arguments(
        "--outputs",
        outputs_file,
        "--endpoint-url",
        "http://127.0.0.1:4566",
        "--jwks-url",
        "http://k",
    )
    assert explicit["jwks_url"] == "http://k"


@pytest.mark.parametrize(
    "jwks_url, endpoint_url, expected",
    [
        ("https://keys/x", "http://127.0.0.1:4566", "https://keys/x"),
        (None, "http://127.0.0.1:4566/", "http://127.0.0.1:4566/us-east-1_A/.well-known/jwks.json"),
        (None, None, "https://issuer/pool/.well-known/jwks.json"),
    ],
)
def test_jwks_url(jwks_url, endpoint_url, expected):
    found = jwks_url_for(
        "us-east-1_A", issuer="https://issuer/pool/", endpoint_url=endpoint_url, jwks_url=jwks_url
    )
    assert found == expected


# A pool in eu-west-1: any source naming another region first is refused as a mismatch.
@pytest.mark.parametrize(
    "flags, outputs_region, env",
    [
        (["--region", "eu-west-1"], "us-east-1", {"AWS_REGION": "us-east-1"}),
        ([], "eu-west-1", {"AWS_REGION": "us-east-1"}),
        ([], None, {"AWS_REGION": "eu-west-1", "AWS_DEFAULT_REGION": "us-east-1"}),
        ([], None, {"AWS_DEFAULT_REGION": "eu-west-1"}),
    ],
    ids=["flag", "output", "AWS_REGION", "AWS_DEFAULT_REGION"],
)
def test_region_precedence(tmp_path, flags, outputs_region, env):
    path = tmp_path / "outputs.json"
    path.write_text(json.dumps({"userPoolId": POOL, "clientId": "c", "region": outputs_region}))
    assert arguments("--outputs", str(path), *flags, env=env)["region"] == "eu-west-1"


def test_region_defaults_to_us_east_1():
    assert arguments("--user-pool-id", "us-east-1_Abc", "--client-id", "c")["region"] == "us-east-1"
    with pytest.raises(cli.UsageError, match="region 'us-east-1' does not match"):
        arguments("--user-pool-id", POOL, "--client-id", "c")


IDS = ("--user-pool-id", "us-east-1_Abc", "--client-id", "c")


@pytest.mark.parametrize(
    "argv, message",
    [
        ([], "missing --user-pool-id and --client-id"),
        (["--user-pool-id", "us-east-1_Abc"], "missing --client-id:"),
        (["--client-id", "c"], "missing --user-pool-id:"),
        (["--user-pool-id", "nope", "--client-id", "c"], "'nope' is not of the form <region>_<id>"),
        (["--user-pool-id", "us-east-1_Abc", "--client-id", "bad id"], "client id 'bad id'"),
        (["--user-pool-id", "us-east-1_Abc", "--client-id", "x" * 129], "1-128 letters"),
        ([*IDS, "--region", "eu-west-1"], "region 'eu-west-1' does not match"),
        ([*IDS, "--endpoint-url", "localhost:4566"], "must be an http(s) URL"),
        ([*IDS, "--email-domain", "a@b"], "--email-domain must be a bare domain"),
        ([*IDS, "--email-domain", " "], "--email-domain must be a bare domain"),
        ([*IDS, "--prefix", "a b"], "--prefix must have no '@' or spaces"),
        (["--outputs", "/nonexistent/outputs.json"], "cannot read --outputs"),
    ],
)
def test_bad_inputs_are_usage_errors(argv, message):
    with pytest.raises(cli.UsageError) as error:
        arguments(*argv)
    assert message in str(error.value)


@pytest.mark.parametrize(
    "text, message",
    [("{not json", "is not JSON"), ("[1, 2]", "must be a JSON object of stack outputs, got list")],
)
def test_outputs_file_must_be_a_json_object(tmp_path, text, message):
    path = tmp_path / "outputs.json"
    path.write_text(text)
    with pytest.raises(cli.UsageError, match=message):
        arguments("--outputs", str(path))


def test_usage_errors_exit_2_before_any_request(capsys, monkeypatch):
    monkeypatch.setattr(cli, "run_check", lambda **kwargs: pytest.fail("run_check was called"))
    assert cli.main(["--user-pool-id", "nope", "--client-id", "c"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("authcheck: error: user pool id 'nope'")


@pytest.mark.parametrize(
    "argv", [["--stack", "dev", "--outputs", "o.json"], ["--no-such-flag"]], ids=["both", "unknown"]
)
def test_argparse_refusals_exit_2(argv):
    with pytest.raises(SystemExit) as exit_:
        cli.main(argv)
    assert exit_.value.code == 2


def test_main_prints_the_report_and_returns_its_exit_code(capsys, monkeypatch, outputs_file):
    seen = {}

    def fake_run_check(**kwargs):
        seen.update(kwargs)
        return Report(steps=[Step("sign up", "failed", 1, "sign up: boom")])

    monkeypatch.setattr(cli, "run_check", fake_run_check)
    assert cli.main(["--outputs", outputs_file, "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["steps"][0]["detail"] == "sign up: boom"
    assert seen["user_pool_id"] == POOL
    assert cli.main(["--outputs", outputs_file]) == 1
    assert capsys.readouterr().out.splitlines()[-1] == "0 passed, 1 failed"


# ---------------------------------------------------------------- --stack


def test_stack_outputs_come_from_pulumi():
    calls = []

    def run(cmd, **kwargs):
        calls.append(cmd)
        return subprocess.CompletedProcess(cmd, 0, stdout=json.dumps(OUTPUTS), stderr="")

    assert cli.stack_outputs("dev", which=lambda name: "/bin/pulumi", run=run) == OUTPUTS
    assert calls == [["pulumi", "stack", "output", "--json", "--show-secrets", "--stack", "dev"]]


@pytest.mark.parametrize(
    "which, returncode, stdout, stderr, message",
    [
        (None, 0, "{}", "", "--stack needs the pulumi CLI, which is not on PATH"),
        ("/bin/pulumi", 255, "", "error: no stack named 'dev' found", "no stack named 'dev'"),
        (
            "/bin/pulumi",
            3,
            "",
            "",
            "`pulumi stack output --json --show-secrets --stack dev` failed: 3",
        ),
        ("/bin/pulumi", 0, "warning: x", "", "the outputs of stack dev is not JSON"),
        ("/bin/pulumi", 0, '"text"', "", "must be a JSON object of stack outputs, got str"),
    ],
    ids=["no-cli", "pulumi-failed", "pulumi-failed-silently", "not-json", "not-object"],
)
def test_stack_output_problems_are_usage_errors(which, returncode, stdout, stderr, message):
    def run(cmd, **kwargs):
        return subprocess.CompletedProcess(cmd, returncode, stdout=stdout, stderr=stderr)

    with pytest.raises(cli.UsageError) as error:
        cli.stack_outputs("dev", which=lambda name: which, run=run)
    assert message in str(error.value)


def test_stack_without_pulumi_on_path_exits_2(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    assert cli.main(["--stack", "dev"]) == 2
    assert "--stack needs the pulumi CLI" in capsys.readouterr().err


# ---------------------------------------------------------------- tokens, signed locally

ISSUER = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc"
CLIENT = "client1"


class StaticJWKS(jwt.PyJWKClient):
    """A PyJWKClient over an in-memory key set, so token checks run without a server."""

    def __init__(self, keys: list[dict], *args, **kwargs):
        super().__init__("https://jwks.invalid/keys")  # never fetched: fetch_data is overridden
        self._keys = keys

    def fetch_data(self):
        return {"keys": self._keys}


@pytest.fixture(scope="module")
def key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture(scope="module")
def jwks(key):
    jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key()))
    jwk.update(kid="k1", alg="RS256", use="sig")
    return StaticJWKS([jwk])


def sign(key, claims: dict, kid: str = "k1") -> str:
    return jwt.encode(claims, key, algorithm="RS256", headers={"kid": kid})


def claims(use: str, issuer: str = ISSUER, client: str = CLIENT, **changes) -> dict:
    now = int(time.time())
    base = {"iss": issuer, "token_use": use, "exp": now + 3600, "iat": now, "sub": "s"}
    base.update({"aud": client} if use == "id" else {"client_id": client})
    base.update(changes)
    return {k: v for k, v in base.items() if v is not None}  # None: leave the claim out


@pytest.mark.parametrize(
    "use, changes, error",
    [
        ("id", {}, None),
        ("access", {}, None),
        ("access", {"aud": "anything"}, None),  # access tokens are checked by client_id
        ("id", {"iat": int(time.time()) + 30}, None),  # clock skew must not fail a fresh token
        ("id", {"iss": "https://elsewhere"}, f"iss is 'https://elsewhere', expected '{ISSUER}'"),
        ("id", {"aud": "other"}, "aud is 'other', expected the client id 'client1'"),
        ("access", {"client_id": "other"}, "client_id is 'other', expected 'client1'"),
        ("access", {"client_id": None}, "client_id is None"),
        ("id", {"token_use": "access"}, "token_use is 'access', expected 'id'"),
        ("access", {"token_use": "id"}, "token_use is 'id', expected 'access'"),
        ("id", {"exp": int(time.time()) - 10}, "the token expired"),
        ("id", {"exp": None}, '"exp"'),
        ("id", {"token_use": None}, '"token_use"'),
        ("id", {"iss": None}, '"iss"'),
    ],
)
def test_token_claims(key, jwks, use, changes, error):
    token = sign(key, claims(use, **changes))
    check = {"jwks": jwks, "issuer": ISSUER, "client_id": CLIENT, "token_use": use}
    if error is None:
        assert verify_token(token, **check)["sub"] == "s"
    else:
        with pytest.raises(TokenError) as raised:
            verify_token(token, **check)
        assert error in str(raised.value)


def test_token_signed_by_another_key_fails(jwks):
    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    with pytest.raises(TokenError, match="the signature does not verify with key 'k1'"):
        verify_token(
            sign(other, claims("id")), jwks=jwks, issuer=ISSUER, client_id=CLIENT, token_use="id"
        )


def test_token_not_signed_with_rs256_fails(jwks):
    forged = jwt.encode(claims("id"), "k" * 32, algorithm="HS256", headers={"kid": "k1"})
    with pytest.raises(TokenError, match="alg"):
        verify_token(forged, jwks=jwks, issuer=ISSUER, client_id=CLIENT, token_use="id")


@pytest.mark.parametrize(
    "token, message",
    [("not-a-jwt", "the token is not a JWT"), (None, "no key in the JWKS at")],
    ids=["garbage", "unknown-kid"],
)
def test_token_without_a_matching_key_fails(key, jwks, token, message):
    token = token or sign(key, claims("id"), kid="k2")
    with pytest.raises(TokenError, match=message):
        verify_token(token, jwks=jwks, issuer=ISSUER, client_id=CLIENT, token_use="id")


def test_placeholder_jwks_is_explained(key):
    # The key ministack 1.5.33 serves when its environment lacks `cryptography`.
    n = (
        "wJUEhGbAmcKEHp7EaNBYYEmign_bbWUBnfQGTCZ0h4ViqHC_KQQ7A3E9X3OJ1P1E5VWZqvMfVN3l_0ljPBiA0XG4D4GBJzFJBmXq48Sk-"
        "G38q5LHxzH-ajLz7TrEMqSF3XTkmJ_7y3p3BdML2oFGm4F0DUUEUP3xmILPH2uo9g-5xRjYMh8i7V0xXyTAQS5Tw"
    )
    placeholder = StaticJWKS(
        [{"kty": "RSA", "alg": "RS256", "use": "sig", "kid": "k1", "n": n, "e": "AQAB"}]
    )
    with pytest.raises(TokenError, match="holds no usable RSA key"):
        verify_token(
            sign(key, claims("id")),
            jwks=placeholder,
            issuer=ISSUER,
            client_id=CLIENT,
            token_use="id",
        )


# ---------------------------------------------------------------- steps, with a fake Cognito

FAKE_POOL = "us-east-1_Fake1"
FAKE_ISSUER = f"https://cognito-idp.us-east-1.amazonaws.com/{FAKE_POOL}"


class FakeIdp:
    """The cognito-idp calls run_check makes; a flow the client lacks is refused as Cognito does."""

    def __init__(self, key, flows, sign_up_error=None, status="CONFIRMED"):
        self.key, self.flows, self.sign_up_error, self.status = key, flows, sign_up_error, status
        self.calls: list[str] = []

    def describe_user_pool(self, UserPoolId):
        self.calls.append("describe_user_pool")
        return {"UserPool": {"LambdaConfig": {"PreSignUp": "arn:trigger"}}}

    def describe_user_pool_client(self, UserPoolId, ClientId):
        return {"UserPoolClient": {"ClientId": ClientId, "ExplicitAuthFlows": self.flows}}

    def sign_up(self, **kwargs):
        self.calls.append("sign_up")
        if self.sign_up_error:
            raise self.sign_up_error
        return {"UserSub": "sub-1", "UserConfirmed": self.status == "CONFIRMED"}

    def admin_get_user(self, **kwargs):
        return {"UserStatus": self.status}

    def admin_confirm_sign_up(self, **kwargs):
        self.calls.append("admin_confirm_sign_up")

    def initiate_auth(self, ClientId, AuthFlow, AuthParameters):
        self.calls.append(AuthFlow)
        if f"ALLOW_{AuthFlow}" not in self.flows:
            raise client_error(
                "InvalidParameterException", f"{AuthFlow} flow not enabled", "InitiateAuth"
            )
        result = {
            "IdToken": sign(self.key, claims("id", FAKE_ISSUER, "fakeclient")),
            "AccessToken": sign(self.key, claims("access", FAKE_ISSUER, "fakeclient")),
        }
        if AuthFlow != "REFRESH_TOKEN_AUTH":
            result["RefreshToken"] = "refresh"
        return {"AuthenticationResult": result}

    def admin_delete_user(self, **kwargs):
        self.calls.append("admin_delete_user")
        if self.sign_up_error:
            raise client_error("UserNotFoundException", "User does not exist.", "AdminDeleteUser")


@pytest.fixture
def fake_check(monkeypatch, jwks):
    """run_check against a FakeIdp, with the token step reading the local key set."""
    monkeypatch.setattr(steps.jwt, "PyJWKClient", lambda *a, **k: jwks)

    def check(idp, **options):
        return run_check(FAKE_POOL, "fakeclient", idp=idp, **options)

    return check


def statuses(report) -> list[tuple[str, str]]:
    return [(s.name, s.status) for s in report.steps]


def test_client_without_srp_skips_it(key, fake_check):
    idp = FakeIdp(key, ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])
    report = fake_check(idp)
    assert report.exit_code == 0, report.render_text()
    assert statuses(report) == [
        ("sign up", "passed"),
        ("user confirmed", "passed"),
        ("USER_PASSWORD_AUTH", "passed"),
        ("USER_SRP_AUTH", "skipped"),
        ("REFRESH_TOKEN_AUTH", "passed"),
        ("verify tokens", "passed"),
        ("delete test user", "passed"),
    ]
    assert "USER_SRP_AUTH" not in idp.calls
    assert report.steps[5].detail.startswith("4 tokens")


@pytest.mark.parametrize(
    "error, deleted",
    [
        (client_error("InvalidPasswordException", "too short"), False),  # Cognito said no
        (EndpointConnectionError(endpoint_url="http://x/"), False),  # nobody answered
        (ReadTimeoutError(endpoint_url="http://x/"), True),  # the user may exist: clean up
    ],
    ids=["refused", "unreachable", "timed-out"],
)
def test_failed_sign_up_stops_the_sign_ins(key, fake_check, error, deleted):
    idp = FakeIdp(key, ["ALLOW_USER_PASSWORD_AUTH"], sign_up_error=error)
    report = fake_check(idp)
    assert report.exit_code == 1
    assert report.steps[0].status == "failed"
    assert [s.status for s in report.steps[1:6]] == ["not run"] * 5
    assert not {"admin_confirm_sign_up", "USER_PASSWORD_AUTH"} & set(idp.calls)
    assert report.steps[6].status == ("passed" if deleted else "not run")
    assert ("admin_delete_user" in idp.calls) is deleted


@pytest.mark.parametrize("expect_auto_confirm, status", [(False, "passed"), (True, "failed")])
def test_unconfirmed_user_is_confirmed_by_admin(key, fake_check, expect_auto_confirm, status):
    idp = FakeIdp(
        key, ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"], status="UNCONFIRMED"
    )
    report = fake_check(idp, expect_auto_confirm=expect_auto_confirm)
    assert report.steps[1].status == status
    assert report.steps[1].detail == "confirmed by admin; trigger did not auto-confirm"
    assert report.steps[2].status == "passed"  # the sign-ins still report
    assert "admin_confirm_sign_up" in idp.calls


def test_keep_skips_the_cleanup(key, fake_check):
    idp = FakeIdp(key, ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])
    report = fake_check(idp, keep=True, password="Kept-password-1")
    assert report.steps[-1].status == "skipped" and report.user["kept"] is True
    assert "admin_delete_user" not in idp.calls


@pytest.mark.parametrize(
    ("endpoint", "dummy"),
    [("http://127.0.0.1:4566", True), ("http://localhost:4566", True),
     ("https://cognito-idp-fips.us-east-1.amazonaws.com", False)],
)  # fmt: skip
def test_shell_credentials_never_reach_a_local_emulator(monkeypatch, endpoint, dummy):
    from authcheck.steps import cognito_client

    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIAREALLOOKINGKEY01")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "real-secret")
    key = cognito_client("us-east-1", endpoint)._request_signer._credentials.access_key
    assert key == ("test" if dummy else "AKIAREALLOOKINGKEY01")
