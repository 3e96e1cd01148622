"""The component as a package: installed into a fresh virtual environment, it runs the
multi-tenant example's own tests, with no help from this checkout."""

import subprocess
import sys
import sysconfig
import tomllib
import venv

import pytest

import components
from tests.conftest import ROOT

EXAMPLE = ROOT / "examples" / "multi-tenant"


@pytest.fixture(scope="module")
def fresh_python(tmp_path_factory):
    home = tmp_path_factory.mktemp("consumer") / "venv"
    venv.EnvBuilder(with_pip=True).create(home)
    python = home / "bin" / "python"
    # pulumi and pulumi-aws are big: the consumer sees this suite's copies through a .pth
    # file, while cognito-auth itself is built and installed into the fresh environment.
    purelib = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip
    (home / purelib / "suite.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    # Some Pythons seed new venvs with an old setuptools that would shadow the pinned one.
    subprocess.run([python, "-m", "pip", "uninstall", "--quiet", "--yes", "setuptools"],
                   check=False, capture_output=True)  # fmt: skip
    subprocess.run(
        [python, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
         "--disable-pip-version-check", str(ROOT)],
        check=True, cwd=home,
    )  # fmt: skip
    return python


def test_version_is_declared_once_per_place_and_agrees():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["version"] == components.__version__
    assert (ROOT / "CHANGELOG.md").read_text().count(f"## {project['version']}") == 1


@pytest.mark.integration  # builds a virtual environment with pip
def test_installed_package_imports_outside_the_checkout(fresh_python, tmp_path):
    shown = subprocess.run(
        [fresh_python, "-c",
         "import cognito_auth, pathlib; from cognito_auth.handlers import HANDLERS_DIR;"
         "print(cognito_auth.__file__); print(sorted(p.name for p in HANDLERS_DIR.glob('*.py')))"],
        check=True, capture_output=True, text=True, cwd=tmp_path,
    ).stdout.splitlines()  # fmt: skip
    assert "site-packages" in shown[0] and str(ROOT) not in shown[0]
    shipped = sorted(p.name for p in (ROOT / "functions").glob("*.py"))
    assert "pre_sign_up.py" in shipped
    assert shown[1] == str(shipped)


@pytest.mark.integration
def test_multi_tenant_example_passes_its_own_tests(fresh_python):
    run = subprocess.run(
        [fresh_python, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=EXAMPLE, capture_output=True, text=True,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout + run.stderr
    assert "4 passed" in run.stdout


def test_example_cannot_import_the_checkout():
    # If the example imported `components`, it would pass here and fail for a consumer.
    source = (EXAMPLE / "__main__.py").read_text()
    assert "from cognito_auth import" in source
    assert "components" not in source and "sys.path" not in source
    assert sys.modules.get("cognito_auth") is None


def _top_level_imports(path) -> set[str]:
    import ast

    tree = ast.parse(path.read_text())
    names = {
        a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names
    }
    names |= {n.module.split(".")[0] for n in ast.walk(tree)
              if isinstance(n, ast.ImportFrom) and n.module and n.level == 0}  # fmt: skip
    return names


def test_the_package_imports_only_what_it_declares():
    # The consumer venv above borrows this suite's packages, so a dependency missing from
    # pyproject.toml would not show there: check the imports against the declaration.
    declared = {
        dep.split(">")[0].split("=")[0].split("<")[0].strip().replace("-", "_")
        for dep in tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    }
    declared = {{"PyYAML": "yaml"}.get(name, name) for name in declared}  # its import name
    for path in (ROOT / "components").glob("*.py"):
        assert _top_level_imports(path) <= sys.stdlib_module_names | declared, path.name
    # Handlers run on Lambda's runtime, which has boto3 but nothing else of ours.
    for path in (ROOT / "functions").glob("*.py"):
        assert _top_level_imports(path) <= sys.stdlib_module_names | {"boto3", "botocore"}, (
            path.name
        )
