"""The language hosts' pin and cache key, and the component plugin's reinstall key, without
building anything."""

import re
import shutil

from sandbox import component_plugin, language_hosts, pulumi_cli
from tests.conftest import ROOT


def test_yaml_host_is_pinned_at_the_served_release():
    go_mod = (language_hosts.MODULE_DIR / "go.mod").read_text()
    assert language_hosts.pinned_version() == "v1.25.0"
    # Its own pkg/v3: v1.25.0 does not compile against the CLI's (see language_hosts.py).
    assert "github.com/pulumi/pulumi/pkg/v3 v3.206.0" in go_mod


def test_every_host_is_a_tool_of_the_module():
    go_mod = (language_hosts.MODULE_DIR / "go.mod").read_text()
    tools = set(re.findall(r"^tool (\S+)$", go_mod, re.M))
    assert tools == set(language_hosts.HOSTS.values())


def test_build_dir_is_keyed_by_version_and_go_sum(tmp_path, monkeypatch):
    monkeypatch.setenv("COGNITO_AUTH_CACHE", str(tmp_path / "cache"))
    here = language_hosts.build_dir()
    assert here.parent == tmp_path / "cache" / "language-hosts"
    assert here.name.startswith("yaml-v1.25.0-")
    copy = tmp_path / "module"
    shutil.copytree(language_hosts.MODULE_DIR, copy)
    (copy / "go.sum").write_text((copy / "go.sum").read_text() + "\n")
    assert language_hosts.build_dir(copy) != language_hosts.build_dir(language_hosts.MODULE_DIR)


def test_a_runtime_without_a_host_is_refused_by_name():
    try:
        language_hosts.ensure_host("nodejs")
    except pulumi_cli.CLIError as error:
        assert "'nodejs'" in str(error) and "yaml" in str(error)
    else:
        raise AssertionError("nodejs has no host here")


def test_component_sources_change_the_plugin_key(tmp_path):
    for name in (*component_plugin.SOURCES, "constraints.txt"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("venv", "__pycache__"))  # fmt: skip
        else:
            shutil.copy(source, tmp_path / name)
    before = component_plugin.sources_digest(tmp_path)
    handler = tmp_path / "functions" / "pre_sign_up.py"
    handler.write_text(handler.read_text() + "\n# changed\n")
    assert component_plugin.sources_digest(tmp_path) != before
