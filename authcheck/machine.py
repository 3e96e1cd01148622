"""The machine-to-machine check (`--flow client-credentials`): a confidential client asks
the pool's token endpoint for a token with the client_credentials grant, and the access
token is verified as an API would verify it, scope included.

No user is created: the client id and secret come from the stack's outputs (clientIds and
clientSecrets, a Pulumi secret, read with --show-secrets), and the secret is never printed.
"""

from __future__ import annotations

import base64
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from typing import Any

import jwt

from .report import Report, Step
from .sign_in_methods import describe, summary
from .tokens import TokenError, jwks_url_for, verify_token

METHODS = "sign-in methods"
TOKEN = "client_credentials token"
TOKENS = "verify tokens"


class _Failed(Exception):
    """A step's failure, already one sentence."""


def request_token(token_url: str, client_id: str, secret: str, scope: str | None) -> dict:
    """POST the client_credentials grant with HTTP Basic client authentication (RFC 6749
    2.3.1: id and secret form-encoded first); the parsed answer, or _Failed with Cognito's
    error."""
    pair = f"{urllib.parse.quote(client_id, safe='')}:{urllib.parse.quote(secret, safe='')}"
    form = {"grant_type": "client_credentials", **({"scope": scope} if scope else {})}
    request = urllib.request.Request(
        token_url,
        data=urllib.parse.urlencode(form).encode(),
        headers={
            "Authorization": "Basic " + base64.b64encode(pair.encode()).decode(),
            "Content-Type": "application/x-www-form-urlencoded",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=15) as response:
            return json.loads(response.read())
    except urllib.error.HTTPError as error:
        body = error.read().decode(errors="replace")
        try:
            code = json.loads(body).get("error", body)
        except json.JSONDecodeError:
            code = body[:200]
        why = {
            "invalid_client": "the client id or secret is wrong, or the client has no secret",
            "invalid_grant": "the client is not granted that scope (or not client_credentials)",
            "invalid_scope": "no resource server defines that scope",
            "unauthorized_client": "the client may not use client_credentials",
        }.get(code, "the token endpoint refused the request")
        raise _Failed(f"{TOKEN}: HTTP {error.code} {code}: {why}") from error
    except (urllib.error.URLError, TimeoutError) as error:
        raise _Failed(f"{TOKEN}: {token_url} is unreachable ({error})") from error


def run_machine_check(
    user_pool_id: str,
    clients: Mapping[str, tuple[str, str | None]],
    *,
    idp: Any,
    token_url: str,
    issuer: str,
    endpoint_url: str | None = None,
    jwks_url: str | None = None,
    scope: str | None = None,
    client_name: str | None = None,
) -> Report:
    """`clients`: every app client of the stack, by name, as (id, secret or None). The one
    checked is `client_name`, else the first confidential client allowed client_credentials."""
    jwks_url = jwks_url_for(
        user_pool_id, issuer=issuer, endpoint_url=endpoint_url, jwks_url=jwks_url
    )
    report = Report(target={"userPoolId": user_pool_id, "clientId": None, "tokenUrl": token_url,
                            "issuer": issuer, "jwksUrl": jwks_url, "scope": scope})  # fmt: skip
    described: dict[str, dict] = {}
    chosen: dict[str, Any] = {}

    def step(name: str, action) -> bool:
        start = time.perf_counter()
        try:
            status, detail = action()
        except _Failed as failure:
            status, detail = "failed", str(failure)
        except Exception as error:  # AWS or local: one sentence, the next steps not run
            status, detail = "failed", f"{name}: {type(error).__name__}: {error}"
        ms = round((time.perf_counter() - start) * 1000)
        report.steps.append(Step(name, status, ms, detail))
        return status == "passed"

    def methods():
        pool = idp.describe_user_pool(UserPoolId=user_pool_id)["UserPool"]
        for name, (client_id, _) in clients.items():
            described[name] = idp.describe_user_pool_client(
                UserPoolId=user_pool_id, ClientId=client_id
            )["UserPoolClient"]
        report.sign_in_methods = describe(pool, described)
        machines = [
            n
            for n, c in described.items()
            if "client_credentials" in (c.get("AllowedOAuthFlows") or []) and clients[n][1]
        ]
        name = client_name or next(iter(machines), None)
        if name is None:
            raise _Failed(
                f"{METHODS}: no app client of the stack has a secret and client_credentials: "
                "add one (clients.<name>: public false, oauthFlows [client_credentials])"
            )
        if name not in clients or not clients[name][1]:
            raise _Failed(f"{METHODS}: the stack's outputs have no secret for client {name!r}")
        chosen["name"], chosen["id"], chosen["secret"] = name, *clients[name]
        report.target["clientId"] = chosen["id"]
        return "passed", summary(report.sign_in_methods)

    def token():
        answer = request_token(token_url, chosen["id"], chosen["secret"], scope)
        if "access_token" not in answer:
            raise _Failed(f"{TOKEN}: the answer holds no access_token ({sorted(answer)})")
        chosen["token"] = answer["access_token"]
        claims = jwt.decode(answer["access_token"], options={"verify_signature": False})
        return "passed", f"client {chosen['name']}: scope {claims.get('scope', '')!r}"

    def verify():
        jwks = jwt.PyJWKClient(jwks_url, cache_keys=True, timeout=10)
        try:
            claims = verify_token(
                chosen["token"],
                jwks=jwks,
                issuer=issuer,
                client_id=chosen["id"],
                token_use="access",
            )
        except TokenError as error:
            raise _Failed(f"{TOKENS}: access token: {error}") from error
        granted = set(str(claims.get("scope", "")).split())
        wanted = set(scope.split()) if scope else set()
        if not granted or not wanted <= granted:
            raise _Failed(f"{TOKENS}: scope is {claims.get('scope')!r}, expected {scope!r}")
        return (
            "passed",
            f"1 token: RS256 signature via {jwks_url}, iss, token_use, client_id, scope",
        )

    if step(METHODS, methods) and step(TOKEN, token):
        step(TOKENS, verify)
    return report
