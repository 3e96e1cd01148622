"""Entry point of the policy pack: `pulumi preview --policy-pack policy`.

This is the only place that builds the PolicyPack: building it starts the analyzer's gRPC
server and blocks for good, so tests import `policy.rules` instead. The CLI runs this file
with policy/ on sys.path, hence the top-level `rules` import.
"""

from pulumi_policy import EnforcementLevel, PolicyPack
from rules import POLICIES
from stack_identity import adopt_engine_stack

adopt_engine_stack()

PolicyPack(
    name="cognito-auth",
    # Each policy sets its own level; this is only the fallback.
    enforcement_level=EnforcementLevel.ADVISORY,
    policies=POLICIES,
)
