"""A stack's config as the Pulumi CLI would hand it to the program.

The CLI merges the typed defaults of Pulumi.yaml with Pulumi.<stack>.yaml and passes
every value as a string (lists and maps as JSON). Under mocks nothing does that, so this
module does, and the tests see exactly what a real `pulumi up` would.
"""

import json
from pathlib import Path

import yaml

PROJECT_DIR = Path(__file__).resolve().parent.parent


def _as_config_string(value) -> str:
    if isinstance(value, str):
        return value
    # YAML true/false/123 and lists: what the CLI sends is their JSON text.
    return json.dumps(value)


def project_name(project_dir: Path = PROJECT_DIR) -> str:
    return yaml.safe_load((project_dir / "Pulumi.yaml").read_text())["name"]


def load_stack_config(
    stack: str, project_dir: Path = PROJECT_DIR, overrides: dict | None = None
) -> dict[str, str]:
    """`{"<namespace>:<key>": "<value>"}` for the stack; `overrides` (same form, values of
    any type) win over the stack file, as `pulumi config set` would."""
    project = yaml.safe_load((project_dir / "Pulumi.yaml").read_text())
    name = project["name"]
    config: dict[str, str] = {}
    for key, spec in (project.get("config") or {}).items():
        full_key = key if ":" in key else f"{name}:{key}"
        default = spec.get("default") if isinstance(spec, dict) else spec
        if default is not None:
            config[full_key] = _as_config_string(default)

    stack_file = project_dir / f"Pulumi.{stack}.yaml"
    if not stack_file.is_file():
        raise FileNotFoundError(f"no stack file {stack_file.name} in {project_dir}")
    stack_values = (yaml.safe_load(stack_file.read_text()) or {}).get("config") or {}
    for key, value in {**stack_values, **(overrides or {})}.items():
        config[key] = _as_config_string(value)
    return config
