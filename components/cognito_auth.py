"""CognitoAuth: a user pool, its app client and its Lambda triggers, as one component."""

import re

import pulumi
import pulumi_aws as aws

from . import limits
from .app_client import app_client_args
from .args import CognitoAuthArgs, with_defaults
from .trigger_function import TriggerFunction
from .triggers import LAMBDA_CONFIG_PROPERTIES, invoke_permission, lambda_config
from .user_pool import user_pool_args
from .validation import ConfigError, validate

TYPE_TOKEN = "cognito-auth:index:CognitoAuth"


def _trigger_environment(v: dict) -> dict[str, pulumi.Input[str]]:
    """The PreSignUp handler's behaviour, as environment variables."""
    domains = v["allowed_email_domains"]
    return {
        "AUTO_CONFIRM_USERS": str(v["auto_confirm_users"]).lower(),
        "AUTO_VERIFY_EMAIL": str(v["auto_verify_email"]).lower(),
        "ALLOWED_EMAIL_DOMAINS": (
            pulumi.Output.from_input(domains).apply(",".join)
            if isinstance(domains, pulumi.Output)
            else ",".join(domains)
        ),
    }


class CognitoAuth(pulumi.ComponentResource):
    """Sign-up and sign-in on Amazon Cognito: an email-as-username user pool, a public app
    client, and a PreSignUp trigger that auto-confirms users."""

    user_pool_id: pulumi.Output[str]
    """ID of the user pool."""
    user_pool_arn: pulumi.Output[str]
    """ARN of the user pool."""
    client_id: pulumi.Output[str]
    """ID of the app client (public: it has no secret)."""
    issuer_url: pulumi.Output[str]
    """Issuer (`iss`) of the pool's tokens."""
    jwks_url: pulumi.Output[str]
    """URL of the JSON Web Key Set that signs the pool's tokens."""
    region: pulumi.Output[str]
    """AWS region the pool lives in."""
    trigger_function_name: pulumi.Output[str]
    """Name of the PreSignUp trigger function."""
    trigger_function_arn: pulumi.Output[str]
    """ARN of the PreSignUp trigger function."""

    def __init__(
        self,
        name: str,
        args: CognitoAuthArgs,
        opts: pulumi.ResourceOptions | None = None,
    ):
        # Everything is checked before the component itself registers, so a bad value
        # leaves nothing behind, not even an empty component.
        if not isinstance(name, str) or not re.fullmatch(limits.RESOURCE_PREFIX_PATTERN, name):
            raise ConfigError(
                [
                    f"name is {name!r}; it must be 1 to 40 letters, digits, - or _ "
                    "(trigger functions are named after it)"
                ]
            )
        v = with_defaults(dict(args or {}), name)
        validate(v)
        super().__init__(TYPE_TOKEN, name, {}, opts)
        child = pulumi.ResourceOptions(parent=self)

        functions = {
            "PreSignUp": TriggerFunction(
                f"{name}-pre-sign-up",
                LAMBDA_CONFIG_PROPERTIES["PreSignUp"],
                _trigger_environment(v),
                v,
                parent=self,
            ).function,
        }

        # The pool holds the users: on protected stacks neither `pulumi destroy` nor a
        # replacing change may delete it.
        pool_opts = child
        if v["protect"]:
            pool_opts = pulumi.ResourceOptions(parent=self, protect=True, retain_on_delete=True)
        user_pool = aws.cognito.UserPool(
            f"{name}-user-pool", **user_pool_args(v, lambda_config(functions)), opts=pool_opts
        )

        # Invokes parented here, so they use the same provider as the resources.
        invoke = pulumi.InvokeOutputOptions(parent=self)
        account_id = aws.get_caller_identity_output(opts=invoke).account_id
        for trigger, function in functions.items():
            invoke_permission(
                f"{name}-{LAMBDA_CONFIG_PROPERTIES[trigger].replace('_', '-')}-invoke",
                function,
                user_pool,
                account_id,
                parent=self,
            )

        client = aws.cognito.UserPoolClient(
            f"{name}-client", **app_client_args(v, user_pool.id), opts=child
        )

        region = aws.get_region_output(opts=invoke).region
        dns_suffix = aws.get_partition_output(opts=invoke).dns_suffix
        self.user_pool_id = user_pool.id
        self.user_pool_arn = user_pool.arn
        self.client_id = client.id
        self.issuer_url = pulumi.Output.concat(
            "https://cognito-idp.", region, ".", dns_suffix, "/", user_pool.id
        )
        self.jwks_url = pulumi.Output.concat(self.issuer_url, "/.well-known/jwks.json")
        self.region = region
        self.trigger_function_name = functions["PreSignUp"].name
        self.trigger_function_arn = functions["PreSignUp"].arn
        self.register_outputs({
            "user_pool_id": self.user_pool_id,
            "user_pool_arn": self.user_pool_arn,
            "client_id": self.client_id,
            "issuer_url": self.issuer_url,
            "jwks_url": self.jwks_url,
            "region": self.region,
            "trigger_function_name": self.trigger_function_name,
            "trigger_function_arn": self.trigger_function_arn,
        })  # fmt: skip
