"""Cognito's trigger names, and how a trigger is wired to the pool.

The user pool's `lambda_config` takes one property per trigger; this table maps
Cognito's trigger name to that property, which is also the name of the handler module in
`functions/`. Adding a trigger means adding its handler and a row here.
"""

import pulumi
import pulumi_aws as aws

LAMBDA_CONFIG_PROPERTIES: dict[str, str] = {
    "PreSignUp": "pre_sign_up",
}

COGNITO_PRINCIPAL = "cognito-idp.amazonaws.com"


def lambda_config(functions: dict[str, aws.lambda_.Function]) -> dict:
    """The pool's lambda_config: each trigger's property set to its function's ARN."""
    return {LAMBDA_CONFIG_PROPERTIES[trigger]: fn.arn for trigger, fn in functions.items()}


def invoke_permission(
    name: str,
    function: aws.lambda_.Function,
    user_pool: aws.cognito.UserPool,
    account_id: pulumi.Input[str],
    parent: pulumi.Resource,
) -> aws.lambda_.Permission:
    """Let this pool, and only this pool in this account, invoke the function.

    Both conditions matter: a source ARN alone would let a pool of the same id in another
    account (after deletion and re-creation) call the function.
    """
    return aws.lambda_.Permission(
        name,
        action="lambda:InvokeFunction",
        function=function.name,
        principal=COGNITO_PRINCIPAL,
        source_arn=user_pool.arn,
        source_account=account_id,
        opts=pulumi.ResourceOptions(parent=parent),
    )
