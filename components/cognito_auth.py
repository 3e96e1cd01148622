"""CognitoAuth: a user pool, its app clients, groups, hosted UI domain and Lambda triggers,
as one component. Settings are validated, then planned (plan.py); this builds the plan."""

from collections.abc import Mapping, Sequence
from typing import Any

import pulumi
import pulumi_aws as aws

from . import plan as planning
from .adoption import adoption_problems, client_options, pool_options
from .app_client import app_client_args
from .args import CognitoAuthArgs
from .custom_domain import custom_domain
from .frontend_config import frontend_config
from .handlers import kebab
from .identity_pool import IdentityPool
from .identity_providers import create_identity_providers
from .inputs import is_output, lift
from .managed_login import brandings
from .naming import PYTHON
from .pool_logs import PoolLogs
from .resource_servers import resource_server, servers_named_by
from .rules import ConfigError
from .settings import output_fields
from .sign_in import or_none
from .sign_in_rules import sms_configured
from .sms_role import external_id, sms_role
from .trigger_alarms import trigger_alarms
from .trigger_function import TriggerFunction, invoke_permission
from .user_pool import user_pool_args
from .validation import kept_defaults, validate

TYPE_TOKEN = "cognito-auth:index:CognitoAuth"


def _all(outputs: dict) -> pulumi.Output[dict]:
    # Output.all() of nothing is a list, not a map.
    return pulumi.Output.all(**outputs) if outputs else pulumi.Output.from_input({})


