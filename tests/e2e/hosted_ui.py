"""What an app does at the end of a hosted-UI sign-in: take the code from the redirect to
its callback, exchange it at /oauth2/token, and verify the ID token against the JWKS."""

from urllib.parse import parse_qs, urlparse

import jwt
import requests


def code_from(redirect: requests.Response, callback: str, state: str) -> str:
    """The authorization code of a redirect to `callback`, checking it carries `state`."""
    assert redirect.status_code == 302, redirect.text[:300]
    landed = urlparse(redirect.headers["Location"])
    assert f"{landed.scheme}://{landed.netloc}{landed.path}" == callback
    query = parse_qs(landed.query)
    assert query["state"] == [state]
    return query["code"][0]


def tokens_for(endpoint: str, code: str, client_id: str, callback: str) -> dict:
    return requests.post(
        f"{endpoint}/oauth2/token",
        data={"grant_type": "authorization_code", "code": code, "client_id": client_id,
              "redirect_uri": callback},
        timeout=10,
    ).json()  # fmt: skip


def verified(jwks_url: str, token: str, audience: str | None = None) -> dict:
    """The claims of a token whose RS256 signature the pool's JWKS verifies."""
    key = jwt.PyJWKClient(jwks_url).get_signing_key_from_jwt(token).key
    options = {} if audience else {"verify_aud": False}
    return jwt.decode(token, key, algorithms=["RS256"], audience=audience, options=options)
