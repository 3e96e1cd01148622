"""One creator per Pulumi resource type the sandbox can build in the emulator."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .context import Context, Created, Undo
from .iam import create_role, create_role_policy, create_role_policy_attachment
from .lambda_function import create_function
from .lambda_permission import create_permission
from .logs import create_log_group
from .user_group import create_user_group
from .user_pool import create_user_pool
from .user_pool_client import create_user_pool_client
from .user_pool_domain import create_user_pool_domain

Creator = Callable[[Context, str, dict[str, Any], Undo], Created]

CREATORS: dict[str, Creator] = {
    "aws:iam/role:Role": create_role,
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": create_role_policy_attachment,
    "aws:iam/rolePolicy:RolePolicy": create_role_policy,
    "aws:cloudwatch/logGroup:LogGroup": create_log_group,
    "aws:lambda/function:Function": create_function,
    "aws:lambda/permission:Permission": create_permission,
    "aws:cognito/userPool:UserPool": create_user_pool,
    "aws:cognito/userPoolClient:UserPoolClient": create_user_pool_client,
    "aws:cognito/userGroup:UserGroup": create_user_group,
    "aws:cognito/userPoolDomain:UserPoolDomain": create_user_pool_domain,
}

__all__ = ["CREATORS", "Context", "Created", "Creator", "Undo"]
