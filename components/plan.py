"""What the validated settings mean, worked out once; resources are built from this alone.

- the functions, one per handler module: the triggers each serves, its settings, its
  environment (a shipped handler's variables, then the stack's own) and its grants;
- the existing functions, one per distinct ARN, each to get one invoke permission;
- each trigger's wiring: its lambda_config property, its version and its function;
- the app clients, each with every setting, those it leaves out inherited.
"""

from collections.abc import Mapping
from dataclasses import dataclass

import pulumi

from . import limits
from .args import CLIENT, TRIGGER
from .handlers import Handler, locate
from .inputs import lift
from .settings import filled
from .triggers import SHIPPED, TRIGGERS, enabled

# The trigger fields that configure the component's own function.
FUNCTION_SETTINGS = ("timeout_seconds", "memory_mb", "architecture", "environment")


@dataclass(frozen=True)
class FunctionPlan:
    handler: Handler
    triggers: tuple[str, ...]
    timeout_seconds: pulumi.Input[int]
    memory_mb: pulumi.Input[int]
    architecture: pulumi.Input[str]
    environment: dict[str, pulumi.Input[str]]
    pool_actions: tuple[str, ...]  # granted on the pool, once the pool exists
    decrypts_with: pulumi.Input[str] | None  # a KMS key, for the custom senders


@dataclass(frozen=True)
class ExistingFunction:
    arn: pulumi.Input[str]
    triggers: tuple[str, ...]  # the first names its invoke permission


@dataclass(frozen=True)
class TriggerWiring:
    lambda_config: str  # the pool's lambda_config property
    version: str | None
    module: str | None  # the component's function for it, or
    arn: pulumi.Input[str] | None  # an existing function


@dataclass(frozen=True)
class Plan:
    settings: Mapping  # every setting, with its default where it was left out
    triggers: dict[str, TriggerWiring]
    functions: dict[str, FunctionPlan]
    existing: list[ExistingFunction]
    clients: dict[str, dict]

    @property
    def public_clients(self) -> list[str]:
        return sorted(name for name, client in self.clients.items() if client["public"])

    @property
    def kms_key_arn(self) -> pulumi.Input[str] | None:
        needed = any(TRIGGERS[trigger].needs_kms_key for trigger in self.triggers)
        return self.settings["kms_key_arn"] if needed else None


def functions_by_module(specs: Mapping[str, dict]) -> dict[str, list[tuple[str, dict]]]:
    """The triggers with a handler, grouped by its module: one function serves a group."""
    grouped: dict[str, list[tuple[str, dict]]] = {}
    for trigger, spec in specs.items():
        if "handler" in spec:
            grouped.setdefault(locate(spec["handler"]).module, []).append((trigger, spec))
    return grouped


def build(values: Mapping) -> Plan:
    """The plan of validated settings (see validation.validate)."""
    specs = enabled(values)
    functions = {
        module: _function(served, values) for module, served in functions_by_module(specs).items()
    }
    wiring, existing = {}, {}
    for trigger, spec in specs.items():
        module = locate(spec["handler"]).module if "handler" in spec else None
        arn = spec.get("function_arn")
        if arn is not None:
            # The same ARN string, or the same Output object, is one function.
            identity = arn if isinstance(arn, str) else id(arn)
            known = existing.get(identity)
            triggers = (*known.triggers, trigger) if known else (trigger,)
            existing[identity] = ExistingFunction(arn, triggers)
        wiring[trigger] = TriggerWiring(
            TRIGGERS[trigger].lambda_config, spec.get("lambda_version"), module, arn
        )
    clients = {
        name: {
            **filled(CLIENT, given, values),
            **_machine_auth_flows(given),
            "auth_session_validity_minutes": values["auth_session_validity_minutes"],
        }
        for name, given in values["clients"].items()
    }
    return Plan(values, wiring, functions, list(existing.values()), clients)


def _machine_auth_flows(given: Mapping) -> dict:
    """A machine client (client_credentials) signs no user in: unless it names its auth
    flows, it does not inherit the top-level ones, which sign users in with a password."""
    if limits.MACHINE_OAUTH_FLOW in given.get("oauth_flows", ()) and "auth_flows" not in given:
        return {"auth_flows": list(limits.MACHINE_AUTH_FLOWS)}
    return {}


def _function(served: list[tuple[str, dict]], values: Mapping) -> FunctionPlan:
    _, spec = served[0]  # validation made every trigger of a module agree
    handler = locate(spec["handler"])
    settings = filled(TRIGGER, spec, values)
    # Only the package's own handlers get their variables and grants; a project file that
    # happens to share a name gets none.
    shipped = SHIPPED.get(handler.module) if handler.shipped else None
    variables = {
        variable.name: lift(variable.encode, values[variable.setting])
        for variable in (shipped.environment if shipped else ())
    }
    triggers = tuple(t for t, _ in served)
    return FunctionPlan(
        handler=handler,
        triggers=triggers,
        timeout_seconds=settings["timeout_seconds"],
        memory_mb=settings["memory_mb"],
        architecture=settings["architecture"],
        environment={**variables, **settings["environment"]},
        pool_actions=shipped.pool_actions if shipped else (),
        decrypts_with=values["kms_key_arn"]
        if any(TRIGGERS[t].needs_kms_key for t in triggers)
        else None,
    )
