"""The cognito-auth program: one CognitoAuth built from this stack's config."""

import pulumi

from components import CognitoAuth, args_from_config

args = args_from_config()
# Physical names are autonamed, so the short logical name cannot collide across stacks;
# the pool itself is named after the stack unless userPoolName says otherwise.
if not args.get("user_pool_name"):
    args["user_pool_name"] = f"{pulumi.get_project()}-{pulumi.get_stack()}"
auth = CognitoAuth("auth", args)

for name, output in auth.exports().items():
    pulumi.export(name, output)
