"""Verify Cognito ID and access tokens the way an API would: RS256 signature against the pool's JWKS, then claims."""

from __future__ import annotations

import jwt


class TokenError(Exception):
    """A token that an API must reject; the message is one sentence naming the claim and the values."""


def jwks_url_for(
    user_pool_id: str, *, issuer: str, endpoint_url: str | None = None, jwks_url: str | None = None
) -> str:
    """Where the signing keys live.

    An explicit URL wins. Against an emulator the keys are served by the emulator itself
    (`<endpoint>/<poolId>/.well-known/jwks.json`), even though its tokens name the real AWS
    issuer, so the stack's exported jwksUrl (which points at AWS) cannot be used there.
    """
    if jwks_url:
        return jwks_url
    if endpoint_url:
        return f"{endpoint_url.rstrip('/')}/{user_pool_id}/.well-known/jwks.json"
    return f"{issuer.rstrip('/')}/.well-known/jwks.json"


def signing_key(token: str, jwks: jwt.PyJWKClient) -> jwt.PyJWK:
    try:
        return jwks.get_signing_key_from_jwt(token)
    except jwt.PyJWKClientConnectionError as exc:
        raise TokenError(f"could not fetch the JWKS from {jwks.uri} ({exc})") from exc
    except jwt.PyJWKSetError as exc:
        # PyJWT blames a missing `cryptography` here; the usual cause is the server's key instead.
        raise TokenError(
            f"the JWKS at {jwks.uri} holds no usable RSA key (an emulator without the "
            "`cryptography` package serves a placeholder key and signs nothing)"
        ) from exc
    except jwt.PyJWKClientError as exc:
        raise TokenError(f"no key in the JWKS at {jwks.uri} matches the token ({exc})") from exc
    except jwt.DecodeError as exc:
        raise TokenError(f"the token is not a JWT ({exc})") from exc


def verify_token(
    token: str, *, jwks: jwt.PyJWKClient, issuer: str, client_id: str, token_use: str
) -> dict:
    """Return the claims of a valid `token_use` ("id" or "access") token for this client, else raise TokenError."""
    key = signing_key(token, jwks)
    unverified = jwt.decode(token, options={"verify_signature": False})
    try:
        claims = jwt.decode(
            token,
            key,
            algorithms=["RS256"],  # never trust the token's own alg header
            issuer=issuer,
            audience=client_id if token_use == "id" else None,
            options={
                "require": ["exp", "iss", "token_use"],
                # access tokens carry client_id instead of aud, checked below
                "verify_aud": token_use == "id",
                # a few seconds of clock skew must not fail a fresh token; only expiry matters here
                "verify_iat": False,
            },
        )
    except jwt.InvalidSignatureError as exc:
        raise TokenError(
            f"the signature does not verify with key {key.key_id!r} from {jwks.uri}"
        ) from exc
    except jwt.ExpiredSignatureError as exc:
        raise TokenError(f"the token expired (exp {unverified.get('exp')})") from exc
    except jwt.InvalidIssuerError as exc:
        raise TokenError(f"iss is {unverified.get('iss')!r}, expected {issuer!r}") from exc
    except jwt.InvalidAudienceError as exc:
        raise TokenError(
            f"aud is {unverified.get('aud')!r}, expected the client id {client_id!r}"
        ) from exc
    except jwt.InvalidTokenError as exc:
        raise TokenError(str(exc)) from exc
    if claims["token_use"] != token_use:
        raise TokenError(f"token_use is {claims['token_use']!r}, expected {token_use!r}")
    if token_use == "access" and claims.get("client_id") != client_id:
        raise TokenError(f"client_id is {claims.get('client_id')!r}, expected {client_id!r}")
    return claims
