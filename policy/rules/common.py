"""What every rule module shares: the resource view, unknown values, policy config, and the
two builders that wrap a pure check into a pulumi_policy policy.

A check is a pure function. Resource checks take one `Resource` and the policy's config and
return the violation messages; stack checks take every `Resource` of the stack and yield
`(resource, message)` pairs. Props are the engine's wire form: camelCase names
(`sourceAccount`), numbers possibly floats (`3.0`). A value the engine does not know yet
(during a preview) is `UNKNOWN`; checks skip what they cannot decide instead of guessing.

The config a check sees is the policy's config from `--policy-pack-config`, filled with its
schema's defaults, plus two entries the wrappers add: `stack` (the Pulumi stack's name) and
`today` (the date, for runtime deprecations).
"""

import datetime
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pulumi
from pulumi_policy import (
    EnforcementLevel,
    PolicyConfigSchema,
    ResourceValidationPolicy,
    StackValidationPolicy,
)
from pulumi_policy.proxy import UnknownValueError, _is_unknown

COMPONENT = "cognito-auth:index:CognitoAuth"
USER_POOL = "aws:cognito/userPool:UserPool"
APP_CLIENT = "aws:cognito/userPoolClient:UserPoolClient"
FUNCTION = "aws:lambda/function:Function"
PERMISSION = "aws:lambda/permission:Permission"
LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup"
ROLE = "aws:iam/role:Role"
ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy"
IAM_POLICY = "aws:iam/policy:Policy"

MANDATORY = EnforcementLevel.MANDATORY
ADVISORY = EnforcementLevel.ADVISORY


class _Unknown:
    """A value the engine will only know after the update (preview)."""

    _instance = None

    def __new__(cls):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN: Any = _Unknown()


def is_unknown(value: Any) -> bool:
    return value is UNKNOWN


def plain(value: Any) -> Any:
    """pulumi_policy's unknown-checking proxies as plain dicts and lists, with every unknown
    sentinel turned into UNKNOWN, so that checks can look at values without raising."""
    if isinstance(value, str):
        return UNKNOWN if _is_unknown(value) else value
    if isinstance(value, Mapping):
        target = _target(value)
        return {key: plain(target[key]) for key in target}
    if isinstance(value, Sequence):
        target = _target(value)
        return [plain(item) for item in target]
    return value


def _target(proxy: Any) -> Any:
    # The proxies raise on reading an unknown element; their "__target" is the raw value.
    try:
        return proxy["__target"]
    except (KeyError, IndexError, TypeError, UnknownValueError):
        return proxy


@dataclass(frozen=True)
class Resource:
    """One resource as the policies see it."""

    type: str
    name: str
    props: Mapping[str, Any]
    urn: str = ""
    parent: str | None = None
    """URN of the parent resource."""
    property_dependencies: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Per input property, the URNs of the resources its value came from."""


def of_type(resources: Iterable[Resource], type_token: str) -> list[Resource]:
    return [r for r in resources if r.type == type_token]


# --- policy config ---------------------------------------------------------------------

DEFAULT_PRODUCTION_STACKS = ["prod", "production"]

PRODUCTION_STACKS_SCHEMA = {
    "productionStacks": {
        "type": "array",
        "items": {"type": "string"},
        "default": DEFAULT_PRODUCTION_STACKS,
        "description": "Names of the stacks this policy treats as production.",
    }
}


def schema_defaults(schema: Mapping[str, Mapping[str, Any]] | None) -> dict:
    return {key: spec["default"] for key, spec in (schema or {}).items() if "default" in spec}


def stack_name(config: Mapping[str, Any]) -> str:
    return str(config.get("stack") or "")


def is_production(config: Mapping[str, Any]) -> bool:
    """Production is a decision by stack name (policy config `productionStacks`), never read
    from the resources: a production stack that forgot a protection must still count."""
    stacks = config.get("productionStacks", DEFAULT_PRODUCTION_STACKS) or []
    stack = stack_name(config)
    # A fully qualified name (org/project/stack) matches on its last part too.
    return bool(stack) and (stack in stacks or stack.rsplit("/", 1)[-1] in stacks)


def today(config: Mapping[str, Any]) -> datetime.date:
    value = config.get("today")
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        return datetime.date.fromisoformat(value)
    return datetime.date.today()


def current_stack() -> str:
    """The stack being previewed or updated: pulumi_policy configures the runtime from the
    PULUMI_STACK variable the CLI gives the pack, before every analysis."""
    return pulumi.get_stack() or os.environ.get("PULUMI_STACK", "")


def rule_config(
    given: Mapping[str, Any] | None, schema: Mapping[str, Mapping[str, Any]] | None
) -> dict:
    """The config a check sees: schema defaults, the policy's config, then stack and date."""
    return {
        **schema_defaults(schema),
        **(given or {}),
        "stack": current_stack(),
        "today": datetime.date.today().isoformat(),
    }


