"""The cognito-auth program: one CognitoAuth built from this stack's config."""

import pulumi

from components import CognitoAuth, ConfigError, args_from_config, check_adoption

args = args_from_config()
# Physical names are autonamed, so the short logical name cannot collide across stacks;
# the pool itself is named after the stack unless userPoolName says otherwise.
named = f"{pulumi.get_project()}-{pulumi.get_stack()}"
if not args.get("user_pool_name") and args.get("protect"):
    # A pool named after its stack is replaced, every user lost, when the stack is
    # renamed (`pulumi stack rename`); a protected pool's name is written down instead.
    raise ConfigError([
        f"{pulumi.get_project()}:userPoolName is not set on this protected stack: set it to "
        f"{named!r} (its pool's name) in Pulumi.{pulumi.get_stack()}.yaml, so that renaming "
        "the stack can never rename the pool, which would replace it and lose its users"
    ])  # fmt: skip
# Adopting a pool: a setting that does not describe it is named as the stack file writes it.
check_adoption(args, args.get("user_pool_name") or named)
args["user_pool_name"] = args.get("user_pool_name") or named
auth = CognitoAuth("auth", args)

for name, output in auth.exports().items():
    pulumi.export(name, output)
