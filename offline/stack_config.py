"""A stack's config as the Pulumi CLI hands it to the program.

The CLI reads Pulumi.yaml and Pulumi.<stack>.yaml as YAML 1.2 (`offline.yaml12`), checks
each declared key against its type, fills in the declared defaults and passes every value
as a string (lists and maps as JSON). Under mocks nothing does that, so this module does,
and tests/e2e compares it with the real CLI's answers row by row.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .yaml12 import config_string, load

PROJECT_DIR = Path(__file__).resolve().parent.parent


class StackConfigError(ValueError):
    """The CLI would refuse this stack file before the program runs; the message is the CLI's."""


def project_name(project_dir: Path = PROJECT_DIR) -> str:
    return load((project_dir / "Pulumi.yaml").read_text())["name"]


def _accepts(kind: str, items: dict | None, value: Any, is_object: bool) -> bool:
    """workspace.ValidateConfigValue: a scalar arrives as its string; a list or map as JSON."""
    if kind == "string":
        return not is_object
    if kind == "integer":
        if is_object:
            return False
        digits = value[1:] if value[:1] in ("+", "-") else value
        return digits.isascii() and digits.isdigit()  # strconv.Atoi: ASCII digits, one sign
    if kind == "boolean":
        return not is_object and value in ("true", "false")
    content = json.loads(value) if is_object else value
    if kind == "object":
        return isinstance(content, dict)
    if not isinstance(content, list) or items is None:
        return False
    return all(_accepts_item(items, item) for item in content)


def _accepts_item(items: dict, item: Any) -> bool:
    kind = items.get("type")
    if kind == "string":
        return isinstance(item, str)
    if kind == "integer":
        return (
            isinstance(item, (int, float))
            and not isinstance(item, bool)
            and float(item).is_integer()
        ) or (isinstance(item, str) and _accepts("integer", None, item, False))
    if kind == "boolean":
        return isinstance(item, bool) or item in ("true", "false")
    if kind == "object":
        return isinstance(item, dict)
    return isinstance(item, list) and all(_accepts_item(items.get("items") or {}, i) for i in item)


def _type_name(spec: dict) -> str:
    items = spec.get("items")
    return f"array<{_type_name(items)}>" if items else spec.get("type", "")


def load_stack_config(
    stack: str,
    project_dir: Path = PROJECT_DIR,
    overrides: dict | None = None,
    *,
    stack_name: str | None = None,
    check_types: bool = True,
) -> dict[str, str]:
    """`{"<namespace>:<key>": "<value>"}` for the stack; `overrides` (same form, values of
    any type) win over the stack file, as `pulumi config set` would. Raises
    StackConfigError with the CLI's sentence for a value of the wrong declared type."""
    project = load((project_dir / "Pulumi.yaml").read_text())
    name = project["name"]
    stack_file = project_dir / f"Pulumi.{stack}.yaml"
    if not stack_file.is_file():
        raise FileNotFoundError(f"no stack file {stack_file.name} in {project_dir}")
    stack_values = (load(stack_file.read_text()) or {}).get("config") or {}
    given = {**stack_values, **(overrides or {})}

    config: dict[str, str] = {}
    declared: dict[str, dict] = {}
    for key, spec in (project.get("config") or {}).items():
        full_key = key if ":" in key else f"{name}:{key}"
        spec = spec if isinstance(spec, dict) else {"default": spec}
        declared[full_key] = spec
        if spec.get("default") is not None:
            config[full_key] = config_string(spec["default"])
    for key, value in given.items():
        # The CLI puts a key written without a namespace in the project's.
        config[key if ":" in key else f"{name}:{key}"] = config_string(value)
    given = {key if ":" in key else f"{name}:{key}": value for key, value in given.items()}
    if not check_types:
        return config
    # As the CLI checks them: declared keys in order, the first wrong one reported.
    for key in sorted(
        declared, key=lambda k: k.split(":", 1)[1] if k.startswith(name + ":") else k
    ):
        spec, value = declared[key], given.get(key)
        if key not in given or not spec.get("type"):
            continue
        if not _accepts(
            spec["type"], spec.get("items"), config[key], isinstance(value, (dict, list))
        ):
            short = key.split(":", 1)[1] if key.startswith(name + ":") else key
            raise StackConfigError(
                f"Stack '{stack_name or stack}' with configuration key '{short}' must be of type "
                f"'{_type_name(spec)}'"
            )
    return config
