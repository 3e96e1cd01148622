"""The function's code, opened from what the program registered: the handler module the
`handler` setting names, and nothing else of the repo."""

import importlib.util
from pathlib import Path

import pulumi

from offline import run_program
from tests.events import pre_sign_up_event


def _registered_code(fake_aws):
    function = fake_aws.one("aws:lambda/function:Function").inputs
    return function["handler"], function["code"]


def test_archive_holds_only_the_handler_module(fake_aws):
    run_program(fake_aws, "dev")
    handler, code = _registered_code(fake_aws)
    assert isinstance(code, pulumi.AssetArchive)
    module, function_name = handler.split(".")
    assert list(code.assets) == [f"{module}.py"]
    assert not any(name.startswith(("tests", "__pycache__")) for name in code.assets)


def test_archived_module_runs_as_lambda_would_call_it(fake_aws, monkeypatch):
    run_program(fake_aws, "dev")
    handler, code = _registered_code(fake_aws)
    module_name, function_name = handler.split(".")
    asset = code.assets[f"{module_name}.py"]
    spec = importlib.util.spec_from_file_location(f"archived_{module_name}", asset.path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)

    variables = fake_aws.one("aws:lambda/function:Function").inputs["environment"]["variables"]
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    result = getattr(module, function_name)(pre_sign_up_event())
    assert result["response"]["autoConfirmUser"] is True


def test_handler_imports_only_the_standard_library(fake_aws):
    import ast
    import sys

    run_program(fake_aws, "dev")
    _, code = _registered_code(fake_aws)
    (asset,) = code.assets.values()
    tree = ast.parse(Path(asset.path).read_text())
    imported = {alias.name.split(".")[0] for node in ast.walk(tree)
                if isinstance(node, ast.Import) for alias in node.names}  # fmt: skip
    imported |= {node.module.split(".")[0] for node in ast.walk(tree)
                 if isinstance(node, ast.ImportFrom) and node.module}  # fmt: skip
    assert imported and imported <= sys.stdlib_module_names, imported
