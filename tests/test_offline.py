"""The offline runner: config loaded as the CLI would, and runs that do not leak."""

import gc

import pytest

from offline import load_stack_config, run_program
from tests.fake_aws import FakeAws


class FailingClient(FakeAws):
    def new_resource(self, args):
        if args.typ == "aws:cognito/userPoolClient:UserPoolClient":
            raise RuntimeError("the emulator refused the client")
        return super().new_resource(args)


def test_a_failed_run_does_not_poison_the_next():
    with pytest.raises(RuntimeError, match="refused the client"):
        run_program(FailingClient(), "dev")
    # The failed run's futures log their error when they are collected. Collected later,
    # inside another test's ast.parse, that Python code trips CPython 3.11's "AST
    # constructor recursion depth mismatch"; here it is harmless.
    gc.collect()
    assert run_program(FakeAws(), "dev")["clientId"].startswith("client")


def test_stack_config_merges_defaults_stack_file_and_overrides():
    config = load_stack_config("prod", overrides={"cognito-auth:mfa": "ON"})
    assert config["cognito-auth:passwordMinimumLength"] == "8"  # Pulumi.yaml default
    assert config["cognito-auth:protect"] == "true"  # Pulumi.prod.yaml, as the CLI passes it
    assert config["cognito-auth:mfa"] == "ON"  # the override wins
    assert config["cognito-auth:clients"] == '{"app":{}}'  # maps as the CLI's compact JSON
    assert config["aws:region"] == "us-east-1"


def test_missing_stack_file_is_named():
    with pytest.raises(FileNotFoundError, match="Pulumi.nope.yaml"):
        load_stack_config("nope")


def test_exports_say_which_values_are_secret():
    exports = run_program(FakeAws(), "dev")
    assert exports.secret == {"clientSecrets"}
