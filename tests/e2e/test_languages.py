"""CognitoAuth from another language's program, through the real engine: `pulumi package add`
of the component package, `pulumi up` of `examples/<language>/` with that language's host
built from Go modules, then the auth check against the stack's outputs.

The engine starts the component package (our Python provider, `provider/__main__.py` on the
virtualenv its requirements.txt makes) for CognitoAuth, and the sandbox's `aws` provider for
every child. Only languages whose host the Go module proxy serves are here: YAML. The README's
languages table says what refused the others.
"""

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sandbox import SandboxError
from sandbox.examples import example_stack
from tests.e2e.test_authcheck_e2e import STEPS, no_credentials_env, statuses

REPO_ROOT = Path(__file__).resolve().parents[2]
COMPONENT = "cognito-auth:index:CognitoAuth"


@pytest.fixture(scope="module")
def yaml_example(sandbox, emulator):
    stack = example_stack(sandbox, "yaml", "e2e-lang-yaml")
    # A development stack: destroyable, and the PreSignUp trigger confirms new users.
    stack.prepare({"protect": False, "autoConfirmUsers": True})
    seconds = stack.up()
    print(f"\npulumi up of examples/yaml: {seconds:.1f} s", file=sys.stderr)
    yield stack
    stack.forget()


def resources(stack) -> list[dict]:
    state = json.loads(stack.pulumi("stack", "export").stdout)
    return state["deployment"].get("resources", [])


def test_yaml_program_creates_the_component_and_its_children(yaml_example):
    by_type: dict[str, list[dict]] = {}
    for resource in resources(yaml_example):
        by_type.setdefault(resource["type"], []).append(resource)
    [component] = by_type[COMPONENT]
    assert component.get("custom", False) is False
    # The engine started the component package as a provider of its own (the program has no
    # Python in it): the provider resource it registered for the package.
    assert len(by_type["pulumi:providers:cognito-auth"]) == 1
    [pool] = by_type["aws:cognito/userPool:UserPool"]
    assert pool["parent"] == component["urn"]
    assert pool["inputs"]["passwordPolicy"]["minimumLength"] == 12
    [client] = by_type["aws:cognito/userPoolClient:UserPoolClient"]
    assert client["parent"] == component["urn"]
    # Children were created by the sandbox's aws provider, in the emulator.
    assert pool["provider"].split("::")[2] == "pulumi:providers:aws"
    # The pool in the emulator is the one the outputs name.
    outputs = yaml_example.outputs()
    assert outputs["userPoolId"] == pool["id"]


def test_yaml_program_passes_the_auth_check(yaml_example, emulator, tmp_path):
    outputs = yaml_example.outputs()
    path = tmp_path / "outputs.json"
    path.write_text(json.dumps(outputs))
    began = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "authcheck", "--outputs", str(path),
         "--endpoint-url", emulator.running().endpoint, "--expect-auto-confirm", "--json"],
        cwd=REPO_ROOT, env=no_credentials_env(), capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.stdout.startswith("{"), done.stdout + done.stderr
    doc = json.loads(done.stdout)
    assert done.returncode == 0, doc
    assert statuses(doc) == [(name, "passed") for name in STEPS]
    assert doc["target"]["userPoolId"] == outputs["userPoolId"]
    assert time.monotonic() - began < 60


PROGRAMS = Path(__file__).resolve().parent / "programs"


def test_an_output_reaches_an_input_that_may_be_one(sandbox, emulator):
    stack = example_stack(sandbox, "yaml", "e2e-lang-outputs", PROGRAMS / "yaml-outputs")
    try:
        stack.prepare()
        stack.up()
        pools = {
            r["urn"].rsplit("::", 1)[-1]: r
            for r in resources(stack)
            if r["type"] == "aws:cognito/userPool:UserPool"
        }
        first_client = next(
            r["id"] for r in resources(stack)
            if r["type"] == "aws:cognito/userPoolClient:UserPoolClient" and r["parent"].endswith("::first")
        )  # fmt: skip
        # The second pool is named after the first's app client: an Output, resolved.
        [second] = [pool for pool in pools.values() if pool["parent"].endswith("::second")]
        assert second["inputs"]["name"] == first_client
    finally:
        stack.forget()


def test_an_output_given_to_a_plain_input_is_refused_by_its_schema_name(sandbox, emulator):
    stack = example_stack(sandbox, "yaml", "e2e-lang-plain", PROGRAMS / "yaml-output-into-plain")
    try:
        stack.prepare()
        with pytest.raises(SandboxError) as refused:
            stack.up()
        message = str(refused.value)
        assert "domainPrefix must be a plain value known when the program runs" in message
        # Named as the program wrote it, and without the provider's Python traceback.
        assert "domain_prefix" not in message and "Traceback" not in message
        assert "File " not in message
        # The CLI's preview refused it: nothing was created, not even the first component.
        assert not [r for r in resources(stack) if r["type"].startswith("aws:")]
    finally:
        stack.forget()
