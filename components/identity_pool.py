"""The identity pool: temporary AWS credentials for the pool's signed-in users.

An identity pool federated with the user pool and each of its app clients; an
authenticated role whose policy the stack writes (policy_statements.py), trusted only by
this identity pool and only for `authenticated` identities; an unauthenticated role only
when the stack allows visitors; and the role attachment. When a group has a role
(`groups.<name>.roleArn`), the attachment maps roles from the ID token (Token): Cognito
puts the user's group roles in `cognito:roles` / `cognito:preferred_role` and the
identity pool hands out that one, else the authenticated role.

Group roles are the stack's own: the component does not change their trust policy. Each
must trust `cognito-identity.amazonaws.com` for this identity pool (the `identityPoolId`
output) as `trust_policy` below writes it, or AWS refuses those users their credentials.
"""

import json
from collections.abc import Mapping

import pulumi
import pulumi_aws as aws

from . import policy_statements
from .tagging import tagged

IDENTITY_PRINCIPAL = "cognito-identity.amazonaws.com"


def trust_policy(identity_pool_id: str, kind: str) -> str:
    """Who may assume a role: web identities of this identity pool only (`aud`), and only
    of the kind (`amr`) the role is for, so an unauthenticated visitor can never assume
    the authenticated role, nor a user of another identity pool either."""
    return json.dumps({
        "Version": "2012-10-17",
        "Statement": [{
            "Effect": "Allow",
            "Principal": {"Federated": IDENTITY_PRINCIPAL},
            "Action": "sts:AssumeRoleWithWebIdentity",
            "Condition": {
                "StringEquals": {f"{IDENTITY_PRINCIPAL}:aud": identity_pool_id},
                "ForAnyValue:StringLike": {f"{IDENTITY_PRINCIPAL}:amr": kind},
            },
        }],
    })  # fmt: skip


class IdentityPool:
    """IdentityPool → role(s) and their policies → IdentityPoolRoleAttachment, children of
    `parent`."""

    def __init__(
        self,
        name: str,
        settings: Mapping,
        user_pool: aws.cognito.UserPool,
        clients: Mapping[str, aws.cognito.UserPoolClient],
        parent: pulumi.Resource,
        kept: pulumi.ResourceOptions,
    ):
        child = pulumi.ResourceOptions(parent=parent)
        self.tags = settings["tags"]
        # Replacing an identity pool gives every user a new identity id, and so loses what
        # was keyed by the old one: kept like the pool's clients on protected stacks.
        self.pool = aws.cognito.IdentityPool(
            f"{name}-identity-pool",
            # IdentityPoolName takes what a user pool name takes (1 to 128 of [\w\s+=,.@-]).
            identity_pool_name=user_pool.name,
            allow_unauthenticated_identities=settings["allow_unauthenticated"],
            # The basic (classic) flow lets a caller name any role the pool may assume.
            allow_classic_flow=False,
            cognito_identity_providers=[
                {
                    "client_id": client.id,
                    "provider_name": user_pool.endpoint,
                    # Tokens revoked or signed out are refused, not only expired ones.
                    "server_side_token_check": True,
                }
                for client in clients.values()
            ],
            **tagged(settings["tags"]),
            opts=kept,
        )
        self.authenticated = self._role(
            name, "authenticated", settings["authenticated_statements"], child
        )
        self.unauthenticated = (
            self._role(name, "unauthenticated", settings["unauthenticated_statements"], child)
            if settings["allow_unauthenticated"]
            else None
        )
        roles = {"authenticated": self.authenticated.arn}
        if self.unauthenticated is not None:
            roles["unauthenticated"] = self.unauthenticated.arn
        by_group = any(group.get("role_arn") for group in settings["groups"].values())
        self.attachment = aws.cognito.IdentityPoolRoleAttachment(
            f"{name}-identity-pool-roles",
            identity_pool_id=self.pool.id,
            roles=roles,
            role_mappings=[
                {
                    # "<provider>:<client id>": one mapping per app client.
                    "identity_provider": pulumi.Output.concat(user_pool.endpoint, ":", client.id),
                    "type": "Token",
                    # No group role in the token, or several of equal precedence: the
                    # authenticated role, never a refusal.
                    "ambiguous_role_resolution": "AuthenticatedRole",
                }
                for client in clients.values()
            ]
            if by_group
            else None,
            opts=child,
        )

    def _role(self, name: str, kind: str, statements: Mapping, opts) -> aws.iam.Role:
        role = aws.iam.Role(
            f"{name}-{kind}-role",
            assume_role_policy=self.pool.id.apply(lambda pool_id: trust_policy(pool_id, kind)),
            description=f"Credentials of the identity pool's {kind} users.",
            **tagged(self.tags),
            opts=opts,
        )
        if statements:
            aws.iam.RolePolicy(
                f"{name}-{kind}-policy",
                role=role.id,
                policy=policy_statements.document(statements),
                opts=opts,
            )
        return role
