"""End-to-end fixtures: the real program, deployed by the real Pulumi engine into ministack.

One sandbox (emulator, CLI, Pulumi home and file backend) serves the whole session; each
stack variant is a stack of its own (`pulumi up` once per session, under its own name, so
resource names never collide), and every variant is destroyed when the session ends.
These tests run in a pytest process of their own (`make test-e2e`): the unit tests'
Pulumi mocks are process-global and must not meet the Automation API's real runtime.
"""

from dataclasses import dataclass
from typing import Any

import pytest

from sandbox import Emulator, EmulatorClients, Sandbox, SandboxStack

PROJECT = "cognito-auth"


@dataclass
class Deployed:
    stack: str
    handle: SandboxStack
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
        """The stack's app client: "app" by default, else its first public client."""
        ids = self.outputs["clientIds"]
        return ids.get("app") or ids[self.outputs["publicClients"][0]]

    @property
    def trigger_log_group(self) -> str:
        """Where the PreSignUp function logs: the group its logging config names."""
        arn = self.outputs["triggerFunctionArns"]["PreSignUp"]
        function = self.clients("lambda").get_function_configuration(FunctionName=arn)
        return function["LoggingConfig"]["LogGroup"]

    @property
    def jwks_url(self) -> str:
        # The exported jwksUrl names AWS's host; the emulator serves the same path itself.
        return f"{self.endpoint}/{self.pool_id}/.well-known/jwks.json"


def settings(**config) -> dict[str, Any]:
    """Stack config keys for the project's settings: settings(mfa="OFF")."""
    return {key if ":" in key else f"{PROJECT}:{key}": value for key, value in config.items()}


def forget(stack: SandboxStack) -> None:
    """Remove a stack after a test: destroyed if it can be, else only forgotten (a protected
    pool cannot be deleted; it goes with the emulator)."""
    if stack.exists():
        done = stack.pulumi("destroy", "--yes", check=False)
        if done.returncode != 0:
            stack.pulumi("stack", "rm", "--yes", "--force", check=False)
    stack.remove()


@pytest.fixture(scope="session")
def sandbox() -> Sandbox:
    return Sandbox(log=lambda message: None)


@pytest.fixture(scope="session")
def emulator(sandbox):
    was_running = sandbox.emulator.running() is not None
    sandbox.prepare()
    yield sandbox.emulator
    if not was_running:
        sandbox.emulator.stop(clear_state=True)


@pytest.fixture(scope="session")
def deploy(sandbox, emulator):
    """deploy(stack, stack_file="dev", **settings) -> Deployed, `pulumi up` once per session."""
    created: dict[str, Deployed] = {}

    def make(name: str, stack_file: str = "dev", **config) -> Deployed:
        if name not in created:
            stack = sandbox.stack(name, stack_file=stack_file, config=settings(**config))
            stack.up()
            endpoint = emulator.running().endpoint
            outputs = stack.outputs(show_secrets=True)
            created[name] = Deployed(name, stack, outputs, endpoint, EmulatorClients(endpoint))
        return created[name]

    yield make
    for deployed in created.values():
        forget(deployed.handle)


@pytest.fixture(scope="session")
def dev(deploy) -> Deployed:
    """The dev stack file as it is, under its own stack name."""
    return deploy("e2e-dev")


@pytest.fixture
def own_sandbox(emulator, tmp_path):
    """own_sandbox(name, persist=False) -> a Sandbox in a home of its own under tmp_path,
    for tests that kill, restart or corrupt it; its ministack venv is the session's (linked:
    a pip install per test would take longer than the tests). Stopped at the end."""
    made: list[Sandbox] = []

    def make(name: str, persist: bool = False) -> Sandbox:
        home = tmp_path / name
        home.mkdir()
        (home / "venv").symlink_to(emulator.venv, target_is_directory=True)
        own = Sandbox(home, emulator=Emulator(home, persist=persist), log=lambda message: None)
        made.append(own)
        return own

    yield make
    for own in made:
        own.emulator.stop(clear_state=True)
