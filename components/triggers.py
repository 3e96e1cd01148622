"""Cognito's trigger names, and how triggers are wired to the pool.

The user pool's `lambda_config` takes one property per trigger; PreTokenGeneration and the
custom senders take a version too, and the senders a KMS key. Every function a trigger
uses gets one invoke permission, however many triggers it serves.
"""

import pulumi
import pulumi_aws as aws

LAMBDA_CONFIG_PROPERTIES: dict[str, str] = {
    "PreSignUp": "pre_sign_up",
    "CustomMessage": "custom_message",
    "PostConfirmation": "post_confirmation",
    "PreAuthentication": "pre_authentication",
    "PostAuthentication": "post_authentication",
    "DefineAuthChallenge": "define_auth_challenge",
    "CreateAuthChallenge": "create_auth_challenge",
    "VerifyAuthChallengeResponse": "verify_auth_challenge_response",
    "PreTokenGeneration": "pre_token_generation_config",
    "UserMigration": "user_migration",
    "CustomSMSSender": "custom_sms_sender",
    "CustomEmailSender": "custom_email_sender",
}
_VERSIONED = ("PreTokenGeneration", "CustomSMSSender", "CustomEmailSender")

COGNITO_PRINCIPAL = "cognito-idp.amazonaws.com"


def lambda_config(arns: dict[str, pulumi.Input[str]], specs: dict[str, dict], kms_key_arn) -> dict:
    """The pool's lambda_config: each trigger's property set to its function's ARN."""
    config: dict = {}
    for trigger, arn in arns.items():
        prop = LAMBDA_CONFIG_PROPERTIES[trigger]
        if trigger in _VERSIONED:
            # PreTokenGeneration goes only through its versioned block: setting the plain
            # property too would have to repeat the same ARN.
            config[prop] = {"lambda_arn": arn, "lambda_version": specs[trigger]["lambda_version"]}
        else:
            config[prop] = arn
    if any(t in arns for t in ("CustomSMSSender", "CustomEmailSender")):
        config["kms_key_id"] = kms_key_arn
    return config


def invoke_permission(
    name: str,
    function: pulumi.Input[str],
    user_pool: aws.cognito.UserPool,
    account_id: pulumi.Input[str],
    parent: pulumi.Resource,
) -> aws.lambda_.Permission:
    """Let this pool, and only this pool in this account, invoke the function (a name or ARN).

    Both conditions matter: a source ARN alone would let a pool of the same id in another
    account (after deletion and re-creation) call the function.
    """
    return aws.lambda_.Permission(
        name,
        action="lambda:InvokeFunction",
        function=function,
        principal=COGNITO_PRINCIPAL,
        source_arn=user_pool.arn,
        source_account=account_id,
        opts=pulumi.ResourceOptions(parent=parent),
    )