# --- wrappers ----------------------------------------------------------------------------

ResourceCheck = Callable[[Resource, Mapping[str, Any]], list[str]]
StackCheck = Callable[[Sequence[Resource], Mapping[str, Any]], Iterator[tuple[Resource, str]]]


def _schema(schema: Mapping[str, Mapping[str, Any]] | None) -> PolicyConfigSchema | None:
    return PolicyConfigSchema(properties=dict(schema)) if schema else None


def resource_policy(
    *,
    name: str,
    description: str,
    level: EnforcementLevel,
    types: Sequence[str],
    check: ResourceCheck,
    config_schema: Mapping[str, Mapping[str, Any]] | None = None,
) -> ResourceValidationPolicy:
    """A policy that runs `check` on each resource of `types`, on its inputs."""

    def validate(args, report_violation) -> None:
        if args.resource_type not in types:
            return
        resource = Resource(args.resource_type, args.name, plain(args.props), urn=args.urn)
        for message in check(resource, rule_config(args.get_config(), config_schema)):
            report_violation(message, args.urn or None)

    return ResourceValidationPolicy(
        name=name,
        description=description,
        validate=validate,
        enforcement_level=level,
        config_schema=_schema(config_schema),
    )


def stack_view(policy_resources: Iterable) -> list[Resource]:
    """pulumi_policy's PolicyResource objects (outputs, parent and dependency links) as
    plain Resources."""
    view = []
    for r in policy_resources:
        parent = r.parent.urn if r.parent is not None else (getattr(r.opts, "parent", "") or None)
        dependencies = {
            key: tuple(dep.urn for dep in deps) for key, deps in r.property_dependencies.items()
        }
        view.append(Resource(r.resource_type, r.name, plain(r.props), r.urn, parent, dependencies))
    return view


def stack_policy(
    *,
    name: str,
    description: str,
    level: EnforcementLevel,
    violations: StackCheck,
    config_schema: Mapping[str, Mapping[str, Any]] | None = None,
) -> StackValidationPolicy:
    """A policy that runs `violations` once on the whole stack, on its resources' outputs."""

    def validate(args, report_violation) -> None:
        config = rule_config(args.get_config(), config_schema)
        for resource, message in violations(stack_view(args.resources), config):
            report_violation(message, resource.urn or None)

    return StackValidationPolicy(
        name=name,
        description=description,
        validate=validate,
        enforcement_level=level,
        config_schema=_schema(config_schema),
    )


def messages(violations: Iterable[tuple[Resource, str]]) -> list[str]:
    return [message for _, message in violations]


# --- small readers -------------------------------------------------------------------------

_LAMBDA_ARN = re.compile(r"^arn:[a-z-]+:lambda:[^:]*:[^:]*:function:([^:]+)")


def function_name(arn_or_name: str) -> str:
    """`my-fn` from `arn:aws:lambda:us-east-1:123456789012:function:my-fn[:alias]`; a name
    stays as it is."""
    match = _LAMBDA_ARN.match(arn_or_name)
    return match.group(1) if match else arn_or_name


def unqualified_arn(arn: str) -> str:
    """A function ARN without its version or alias."""
    match = _LAMBDA_ARN.match(arn)
    return match.group(0) if match else arn
