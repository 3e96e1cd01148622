"""The check itself: sign up a throwaway user, sign in with every enabled flow, verify the tokens, clean up.

Each step records one Step. A failed step stops the steps that need what it would have produced
(no user → no sign-in; no tokens → nothing to verify), and they are reported as "not run".
Cleanup is attempted whenever a user may exist, whatever failed before it.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import boto3
import jwt
from botocore.config import Config
from botocore.exceptions import ClientError, EndpointConnectionError
from pycognito.aws_srp import AWSSRP

from .errors import REFRESH, SIGN_UP, explain
from .password import generate_password
from .report import Report, Step
from .sign_in_methods import describe
from .tokens import TokenError, jwks_url_for, verify_token

CONFIRMED = "user confirmed"
PASSWORD = "USER_PASSWORD_AUTH"
SRP = "USER_SRP_AUTH"
TOKENS = "verify tokens"
CLEANUP = "delete test user"

# AWS's flows for a client created without ExplicitAuthFlows.
DEFAULT_FLOWS = {"ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_CUSTOM_AUTH"}

# Cognito waits 5 s for a trigger, so a read timeout well above that only fires when the endpoint hangs.
BOTO_CONFIG = Config(
    connect_timeout=5, read_timeout=15, retries={"mode": "standard", "max_attempts": 2}
)


def _is_loopback(endpoint_url: str) -> bool:
    host = urlsplit(endpoint_url).hostname or ""
    return host == "localhost" or host.startswith("127.") or host == "::1"


def cognito_client(region: str, endpoint_url: str | None = None):
    session = boto3.Session(region_name=region)
    dummy: dict[str, str] = {}
    # A local emulator gets its well-known test key, never the shell's real credentials;
    # another endpoint (a VPC or FIPS one) is AWS and needs them.
    if endpoint_url and (_is_loopback(endpoint_url) or session.get_credentials() is None):
        dummy = {"aws_access_key_id": "test", "aws_secret_access_key": "test"}
    return session.client("cognito-idp", endpoint_url=endpoint_url, config=BOTO_CONFIG, **dummy)


def region_of(user_pool_id: str) -> str:
    """Pool ids start with their region (`us-east-1_AbC123`)."""
    return user_pool_id.split("_", 1)[0] if "_" in user_pool_id else "us-east-1"


class _Check:
    """The state steps hand to each other; one instance per run."""

    def __init__(self, idp, report: Report, endpoint_url: str | None):
        self.idp = idp
        self.report = report
        self.endpoint_url = endpoint_url
        self.pool: dict = {}
        self.client: dict = {}
        self.password = ""
        self.user_may_exist = False
        self.confirmed = False  # the user can sign in, whoever confirmed it
        self.token_sets: list[tuple[str, dict]] = []  # (flow, AuthenticationResult)

    def step(self, name: str, action: Callable[[], tuple[str, str]]) -> None:
        """Run `action` (returns status and detail) as one timed step."""
        start = time.perf_counter()
        try:
            status, detail = action()
        except (
            Exception
        ) as exc:  # every failure, AWS or local, becomes one sentence; cleanup must still run
            status, detail = "failed", explain(name, exc, self.endpoint_url)
        self.report.steps.append(
            Step(name, status, round((time.perf_counter() - start) * 1000), detail)
        )

    def not_run(self, name: str, reason: str) -> None:
        self.report.steps.append(Step(name, "not run", 0, reason))


def run_check(
    user_pool_id: str,
    client_id: str,
    *,
    region: str | None = None,
    endpoint_url: str | None = None,
    issuer_url: str | None = None,
    jwks_url: str | None = None,
    email_domain: str = "example.com",
    prefix: str = "authcheck",
    password: str | None = None,
    keep: bool = False,
    expect_auto_confirm: bool = False,
    idp: Any = None,
) -> Report:
    """Run every step against one pool and client and return the Report (never raises for AWS errors).

    `issuer_url` is the `iss` the tokens must carry (the stack's issuerUrl output); `jwks_url`
    overrides where the keys are fetched from (see tokens.jwks_url_for). `idp` lets a caller
    pass its own boto3 cognito-idp client.
    """
    region = region or region_of(user_pool_id)
    issuer = issuer_url or f"https://cognito-idp.{region}.amazonaws.com/{user_pool_id}"
    jwks_url = jwks_url_for(
        user_pool_id, issuer=issuer, endpoint_url=endpoint_url, jwks_url=jwks_url
    )
    username = f"{prefix}+{secrets.token_hex(4)}@{email_domain}"
    report = Report(
        user={"username": username, "sub": None, "deleted": False},
        target={
            "userPoolId": user_pool_id,
            "clientId": client_id,
            "region": region,
            "endpointUrl": endpoint_url,
            "issuer": issuer,
            "jwksUrl": jwks_url,
        },
    )
    check = _Check(idp or cognito_client(region, endpoint_url), report, endpoint_url)
    idp = check.idp

    def sign_up():
        # The pool's policy and the client's flows are read here because sign-up is the first thing that needs them.
        check.pool = idp.describe_user_pool(UserPoolId=user_pool_id)["UserPool"]
        check.client = idp.describe_user_pool_client(UserPoolId=user_pool_id, ClientId=client_id)[
            "UserPoolClient"
        ]
        if check.client.get("ClientSecret"):
            return (
                "failed",
                f"{SIGN_UP}: the app client has a secret; this check signs in as a public client, which has none",
            )
        check.password = password or generate_password(
            check.pool.get("Policies", {}).get("PasswordPolicy")
        )
        try:
            response = idp.sign_up(
                ClientId=client_id,
                Username=username,
                Password=check.password,
                UserAttributes=[{"Name": "email", "Value": username}],
            )
        except (ClientError, EndpointConnectionError):
            raise  # Cognito answered "no", or nobody answered: no user was created
        except Exception:
            check.user_may_exist = True  # e.g. a read timeout: the user may exist, so clean up
            raise
        check.user_may_exist = True
        report.user["sub"] = response.get("UserSub")
        return "passed", f"{username} (UserConfirmed={response.get('UserConfirmed')})"

    def confirmed():
        status = idp.admin_get_user(UserPoolId=user_pool_id, Username=username)["UserStatus"]
        has_trigger = bool(check.pool.get("LambdaConfig", {}).get("PreSignUp"))
        if status == "CONFIRMED":
            check.confirmed = True
            return "passed", "CONFIRMED at sign-up" + (
                " by the PreSignUp trigger" if has_trigger else ""
            )
        if status != "UNCONFIRMED":
            return "failed", f"{CONFIRMED}: user status is {status}, expected CONFIRMED"
        # Confirm anyway so the sign-in steps still tell us something; --expect-auto-confirm decides pass/fail.
        idp.admin_confirm_sign_up(UserPoolId=user_pool_id, Username=username)
        check.confirmed = True
        why = "trigger did not auto-confirm" if has_trigger else "the pool has no PreSignUp trigger"
        return ("failed" if expect_auto_confirm else "passed"), f"confirmed by admin; {why}"

    def _keep(flow: str, response: dict):
        result = response.get("AuthenticationResult")
        if not result:  # a challenge (MFA, new password) this check cannot answer
            return (
                "failed",
                f"{flow}: got challenge {response.get('ChallengeName')!r} instead of tokens",
            )
        check.token_sets.append((flow, result))
        return "passed", "ID, access and refresh tokens issued" if result.get(
            "RefreshToken"
        ) else "ID and access tokens issued"

    def password_auth():
        flows = set(check.client.get("ExplicitAuthFlows") or DEFAULT_FLOWS)
        if not flows & {"ALLOW_USER_PASSWORD_AUTH", "USER_PASSWORD_AUTH"}:
            return "skipped", "the app client does not allow USER_PASSWORD_AUTH"
        response = idp.initiate_auth(
            ClientId=client_id,
            AuthFlow=PASSWORD,
            AuthParameters={"USERNAME": username, "PASSWORD": check.password},
        )
        return _keep(PASSWORD, response)

    def srp_auth():
        if "ALLOW_USER_SRP_AUTH" not in set(check.client.get("ExplicitAuthFlows") or DEFAULT_FLOWS):
            return "skipped", "the app client does not allow USER_SRP_AUTH"
        # pycognito does the SRP math; it drives the same boto3 client, so it reaches the same endpoint.
        srp = AWSSRP(
            username=username,
            password=check.password,
            pool_id=user_pool_id,
            client_id=client_id,
            client=idp,
        )
        return _keep(SRP, srp.authenticate_user())

    def refresh():
        refresh_token = next(
            r["RefreshToken"] for _, r in reversed(check.token_sets) if r.get("RefreshToken")
        )
        return _keep(
            REFRESH,
            idp.initiate_auth(
                ClientId=client_id,
                AuthFlow=REFRESH,
                AuthParameters={"REFRESH_TOKEN": refresh_token},
            ),
        )

    def tokens():
        jwks = jwt.PyJWKClient(jwks_url, cache_keys=True, timeout=10)
        problems, verified = [], 0
        for flow, result in check.token_sets:
            for key, use in (("IdToken", "id"), ("AccessToken", "access")):
                try:
                    verify_token(
                        result[key], jwks=jwks, issuer=issuer, client_id=client_id, token_use=use
                    )
                    verified += 1
                except TokenError as exc:
                    problems.append(f"{use} token from {flow}: {exc}")
        if problems:
            more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
            return "failed", f"{TOKENS}: {problems[0]}{more}"
        return (
            "passed",
            f"{verified} tokens: RS256 signature via {jwks_url}, iss, token_use, aud/client_id, exp",
        )

    def cleanup():
        try:
            idp.admin_delete_user(UserPoolId=user_pool_id, Username=username)
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") != "UserNotFoundException":
                raise
            return "passed", f"{username} was not there to delete"
        report.user["deleted"] = True
        return "passed", f"deleted {username}"

    check.step(SIGN_UP, sign_up)
    if check.pool and check.client:
        report.sign_in_methods = describe(check.pool, {client_id: check.client})
    if report.steps[-1].status == "passed":
        check.step(CONFIRMED, confirmed)
        if check.confirmed:
            check.step(PASSWORD, password_auth)
            check.step(SRP, srp_auth)
            if any(r.get("RefreshToken") for _, r in check.token_sets):
                check.step(REFRESH, refresh)
            else:
                check.not_run(REFRESH, "no sign-in returned a refresh token")
        else:
            for name in (PASSWORD, SRP, REFRESH):
                check.not_run(name, "the user is not confirmed")
    else:
        for name in (CONFIRMED, PASSWORD, SRP, REFRESH):
            check.not_run(name, "sign-up failed")
    if check.token_sets:
        check.step(TOKENS, tokens)
    else:
        check.not_run(TOKENS, "no tokens to verify")

    if keep and check.user_may_exist:
        report.steps.append(Step(CLEANUP, "skipped", 0, f"kept {username} (--keep)"))
    elif check.user_may_exist:
        check.step(CLEANUP, cleanup)
    else:
        check.not_run(CLEANUP, "no user was created")
    report.user["kept"] = bool(keep and check.user_may_exist)
    return report
