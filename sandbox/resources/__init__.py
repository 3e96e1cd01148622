"""The resource types the sandbox's `aws` provider can manage in the emulator, one row each."""

from __future__ import annotations

from .acm import CERTIFICATE, CERTIFICATE_VALIDATION
from .context import Context, Created, Undo
from .iam import ROLE, ROLE_POLICY
from .identity_pool import IDENTITY_POOL_KIND, IDENTITY_POOL_ROLE_ATTACHMENT
from .identity_provider import IDENTITY_PROVIDER
from .kind import Autoname, ProviderError, ResourceKind
from .lambda_function import FUNCTION
from .lambda_permission import PERMISSION
from .logs import LOG_GROUP
from .metric_alarm import METRIC_ALARM
from .resource_server import RESOURCE_SERVER
from .route53 import RECORD
from .user_group import USER_GROUP
from .user_pool import USER_POOL_KIND
from .user_pool_client import USER_POOL_CLIENT_KIND
from .user_pool_domain import USER_POOL_DOMAIN

KINDS: dict[str, ResourceKind] = {
    row.token: row
    for row in (
        ROLE,
        ROLE_POLICY,
        LOG_GROUP,
        FUNCTION,
        PERMISSION,
        USER_POOL_KIND,
        USER_POOL_CLIENT_KIND,
        USER_GROUP,
        USER_POOL_DOMAIN,
        IDENTITY_POOL_KIND,
        IDENTITY_POOL_ROLE_ATTACHMENT,
        METRIC_ALARM,
        RESOURCE_SERVER,
        CERTIFICATE,
        CERTIFICATE_VALIDATION,
        RECORD,
        IDENTITY_PROVIDER,
    )
}

__all__ = ["KINDS", "Autoname", "Context", "Created", "ProviderError", "ResourceKind", "Undo"]