class CognitoAuth(pulumi.ComponentResource):
    """Sign-up and sign-in on Amazon Cognito: an email-as-username user pool, app clients,
    groups, an optional hosted UI domain, and Lambda triggers (a PreSignUp trigger that
    auto-confirms users by default)."""

    # Each output is declared once, here: these annotations make the schema's outputs,
    # register_outputs, the program's exports and the README's table.
    user_pool_id: pulumi.Output[str]
    """ID of the user pool, e.g. us-east-1_AbC123xyz."""
    user_pool_arn: pulumi.Output[str]
    """ARN of the user pool."""
    client_id: pulumi.Output[str]
    """ID of the first app client ("app" unless clients says otherwise): the one a single-app stack needs."""
    client_ids: pulumi.Output[Mapping[str, str]]
    """IDs of every app client, by client name."""
    client_secrets: pulumi.Output[Mapping[str, str]]
    """Secrets of the clients that are not public, by client name (a Pulumi secret)."""
    public_clients: pulumi.Output[Sequence[str]]
    """Names of the public app clients (no secret); the policy pack checks them."""
    issuer_url: pulumi.Output[str]
    """Issuer (iss) of the pool's tokens: https://cognito-idp.<region>.amazonaws.com/<userPoolId>."""
    jwks_url: pulumi.Output[str]
    """URL of the JSON Web Key Set that signs the pool's tokens: <issuerUrl>/.well-known/jwks.json."""
    region: pulumi.Output[str]
    """AWS region the pool lives in."""
    hosted_ui_url: pulumi.Output[str]
    """Base URL of the hosted UI, https://<domainPrefix>.auth.<region>.amazoncognito.com, or empty without a domain prefix."""
    group_names: pulumi.Output[Sequence[str]]
    """Names of the user groups."""
    trigger_function_arns: pulumi.Output[Mapping[str, str]]
    """ARN of the function behind each trigger, by Cognito trigger name."""
    trigger_function_name: pulumi.Output[str]
    """Name of the PreSignUp function the component built, whose logs show each sign-up (empty if PreSignUp is off or an existing function)."""
    identity_pool_id: pulumi.Output[str]
    """ID of the identity pool (identityPool), e.g. us-east-1:1a2b...; empty without one."""
    authenticated_role_arn: pulumi.Output[str]
    """ARN of the identity pool's authenticated role; empty without an identity pool."""
    unauthenticated_role_arn: pulumi.Output[str]
    """ARN of the identity pool's unauthenticated role; empty unless allowUnauthenticated."""
    trigger_alarm_names: pulumi.Output[Sequence[str]]
    """Names of the CloudWatch alarms on the trigger functions (triggerAlarms)."""
    custom_domain_cloudfront_target: pulumi.Output[str]
    """CloudFront distribution that customDomain's DNS alias (an A alias in Route 53 zone Z2FDTNDATAQYW2, or a CNAME) points at; the component makes that record when customDomainHostedZoneId is given. Empty without customDomain."""
    frontend_config: pulumi.Output[Mapping[str, Any]]
    """What a web or mobile app passes to Amplify JS v6's Amplify.configure: {"Auth": {"Cognito": {userPoolId, userPoolClientId, loginWith: {email, oauth: {domain, scopes, redirectSignIn, redirectSignOut, responseType}}, mfa, passwordFormat, ...}}}, for the first public client that uses the hosted UI, else the first public client (empty if none); oauth is there when that client has code or implicit and the pool a domain (customDomain first). Read it with pulumi stack output frontendConfig --json."""

    def __init__(
        self,
        name: str,
        args: CognitoAuthArgs,
        opts: pulumi.ResourceOptions | None = None,
    ):
        # Everything is checked before the component itself registers, so a bad value
        # leaves nothing behind, not even an empty component.
        plan = planning.build(validate(dict(args or {}), component=name))
        v = plan.settings
        if problems := adoption_problems(v, PYTHON, v["user_pool_name"] or name):
            raise ConfigError(problems)
        # Registered as inputs and as the publicClients output, so policies can tell
        # public clients apart.
        super().__init__(TYPE_TOKEN, name, {"publicClients": plan.public_clients}, opts)
        for note in kept_defaults(dict(args or {})):
            pulumi.log.warn(note, resource=self)
        child = pulumi.ResourceOptions(parent=self)
        invoke = pulumi.InvokeOutputOptions(parent=self)

        functions = {
            module: TriggerFunction(
                f"{name}-{kebab(module)}",
                function,
                v["log_retention_days"],
                parent=self,
                tags=v["tags"],
            )
            for module, function in plan.functions.items()
        }
        arns = {
            trigger: functions[wiring.module].function.arn if wiring.module else wiring.arn
            for trigger, wiring in plan.triggers.items()
        }
        # The pool holds the users: on protected stacks neither `pulumi destroy` nor a
        # replacing change may delete it.
        guarded = pulumi.ResourceOptions(parent=self, protect=True, retain_on_delete=True)
        sms = self._sms_configuration(name, v, invoke) if sms_configured(v) else None
        user_pool = aws.cognito.UserPool(
            f"{name}-user-pool",
            **user_pool_args(plan, name, arns, sms),
            opts=pool_options(v, guarded if v["protect"] else child),
        )
        if v["user_notification_logs"] or v["user_activity_logs"]:
            PoolLogs(name, user_pool, v, parent=self, invoke=invoke)

        account_id = aws.get_caller_identity_output(opts=invoke).account_id
        alarms = []
        for built in functions.values():
            invoke_permission(
                f"{built.name}-invoke", built.function.name, user_pool, account_id, self
            )
            built.grant(user_pool.arn, parent=self)
            if v["trigger_alarms"]:
                alarms += trigger_alarms(
                    built.name,
                    built.function,
                    built.plan.triggers,
                    built.plan.timeout_seconds,
                    v["alarm_topic_arn"],
                    parent=self,
                    tags=v["tags"],
                )
        for existing in plan.existing:
            invoke_permission(
                f"{name}-{kebab(existing.triggers[0])}-invoke",
                existing.arn,
                user_pool,
                account_id,
                self,
            )

        # A client's id is in every app config and token, a group holds its members, the
        # domain is the hosted UI's URL: on protected stacks the engine refuses to delete or
        # replace them too (a renamed or removed entry), rather than losing them
        # (`pulumi state unprotect` first, to mean it).
        kept = pulumi.ResourceOptions(parent=self, protect=True) if v["protect"] else child
        servers = {
            server: resource_server(name, server, spec, user_pool.id, kept)
            for server, spec in v["resource_servers"].items()
        }
        # Cognito refuses a client naming a scope of a resource server not there yet.
        waits_for = {
            client: [
                servers[s] for s in servers_named_by(spec["oauth_scopes"], v["resource_servers"])
            ]
            for client, spec in plan.clients.items()
        }
        providers = create_identity_providers(name, v["identity_providers"], user_pool.id, kept)
        clients = {
            client: aws.cognito.UserPoolClient(
                f"{name}-{client}-client",
                **app_client_args(client, spec, user_pool.id),
                # ... and one that names an identity provider the pool does not have yet.
                opts=pulumi.ResourceOptions.merge(
                    client_options(v, spec, kept),
                    pulumi.ResourceOptions(
                        depends_on=waits_for[client]
                        + [providers[p] for p in spec["identity_providers"] if p in providers]
                    ),
                ),
            )
            for client, spec in plan.clients.items()
        }
        brandings(name, plan.clients, user_pool.id, clients, child)
        groups = [
            aws.cognito.UserGroup(
                f"{name}-{group}-group",
                name=group,
                user_pool_id=user_pool.id,
                description=spec.get("description"),
                precedence=spec.get("precedence"),
                role_arn=spec.get("role_arn"),
                opts=kept,
            )
            for group, spec in v["groups"].items()
        ]

        region = aws.get_region_output(opts=invoke).region
        dns_suffix = aws.get_partition_output(opts=invoke).dns_suffix
        self.hosted_ui_url = pulumi.Output.from_input("")
        oauth_domain = None  # the host an app's OAuth requests go to
        if v["domain_prefix"]:
            domain = aws.cognito.UserPoolDomain(
                f"{name}-domain",
                domain=v["domain_prefix"],
                user_pool_id=user_pool.id,
                managed_login_version=v["managed_login_version"],
                opts=kept,
            )
            oauth_domain = pulumi.Output.concat(
                domain.domain, ".auth.", region, ".amazoncognito.com"
            )
            self.hosted_ui_url = pulumi.Output.concat("https://", oauth_domain)
        self.custom_domain_cloudfront_target = pulumi.Output.from_input("")
        if v["custom_domain"]:
            custom = custom_domain(name, v, user_pool.id, child, kept)
            self.custom_domain_cloudfront_target = custom.cloudfront_target
            oauth_domain = custom.domain.domain

        identity = (
            IdentityPool(name, v, user_pool, clients, parent=self, kept=kept)
            if v["identity_pool"]
            else None
        )

        pre_sign_up = plan.triggers.get("PreSignUp")
        self.user_pool_id = user_pool.id
        self.user_pool_arn = user_pool.arn
        self.client_ids = _all({client: resource.id for client, resource in clients.items()})
        self.client_id = next(iter(clients.values())).id
        self.client_secrets = pulumi.Output.secret(_all({
            client: resource.client_secret
            for client, resource in clients.items()
            if not plan.clients[client]["public"]
        }))  # fmt: skip
        self.public_clients = pulumi.Output.from_input(plan.public_clients)
        self.issuer_url = pulumi.Output.concat(
            "https://cognito-idp.", region, ".", dns_suffix, "/", user_pool.id
        )
        self.jwks_url = pulumi.Output.concat(self.issuer_url, "/.well-known/jwks.json")
        self.region = region
        self.group_names = pulumi.Output.from_input([group.name for group in groups])
        self.trigger_function_arns = _all(arns)
        self.frontend_config = frontend_config(
            v, plan.clients, user_pool.id, {c: r.id for c, r in clients.items()}, oauth_domain
        )
        self.trigger_function_name = pulumi.Output.from_input(
            functions[pre_sign_up.module].function.name
            if pre_sign_up and pre_sign_up.module
            else ""
        )
        empty = pulumi.Output.from_input("")
        self.identity_pool_id = identity.pool.id if identity else empty
        self.authenticated_role_arn = identity.authenticated.arn if identity else empty
        self.unauthenticated_role_arn = (
            identity.unauthenticated.arn if identity and identity.unauthenticated else empty
        )
        self.trigger_alarm_names = pulumi.Output.all(*(alarm.name for alarm in alarms))
        self.register_outputs({output: getattr(self, output) for output in OUTPUTS})

    def _sms_configuration(self, name: str, v, invoke) -> dict:
        """The pool's SMS configuration: the given role, or one made for this pool."""
        given = v["sms_role_arn"]
        if is_output(given) or given:
            return {"sns_caller_arn": given, "external_id": lift(or_none, v["sms_external_id"])}
        derived = external_id(name)
        external = lift(lambda written: written or derived, v["sms_external_id"])
        account_id = aws.get_caller_identity_output(opts=invoke).account_id
        partition = aws.get_partition_output(opts=invoke).partition
        role = sms_role(name, external, account_id, partition, parent=self, tags=v["tags"])
        return {"sns_caller_arn": role.arn, "external_id": external}

    def exports(self) -> dict[str, pulumi.Output]:
        """The outputs by their schema names (camelCase), as a program exports them."""
        return {output.key: getattr(self, name) for name, output in OUTPUTS.items()}


OUTPUTS = output_fields(CognitoAuth)
