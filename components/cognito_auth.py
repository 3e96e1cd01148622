"""CognitoAuth: a user pool, its app clients, groups, hosted UI domain and Lambda triggers,
as one component."""

from collections.abc import Mapping, Sequence

import pulumi
import pulumi_aws as aws

from . import effective
from .app_client import app_client_args
from .args import CognitoAuthArgs, with_defaults
from .handlers import (
    POOL_ACTIONS,
    SHIPPED_HANDLERS,
    handler_environment,
    handler_path,
    kebab,
)
from .trigger_function import TriggerFunction
from .triggers import invoke_permission, lambda_config
from .user_pool import user_pool_args
from .validation import validate

TYPE_TOKEN = "cognito-auth:index:CognitoAuth"


def _all(outputs: dict) -> pulumi.Output[dict]:
    # Output.all() of nothing is a list, not a map.
    return pulumi.Output.all(**outputs) if outputs else pulumi.Output.from_input({})


class CognitoAuth(pulumi.ComponentResource):
    """Sign-up and sign-in on Amazon Cognito: an email-as-username user pool, app clients,
    groups, an optional hosted UI domain, and Lambda triggers (a PreSignUp trigger that
    auto-confirms users by default)."""

    user_pool_id: pulumi.Output[str]
    """ID of the user pool."""
    user_pool_arn: pulumi.Output[str]
    """ARN of the user pool."""
    client_id: pulumi.Output[str]
    """ID of the first app client ("app" unless clients says otherwise)."""
    client_ids: pulumi.Output[Mapping[str, str]]
    """IDs of every app client, by client name."""
    client_secrets: pulumi.Output[Mapping[str, str]]
    """Secrets of the clients that are not public, by client name (a Pulumi secret)."""
    public_clients: pulumi.Output[Sequence[str]]
    """Names of the public app clients (no secret); the policy pack checks them."""
    issuer_url: pulumi.Output[str]
    """Issuer (`iss`) of the pool's tokens."""
    jwks_url: pulumi.Output[str]
    """URL of the JSON Web Key Set that signs the pool's tokens."""
    region: pulumi.Output[str]
    """AWS region the pool lives in."""
    hosted_ui_url: pulumi.Output[str]
    """Base URL of the hosted UI, or empty without a domain prefix."""
    group_names: pulumi.Output[Sequence[str]]
    """Names of the user groups."""
    trigger_function_arns: pulumi.Output[Mapping[str, str]]
    """ARN of the function behind each trigger, by Cognito trigger name."""
    trigger_function_name: pulumi.Output[str]
    """Name of the PreSignUp trigger function (empty if PreSignUp is off or an existing function)."""
    trigger_function_arn: pulumi.Output[str]
    """ARN of the PreSignUp trigger function (empty if PreSignUp is off)."""

    def __init__(
        self,
        name: str,
        args: CognitoAuthArgs,
        opts: pulumi.ResourceOptions | None = None,
    ):
        # Everything is checked before the component itself registers, so a bad value
        # leaves nothing behind, not even an empty component.
        v = with_defaults(dict(args or {}), name)
        validate(v, component=name)
        triggers = effective.triggers(v)
        clients = effective.clients(v)
        # Registered as inputs and as the publicClients output, so policies can tell
        # public clients apart.
        public = sorted(client for client, spec in clients.items() if spec["public"])
        super().__init__(TYPE_TOKEN, name, {"publicClients": public}, opts)
        child = pulumi.ResourceOptions(parent=self)
        invoke = pulumi.InvokeOutputOptions(parent=self)

        # One function per handler module, shared by every trigger that names it.
        functions: dict[str, TriggerFunction] = {}
        serves: dict[str, list[str]] = {}  # module -> the triggers its function serves
        shipped: set[str] = set()  # modules that are the package's own handlers
        arns: dict[str, pulumi.Input[str]] = {}
        for trigger, spec in triggers.items():
            if "function_arn" in spec:
                arns[trigger] = spec["function_arn"]
                continue
            path = handler_path(spec["handler"])
            if path.stem not in functions:
                if not spec["handler"].endswith(".py") and path.stem in SHIPPED_HANDLERS:
                    shipped.add(path.stem)
                functions[path.stem] = TriggerFunction(
                    f"{name}-{kebab(path.stem)}",
                    path,
                    handler_environment(path.stem, v) if path.stem in shipped else {},
                    spec,
                    v["log_retention_days"],
                    parent=self,
                )
            arns[trigger] = functions[path.stem].function.arn
            serves.setdefault(path.stem, []).append(trigger)

        # The pool holds the users: on protected stacks neither `pulumi destroy` nor a
        # replacing change may delete it.
        pool_opts = child
        if v["protect"]:
            pool_opts = pulumi.ResourceOptions(parent=self, protect=True, retain_on_delete=True)
        user_pool = aws.cognito.UserPool(
            f"{name}-user-pool",
            **user_pool_args(v, lambda_config(arns, triggers, v["kms_key_arn"])),
            opts=pool_opts,
        )

        account_id = aws.get_caller_identity_output(opts=invoke).account_id
        for stem, built in functions.items():
            invoke_permission(
                f"{built.name}-invoke", built.function.name, user_pool, account_id, self
            )
            statements = []
            # Only the package's own handlers get their grants; a project file that happens
            # to share a name gets none.
            if stem in shipped and stem in POOL_ACTIONS:
                statements.append(user_pool.arn.apply(
                    lambda arn, s=stem: {"Effect": "Allow", "Action": list(POOL_ACTIONS[s]), "Resource": arn}
                ))  # fmt: skip
            if set(serves[stem]) & set(effective.CUSTOM_SENDERS):
                statements.append(
                    {"Effect": "Allow", "Action": ["kms:Decrypt"], "Resource": v["kms_key_arn"]}
                )
            if statements:
                built.grant(statements, parent=self)
        # Existing functions: one permission per distinct ARN (the same string, or the same
        # Output object), named after its first trigger.
        permitted: set = set()
        for trigger, spec in triggers.items():
            arn = spec.get("function_arn")
            identity = arn if isinstance(arn, str) else id(arn)
            if arn is not None and identity not in permitted:
                permitted.add(identity)
                invoke_permission(
                    f"{name}-{kebab(trigger)}-invoke", arn, user_pool, account_id, self
                )

        client_resources = {
            client: aws.cognito.UserPoolClient(
                f"{name}-{client}-client", **app_client_args(client, spec, user_pool.id), opts=child
            )
            for client, spec in clients.items()
        }
        groups = [
            aws.cognito.UserGroup(
                f"{name}-{group}-group",
                name=group,
                user_pool_id=user_pool.id,
                description=spec.get("description"),
                precedence=spec.get("precedence"),
                role_arn=spec.get("role_arn"),
                opts=child,
            )
            for group, spec in v["groups"].items()
        ]

        region = aws.get_region_output(opts=invoke).region
        dns_suffix = aws.get_partition_output(opts=invoke).dns_suffix
        self.hosted_ui_url = pulumi.Output.from_input("")
        if v["domain_prefix"]:
            domain = aws.cognito.UserPoolDomain(
                f"{name}-domain", domain=v["domain_prefix"], user_pool_id=user_pool.id, opts=child
            )
            self.hosted_ui_url = pulumi.Output.concat(
                "https://", domain.domain, ".auth.", region, ".amazoncognito.com"
            )

        pre_sign_up = functions.get("pre_sign_up") if "PreSignUp" in triggers else None
        self.user_pool_id = user_pool.id
        self.user_pool_arn = user_pool.arn
        self.client_ids = _all({client: r.id for client, r in client_resources.items()})
        self.client_id = next(iter(client_resources.values())).id
        secrets = {
            client: resource.client_secret
            for client, resource in client_resources.items()
            if not clients[client]["public"]
        }
        self.client_secrets = pulumi.Output.secret(_all(secrets))
        self.public_clients = pulumi.Output.from_input(public)
        self.issuer_url = pulumi.Output.concat(
            "https://cognito-idp.", region, ".", dns_suffix, "/", user_pool.id
        )
        self.jwks_url = pulumi.Output.concat(self.issuer_url, "/.well-known/jwks.json")
        self.region = region
        self.group_names = pulumi.Output.from_input([group.name for group in groups])
        self.trigger_function_arns = _all(arns)
        self.trigger_function_name = pulumi.Output.from_input(
            pre_sign_up.function.name if pre_sign_up else ""
        )
        self.trigger_function_arn = pulumi.Output.from_input(arns.get("PreSignUp", ""))
        self.register_outputs({
            "user_pool_id": self.user_pool_id,
            "user_pool_arn": self.user_pool_arn,
            "client_id": self.client_id,
            "client_ids": self.client_ids,
            "client_secrets": self.client_secrets,
            "public_clients": self.public_clients,
            "issuer_url": self.issuer_url,
            "jwks_url": self.jwks_url,
            "region": self.region,
            "hosted_ui_url": self.hosted_ui_url,
            "group_names": self.group_names,
            "trigger_function_arns": self.trigger_function_arns,
            "trigger_function_name": self.trigger_function_name,
            "trigger_function_arn": self.trigger_function_arn,
        })  # fmt: skip
