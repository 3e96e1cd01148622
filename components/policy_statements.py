"""IAM policy statements a stack writes for the identity pool's roles: the rules for one
statement's fields, the least-privilege check across them, and the document they make.

A statement is a map entry whose name is its Sid: `{effect, actions, resources,
conditions}`. Every signed-in user (and, when a stack allows it, anyone at all) gets what
the role grants, so a grant of every action, or of a whole service on every resource, is
refused rather than warned about.
"""

import json
import re
from collections.abc import Mapping
from typing import Any

import pulumi

from . import limits
from .inputs import is_output
from .rules import allowing, matching, string_list

ACTIONS = string_list(
    matching(
        limits.IAM_ACTION_PATTERN,
        'service:Action, e.g. s3:GetObject, wildcards inside the action only ("*" alone, '
        "every action of every service, is refused)",
    ),
    "actions",
    allow_empty=False,
)
RESOURCES = string_list(
    matching(limits.IAM_RESOURCE_PATTERN, "an ARN (policy variables allowed) or *"),
    "resources",
    allow_empty=False,
)
SID = matching(limits.STATEMENT_SID_PATTERN, "1 to 128 ASCII letters and digits (its Sid)")

_VALUES = "a string or a list of strings"


@allowing(
    "a map of condition operators (StringEquals, ForAnyValue:StringLike, ...) to maps of "
    "condition keys to a string or a list of strings"
)
def conditions(value):
    if not isinstance(value, Mapping) or not value:
        return conditions.allowed
    for operator, tests in value.items():
        if not isinstance(operator, str) or not re.fullmatch(
            limits.IAM_CONDITION_OPERATOR_PATTERN, operator
        ):
            return f"{conditions.allowed}; {json.dumps(operator)} is not an operator"
        if not isinstance(tests, Mapping) or not tests:
            return conditions.allowed
        for key, expected in tests.items():
            if not isinstance(key, str) or not re.fullmatch(limits.IAM_CONDITION_KEY_PATTERN, key):
                return f"{conditions.allowed}; {json.dumps(key)} is not a condition key"
            listed = expected if isinstance(expected, list) else [expected]
            if not listed or not all(isinstance(item, str) for item in listed):
                return f"{conditions.allowed}; {json.dumps(key)} needs {_VALUES}"
    return None


_POLICY_VARIABLE = re.compile(r"\$\{[^}]*\}")


def every_action_of_a_service(action: str) -> bool:
    """`s3:*`, and every other spelling of it: an action part of wildcards alone (`*?`, `?*`)."""
    name = action.partition(":")[2]
    return "*" in name and not re.search(r"[A-Za-z0-9]", name)


def every_resource(resource: str) -> bool:
    """`*`, or an ARN whose wildcards cover every resource of a service: `arn:*`,
    `arn:aws:iam::*`, `arn:aws:s3:::*`, `arn:aws:iam::123456789012:*`. A policy variable
    (`${cognito-identity.amazonaws.com:sub}`) names the caller's own, so it counts as a name."""
    text = _POLICY_VARIABLE.sub("v", resource)
    fields = text.split(":", 5)  # arn, partition, service, region, account, resource
    if len(fields) < 6:
        return "*" in text  # a wildcard before the resource field swallows the rest
    return not re.search(r"[^*?/:]", fields[5])


def broad_resource(resources) -> str | None:
    """The first resource of the list that is every resource, "" for resources known only at
    deployment (an Output, which might turn out to be `*`), or None."""
    if is_output(resources):
        return ""
    for resource in resources:
        if is_output(resource):
            return ""
        if every_resource(resource):
            return resource
    return None


def whole_service_on_everything(statement: Mapping) -> tuple[list[str], str | None]:
    """The actions of an Allow statement that grant a whole service (`s3:*` or any spelling
    of it) on every resource (`*`, `arn:*`, `arn:aws:s3:::*`, ...) or on resources known only
    at deployment, which might turn out to be `*`: a guard an Output could switch off would
    be no guard. Also the resource that made it so ("" for an Output)."""
    if statement.get("effect") != "Allow":
        return [], None
    broad = broad_resource(statement.get("resources") or [])
    if broad is None:
        return [], None
    return [a for a in statement["actions"] if every_action_of_a_service(a)], broad


def _rendered(statements: Mapping[str, Mapping[str, Any]]) -> list[dict]:
    return [
        {
            "Sid": sid,
            "Effect": statement["effect"],
            "Action": list(statement["actions"]),
            "Resource": statement["resources"],
            **({"Condition": statement["conditions"]} if statement.get("conditions") else {}),
        }
        for sid, statement in statements.items()
    ]


def document(statements: Mapping[str, Mapping[str, Any]]) -> pulumi.Output[str]:
    """The policy document of the statements, by Sid; resources may be Outputs."""
    return pulumi.Output.from_input(_rendered(statements)).apply(
        lambda known: json.dumps({"Version": "2012-10-17", "Statement": known})
    )


def measured_size(statements: Mapping[str, Mapping[str, Any]]) -> int:
    """Characters of the document as IAM counts them (without whitespace); resources given
    as an Output count as none, so what this refuses is too big whatever they turn out to be."""
    known = [
        {**s, "Resource": [] if is_output(s["Resource"]) else s["Resource"]}
        for s in _rendered(statements)
    ]
    text = json.dumps({"Version": "2012-10-17", "Statement": known}, separators=(",", ":"))
    return len("".join(text.split()))
