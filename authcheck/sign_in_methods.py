"""What a pool offers its users and machines, read back from Cognito: how users name
themselves, the first factors and MFA, whether a hosted UI serves them, and per app client
its auth flows and OAuth grants. The check reports it beside its steps."""

from __future__ import annotations

from collections.abc import Mapping


def pool_methods(pool: Mapping) -> dict:
    """From DescribeUserPool's UserPool."""
    policies = pool.get("Policies") or {}
    first_factors = (policies.get("SignInPolicy") or {}).get("AllowedFirstAuthFactors")
    domains = [d for d in (pool.get("Domain"), pool.get("CustomDomain")) if d]
    return {
        "username": list(pool.get("UsernameAttributes") or ["username"]),
        "aliases": list(pool.get("AliasAttributes") or []),
        "selfSignUp": not (pool.get("AdminCreateUserConfig") or {}).get(
            "AllowAdminCreateUserOnly", False
        ),
        "firstFactors": list(first_factors or ["PASSWORD"]),
        "mfa": pool.get("MfaConfiguration", "OFF"),
        "hostedUi": bool(domains),
        "domains": domains,
    }


def client_methods(client: Mapping) -> dict:
    """From DescribeUserPoolClient's UserPoolClient."""
    methods = {"authFlows": list(client.get("ExplicitAuthFlows") or [])}
    if client.get("AllowedOAuthFlowsUserPoolClient") or client.get("AllowedOAuthFlows"):
        methods["oauthFlows"] = list(client.get("AllowedOAuthFlows") or [])
        methods["oauthScopes"] = list(client.get("AllowedOAuthScopes") or [])
    return methods


def describe(pool: Mapping, clients: Mapping[str, Mapping]) -> dict:
    return {**pool_methods(pool), "clients": {n: client_methods(c) for n, c in clients.items()}}


def summary(methods: Mapping) -> str:
    """One line: `email; first factors PASSWORD; MFA OFF; hosted UI on x; 3 clients: ...`."""
    parts = [
        "users sign in with " + ", ".join(methods["username"] + methods["aliases"]),
        "first factors " + ", ".join(methods["firstFactors"]),
        f"MFA {methods['mfa']}",
        "hosted UI on " + ", ".join(methods["domains"]) if methods["hostedUi"] else "no hosted UI",
    ]
    grants = sorted(
        {flow for client in methods["clients"].values() for flow in client.get("oauthFlows", [])}
    )
    if grants:
        parts.append("OAuth " + ", ".join(grants))
    return "; ".join(parts)
