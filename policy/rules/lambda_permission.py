"""Lambda permissions for AWS services name both the calling resource and its account.

A service principal alone lets any resource of that service, in any account, invoke the
function. `source_arn` narrows it to one resource, `source_account` to one account; both
are needed, since an ARN such as a user pool's can come back in another account once the
original is deleted. (A `*` principal is the principals rule's business.)
"""

import re
from collections.abc import Mapping
from typing import Any

from .common import MANDATORY, PERMISSION, Resource, is_unknown, resource_policy

# cognito-idp.amazonaws.com, s3.amazonaws.com, events.amazonaws.com.cn, ...
SERVICE_PRINCIPAL = re.compile(r"^[a-z0-9][a-z0-9.-]*\.amazonaws\.com(\.cn)?$")

_CONDITIONS = (
    (
        "sourceArn",
        "source_arn",
        "name the calling resource's ARN so no other resource of that service can use it",
    ),
    (
        "sourceAccount",
        "source_account",
        "name the account so no other account's resource can use it",
    ),
)


def check_source_scoped(permission: Resource, config: Mapping[str, Any]) -> list[str]:
    if permission.type != PERMISSION:
        return []
    principal = permission.props.get("principal")
    if not isinstance(principal, str) or not SERVICE_PRINCIPAL.match(principal):
        return []
    found = []
    for prop, argument, fix in _CONDITIONS:
        value = permission.props.get(prop)
        # An unknown value is one the program sets: it is there, only not computed yet.
        if not is_unknown(value) and not value:
            found.append(
                f"Lambda permission '{permission.name}' lets service {principal} invoke "
                f"without {argument}: {fix}."
            )
    return found


SOURCE_SCOPED = resource_policy(
    name="lambda-permission-source-scoped",
    description="Lambda permissions for a service principal set source_arn and source_account.",
    level=MANDATORY,
    types=[PERMISSION],
    check=check_source_scoped,
)

POLICIES = [SOURCE_SCOPED]
