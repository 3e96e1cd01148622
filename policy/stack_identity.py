"""Tell the pack which stack it is judging, from what the engine sends.

Production rules decide by stack name (policy config `productionStacks`). pulumi-policy
1.21 learns the name only from PULUMI_STACK, which Pulumi CLIs stopped setting for
analyzers (3.274.1 sends it in ConfigureStack instead, which pulumi-policy reads only the
tags of). Without this every stack looks like "stack", and no production rule ever fires:
the real engine showed it, the mocks could not.
"""

import os

from pulumi_policy import policy as _policy


def adopt_engine_stack() -> None:
    """Before the pack serves: take the stack, project and dry-run flag from ConfigureStack."""
    servicer = _policy._PolicyAnalyzerServicer
    configure_stack = servicer.ConfigureStack
    if getattr(configure_stack, "adopts_engine_stack", False):
        return

    def ConfigureStack(self, request, context):  # noqa: N802 (the gRPC method's name)
        if request.stack:
            # pulumi-policy configures the runtime from these before every analysis.
            os.environ["PULUMI_STACK"] = request.stack
            os.environ["PULUMI_PROJECT"] = request.project
            os.environ["PULUMI_DRY_RUN"] = "true" if request.dry_run else "false"
        return configure_stack(self, request, context)

    ConfigureStack.adopts_engine_stack = True
    servicer.ConfigureStack = ConfigureStack
