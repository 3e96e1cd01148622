"""Two tenants, two isolated user pools: each tenant has its own users, policy and trigger."""

import pulumi
from cognito_auth import CognitoAuth

protect = pulumi.Config().get_bool("protect") or False

tenants = {
    # A business customer: only its staff's domain, MFA offered, threat protection.
    "acme": CognitoAuth(
        "acme",
        {
            "allowed_email_domains": ["acme.example"],
            "password_minimum_length": 12,
            "mfa": "OPTIONAL",
            "mfa_totp": True,
            "user_pool_tier": "PLUS",
            "threat_protection": "AUDIT",
            "protect": protect,
        },
    ),
    # A consumer app: anyone may sign up, but must confirm their email; SRP only.
    "globex": CognitoAuth(
        "globex",
        {
            "auto_confirm_users": False,
            "auth_flows": ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
            "user_pool_tier": "LITE",
            "protect": protect,
        },
    ),
}

pulumi.export(
    "tenants",
    {
        name: {
            "userPoolId": auth.user_pool_id,
            "clientId": auth.client_id,
            "issuerUrl": auth.issuer_url,
        }
        for name, auth in tenants.items()
    },
)
