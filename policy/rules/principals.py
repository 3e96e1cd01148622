"""No `*` principals: not on Lambda permissions, not in IAM policy documents.

Documents checked: a role's trust policy (`assume_role_policy`) and inline policies
(`inline_policies[].policy`), a role policy's and a managed policy's `policy`. A statement
is flagged when it allows (`Effect` Allow, or no Effect) and its `Principal` is `*`, or
maps a principal kind to `*` (`{"AWS": "*"}`, or a list holding `*`). Deny statements with
`*` are left alone: denying everyone is how exceptions are written, not a grant.
"""

import json
from collections.abc import Iterator, Mapping
from typing import Any

from .common import (
    IAM_POLICY,
    MANDATORY,
    PERMISSION,
    ROLE,
    ROLE_POLICY,
    Resource,
    is_unknown,
    resource_policy,
)


def _document(value: Any) -> Mapping[str, Any] | None:
    if isinstance(value, Mapping):
        return value
    if isinstance(value, str):
        try:
            parsed = json.loads(value)
        except ValueError:
            return None  # not JSON: the provider refuses it anyway
        return parsed if isinstance(parsed, Mapping) else None
    return None


def _is_wildcard(principal: Any) -> bool:
    if principal == "*":
        return True
    if isinstance(principal, Mapping):
        return any(
            value == "*" or (isinstance(value, list) and "*" in value)
            for value in principal.values()
        )
    return False


def wildcard_statements(document: Any) -> list[int]:
    """1-based positions of the statements that allow a `*` principal."""
    parsed = _document(document)
    if parsed is None:
        return []
    statements = parsed.get("Statement")
    if isinstance(statements, Mapping):
        statements = [statements]
    if not isinstance(statements, list):
        return []
    return [
        position
        for position, statement in enumerate(statements, start=1)
        if isinstance(statement, Mapping)
        and statement.get("Effect", "Allow") == "Allow"
        and _is_wildcard(statement.get("Principal"))
    ]


def _documents(resource: Resource) -> Iterator[tuple[str, Any]]:
    """(what the document is, the document) for each policy document the resource holds."""
    props = resource.props
    if resource.type == ROLE:
        yield f"Role '{resource.name}' assume_role_policy", props.get("assumeRolePolicy")
        inline = props.get("inlinePolicies")
        if isinstance(inline, list):
            for policy in inline:
                if isinstance(policy, Mapping):
                    label = policy.get("name") if isinstance(policy.get("name"), str) else "?"
                    yield (
                        f"Role '{resource.name}' inline policy '{label}'",
                        policy.get("policy"),
                    )
    elif resource.type == ROLE_POLICY:
        yield f"Role policy '{resource.name}'", props.get("policy")
    elif resource.type == IAM_POLICY:
        yield f"IAM policy '{resource.name}'", props.get("policy")


def check_principals(resource: Resource, config: Mapping[str, Any]) -> list[str]:
    if resource.type == PERMISSION:
        principal = resource.props.get("principal")
        if principal == "*":
            return [
                f"Lambda permission '{resource.name}' has principal '*': name the one "
                "service or account that may invoke the function."
            ]
        return []
    found = []
    for what, document in _documents(resource):
        if is_unknown(document):
            continue
        for position in wildcard_statements(document):
            found.append(
                f"{what} statement {position} allows principal '*': name the exact service "
                "or account it is meant for."
            )
    return found


NO_WILDCARD_PRINCIPALS = resource_policy(
    name="no-wildcard-principals",
    description="No Lambda permission or IAM policy document allows a '*' principal.",
    level=MANDATORY,
    types=[PERMISSION, ROLE, ROLE_POLICY, IAM_POLICY],
    check=check_principals,
)

POLICIES = [NO_WILDCARD_PRINCIPALS]
