"""The cognito-auth program: one CognitoAuth built from this stack's config."""

import pulumi

from components import CognitoAuth, args_from_config

args = args_from_config()
# Physical names are autonamed, so the short logical name cannot collide across stacks;
# the pool itself is named after the stack unless userPoolName says otherwise.
args.setdefault("user_pool_name", f"{pulumi.get_project()}-{pulumi.get_stack()}")
auth = CognitoAuth("auth", args)

pulumi.export("userPoolId", auth.user_pool_id)
pulumi.export("userPoolArn", auth.user_pool_arn)
pulumi.export("clientId", auth.client_id)
pulumi.export("clientIds", auth.client_ids)
pulumi.export("clientSecrets", auth.client_secrets)
pulumi.export("publicClients", auth.public_clients)
pulumi.export("issuerUrl", auth.issuer_url)
pulumi.export("jwksUrl", auth.jwks_url)
pulumi.export("region", auth.region)
pulumi.export("hostedUiUrl", auth.hosted_ui_url)
pulumi.export("groupNames", auth.group_names)
pulumi.export("triggerFunctionArns", auth.trigger_function_arns)
pulumi.export("triggerFunctionName", auth.trigger_function_name)
pulumi.export("triggerFunctionArn", auth.trigger_function_arn)
