"""End-to-end fixtures: the real program, deployed into a local ministack.

One emulator serves the whole session (started, or reused if one is already up). Each
stack variant is created once, under its own stack name so that resource names never
collide, and every variant is torn down when the session ends.
"""

from dataclasses import dataclass
from typing import Any

import pytest

from sandbox import Emulator, EmulatorClients
from sandbox import stack as sandbox_stack


@dataclass
class Deployed:
    stack: str
    outputs: dict
    endpoint: str
    clients: EmulatorClients

    @property
    def idp(self) -> Any:
        return self.clients("cognito-idp")

    @property
    def pool_id(self) -> str:
        return self.outputs["userPoolId"]

    @property
    def client_id(self) -> str:
        return self.outputs["clientId"]

    @property
    def trigger_log_group(self) -> str:
        """Where the PreSignUp function logs: the group its logging config names."""
        function = self.clients("lambda").get_function_configuration(
            FunctionName=self.outputs["triggerFunctionName"]
        )
        return function["LoggingConfig"]["LogGroup"]

    @property
    def jwks_url(self) -> str:
        # The exported jwksUrl names AWS's host; the emulator serves the same path itself.
        return f"{self.endpoint}/{self.pool_id}/.well-known/jwks.json"


@pytest.fixture(scope="session")
def emulator():
    emulator = Emulator()
    was_running = emulator.running() is not None
    emulator.start()
    yield emulator
    if not was_running:
        emulator.stop(clear_state=True)


@pytest.fixture(scope="session")
def deploy(emulator):
    """deploy(stack, stack_file="dev", **config) -> Deployed, created once per session."""
    created: dict[str, Deployed] = {}

    def make(stack: str, stack_file: str = "dev", **config) -> Deployed:
        if stack not in created:
            overrides = {f"cognito-auth:{key}": value for key, value in config.items()}
            outputs = sandbox_stack.up(
                stack, emulator, stack_file=stack_file, config_overrides=overrides
            )
            endpoint = emulator.running().endpoint
            created[stack] = Deployed(stack, outputs, endpoint, EmulatorClients(endpoint))
        return created[stack]

    yield make
    for stack in created:
        sandbox_stack.down(stack, emulator)


@pytest.fixture(scope="session")
def dev(deploy) -> Deployed:
    """The dev stack file as it is, under its own stack name."""
    return deploy("e2e-dev")
