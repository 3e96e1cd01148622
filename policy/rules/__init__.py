"""The cognito-auth policies, one module per concern. Importing this package builds the
policy objects only; the pack itself is built in policy/__main__.py."""

from . import (
    app_client,
    lambda_permission,
    principals,
    trigger_alarms,
    trigger_function,
    user_pool,
)
from .common import UNKNOWN, Resource

POLICIES = [
    *user_pool.POLICIES,
    *lambda_permission.POLICIES,
    *trigger_function.POLICIES,
    *trigger_alarms.POLICIES,
    *app_client.POLICIES,
    *principals.POLICIES,
]

__all__ = [
    "POLICIES",
    "UNKNOWN",
    "Resource",
    "app_client",
    "lambda_permission",
    "principals",
    "trigger_alarms",
    "trigger_function",
    "user_pool",
]
