"""A handler given as a .py path is a file of the project: found from the project directory
(the one holding Pulumi.yaml, where Pulumi runs the program), whatever the working
directory, and refused by name when the path leads out of the project."""

import os
import shutil

import pytest

from components import CognitoAuth, ConfigError
from components.handlers import project_root
from offline import evaluate, run_program
from tests.conftest import ROOT

HANDLER = "def handler(event, context=None):\n    return event\n"
ALLOWED = (
    "it must be a shipped handler (post_confirmation, pre_sign_up, pre_token_generation) or "
    "the path of a .py file in the project"
)


@pytest.fixture
def project(tmp_path):
    """A copy of this project with a handler of its own, and a directory outside it."""
    project = tmp_path / "project"
    project.mkdir()
    for name in ("__main__.py", "Pulumi.yaml", "Pulumi.dev.yaml"):
        shutil.copy(ROOT / name, project / name)
    (project / "handlers").mkdir()
    (project / "handlers" / "custom_message.py").write_text(HANDLER)
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "outside.py").write_text(HANDLER)
    return project


def _custom_message(handler: str) -> dict:
    return {"triggers": {"CustomMessage": {"handler": handler}}}


def _archived_path(fake_aws) -> str:
    function = next(f for f in fake_aws.of_type("aws:lambda/function:Function")
                    if f.name == "auth-custom-message")  # fmt: skip
    (asset,) = function.inputs["code"].assets.values()
    return asset.path


def test_the_program_finds_the_handler_when_run_from_another_directory(
    project, fake_aws, monkeypatch
):
    monkeypatch.chdir(project.parent / "elsewhere")
    config = {"cognito-auth:triggers": _custom_message("handlers/custom_message.py")["triggers"]}
    run_program(fake_aws, "dev", project_dir=project, config_overrides=config)
    assert _archived_path(fake_aws) == str(project / "handlers" / "custom_message.py")


def test_the_component_resolves_against_the_root_directory_pulumi_gives(
    project, fake_aws, monkeypatch
):
    monkeypatch.chdir(project.parent / "elsewhere")
    args = _custom_message("handlers/custom_message.py")
    evaluate(
        fake_aws, lambda: {"id": CognitoAuth("auth", args).user_pool_id}, root_directory=project
    )
    assert _archived_path(fake_aws) == str(project / "handlers" / "custom_message.py")


def test_without_a_root_directory_the_nearest_pulumi_yaml_above_the_cwd_is_the_project(
    project, fake_aws, monkeypatch
):
    monkeypatch.chdir(project / "handlers")
    assert evaluate(fake_aws, lambda: {"root": str(project_root())})["root"] == str(project)


def _refusal(fake_aws, project, handler: str) -> list[str]:
    with pytest.raises(ConfigError) as error:
        evaluate(fake_aws, lambda: {"id": CognitoAuth("auth", _custom_message(handler)).user_pool_id},
                 root_directory=project)  # fmt: skip
    assert fake_aws.resources == []
    return error.value.problems


@pytest.mark.parametrize("way_out", ["../outside.py", "absolute", "symlink"])
def test_a_path_out_of_the_project_is_refused_by_name(project, fake_aws, way_out):
    handler = {"absolute": str(project.parent / "outside.py"), "symlink": "handlers/link.py"}.get(
        way_out, way_out
    )
    if way_out == "symlink":
        os.symlink(project.parent / "outside.py", project / "handlers" / "link.py")
    assert _refusal(fake_aws, project, handler) == [
        f'triggers.CustomMessage.handler is "{handler}"; {ALLOWED}; {handler} is outside '
        f"the project directory {project}"
    ]


def test_a_missing_file_is_named(project, fake_aws):
    assert _refusal(fake_aws, project, "handlers/nope.py") == [
        f'triggers.CustomMessage.handler is "handlers/nope.py"; {ALLOWED}; there is no file '
        "handlers/nope.py"
    ]
