"""The sandbox provider's rows name only real inputs: every input a row maps is an input
property of the pulumi_aws resource of its type (an input the SDK cannot send would make a
row that can never be exercised, and a typo one that silently maps nothing)."""

import importlib
import inspect

import pytest

from components.settings import camel
from sandbox.resources import KINDS


def _sdk_inputs(token: str) -> set[str]:
    package, module_type = token.split(":", 1)[1].split("/", 1)[0], token.rsplit(":", 1)[1]
    try:
        module = importlib.import_module(f"pulumi_aws.{package}")
    except ImportError:
        module = importlib.import_module(f"pulumi_aws.{package}_")  # lambda_
    args = getattr(module, f"{module_type}Args")
    return {camel(p) for p in inspect.signature(args.__init__).parameters if p != "__self__"}


@pytest.mark.parametrize("token", sorted(KINDS))
def test_a_row_maps_only_inputs_the_sdk_has(token):
    row = KINDS[token]
    # kind() gives every row `region`; the global services' resources (IAM, Route 53) have
    # none in the SDK, which then never sends it.
    assert row.inputs - _sdk_inputs(token) <= {"region"}
    assert row.required <= row.inputs and row.replace_on <= row.inputs


def test_the_oauth_rows_are_there():
    assert {
        "aws:cognito/resourceServer:ResourceServer",
        "aws:acm/certificate:Certificate",
        "aws:acm/certificateValidation:CertificateValidation",
        "aws:route53/record:Record",
    } <= set(KINDS)
