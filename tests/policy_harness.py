"""Run the policy pack's policies on a program evaluated under mocks, the way the Pulumi
engine would, without the CLI and without building the PolicyPack (which would start a
gRPC server).

What each policy is given mirrors the engine: resource policies see each resource's
inputs as registered (`Analyze`), stack policies see every resource's outputs with parent
and property-dependency links (`AnalyzeStack`), and a component's outputs are what it
passed to `register_outputs`, not its inputs. Properties go through the same
`MessageToDict` + `deserialize_properties` + unknown-checking proxy as in the analyzer, so
names are camelCase and numbers floats. Policy config gets its schema defaults, as the CLI
fills them in.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from google.protobuf import json_format
from pulumi_policy import (
    EnforcementLevel,
    PolicyCustomTimeouts,
    PolicyResource,
    PolicyResourceOptions,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
)
from pulumi_policy.deserialize import deserialize_properties
from pulumi_policy.proxy import unknown_checking_proxy

from offline import run_program
from policy.rules import POLICIES
from tests.fake_aws import FakeAws, RecordingMonitor


@dataclass(frozen=True)
class Finding:
    policy: str
    level: str  # "mandatory" or "advisory"
    message: str
    urn: str = ""


class PolicyMonitor(RecordingMonitor):
    """RecordingMonitor that also keeps the engine's answers (URN, outputs) and what each
    component registered as its outputs."""

    def __init__(self, mocks):
        super().__init__(mocks)
        self.registered: list = []  # (request, response) per RegisterResource
        self.registered_outputs: dict[str, dict] = {}  # URN -> outputs

    def RegisterResource(self, request):
        response = super().RegisterResource(request)
        self.registered.append((request, response))
        return response

    def RegisterResourceOutputs(self, request):
        self.registered_outputs[request.urn] = _props(request.outputs)
        return super().RegisterResourceOutputs(request)


def _props(struct) -> dict:
    return deserialize_properties(json_format.MessageToDict(struct))


def _options(protect: bool = False, parent: str = "") -> PolicyResourceOptions:
    return PolicyResourceOptions(
        protect, [], None, [], PolicyCustomTimeouts(0, 0, 0), [], parent or None
    )


def policy_config(policy, given: Mapping | None) -> dict:
    """The config the CLI would hand the policy: schema defaults, then the file's values."""
    schema = policy.config_schema.properties if policy.config_schema else {}
    defaults = {key: spec["default"] for key, spec in schema.items() if "default" in spec}
    return {**defaults, **dict(given or {})}


def _level(policy) -> str:
    return "mandatory" if policy.enforcement_level == EnforcementLevel.MANDATORY else "advisory"


def stack_resources(monitor: PolicyMonitor) -> list[PolicyResource]:
    """The stack as AnalyzeStack sees it: outputs, parents, property dependencies."""
    resources: dict[str, PolicyResource] = {}
    links = []
    for request, response in monitor.registered:
        if request.custom:
            outputs = _props(response.object)
        else:  # components and the stack: only what they registered as outputs
            outputs = monitor.registered_outputs.get(response.urn, {})
        resource = PolicyResource(
            request.type,
            unknown_checking_proxy(outputs),
            response.urn,
            request.name,
            _options(request.protect, request.parent),
            None,
            None,
            [],
            {},
        )
        resources[response.urn] = resource
        links.append((resource, request))
    for resource, request in links:
        resource.parent = resources.get(request.parent)
        resource.dependencies = [resources[u] for u in request.dependencies if u in resources]
        resource.property_dependencies = {
            key: [resources[u] for u in deps.urns if u in resources]
            for key, deps in request.propertyDependencies.items()
        }
    return list(resources.values())


def evaluate_policies(
    monitor: PolicyMonitor, config: Mapping[str, Mapping] | None = None
) -> list[Finding]:
    """Every violation every policy reports on the recorded program; `config` is the
    `--policy-pack-config` file's content (policy name -> properties)."""
    config = config or {}
    findings: list[Finding] = []
    for policy in POLICIES:
        given = policy_config(policy, config.get(policy.name))

        def report(message, urn=None, policy=policy):
            findings.append(Finding(policy.name, _level(policy), message, urn or ""))

        if isinstance(policy, ResourceValidationPolicy):
            for request, response in monitor.registered:
                args = ResourceValidationArgs(
                    request.type,
                    unknown_checking_proxy(_props(request.object)),
                    response.urn,
                    request.name,
                    _options(request.protect, request.parent),
                    None,
                    given,
                )
                policy.validate(args, report)
        else:
            policy.validate(StackValidationArgs(stack_resources(monitor), given), report)
    return findings


def run_with_policies(
    stack: str,
    config: Mapping[str, Mapping] | None = None,
    config_overrides: dict | None = None,
    stack_file: str | None = None,
) -> list[Finding]:
    """Run the real program as `stack` under mocks and return the pack's findings."""
    fake = FakeAws()
    monitor = PolicyMonitor(fake)
    run_program(
        fake, stack, monitor=monitor, config_overrides=config_overrides, stack_file=stack_file
    )
    assert monitor.registered, "the program registered nothing: no policy was exercised"
    return evaluate_policies(monitor, config)


def mandatory(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.level == "mandatory"]
