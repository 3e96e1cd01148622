"""Where a trigger handler's code is: a module shipped in functions/, or a .py file of the
project the program belongs to."""

import re
from dataclasses import dataclass
from pathlib import Path

import pulumi

from .rules import allowing

# In this repo the handlers sit in functions/ beside components/; installed, they are the
# package's `functions` subpackage (pyproject.toml maps both folders).
_HERE = Path(__file__).resolve().parent
HANDLERS_DIR = next(d for d in (_HERE / "functions", _HERE.parent / "functions") if d.is_dir())
SHIPPED_HANDLERS = frozenset(
    path.stem for path in HANDLERS_DIR.glob("*.py") if not path.name.startswith("_")
)


@dataclass(frozen=True)
class Handler:
    module: str  # what Lambda imports, and what names the function
    path: Path
    shipped: bool  # one of ours: it gets its settings and grants, a project file never does


def project_root() -> Path:
    """The directory of the project's Pulumi.yaml, which a handler path is relative to.

    The language host sets it for the program; the SDK's value before that is a
    placeholder ("root_directory"), hence the check for an absolute path. Without one (a
    test or a script calling the component outside Pulumi), the nearest Pulumi.yaml at or
    above the working directory stands for it: that is the project `pulumi` itself would
    find from there.
    """
    root = pulumi.get_root_directory()
    if root and Path(root).is_absolute() and Path(root).is_dir():
        return Path(root).resolve()
    here = Path.cwd().resolve()
    return next((d for d in (here, *here.parents) if (d / "Pulumi.yaml").is_file()), here)


def locate(handler: str) -> Handler:
    """A handler setting's code: a value ending in .py is a project file, anything else the
    name of a shipped module."""
    if handler.endswith(".py"):
        path = (project_root() / handler).resolve()
        return Handler(path.stem, path, shipped=False)
    return Handler(handler, HANDLERS_DIR / f"{handler}.py", shipped=True)


@allowing(
    "a shipped handler (" + ", ".join(sorted(SHIPPED_HANDLERS)) + ") or the path of a .py "
    "file in the project"
)
def handler_rule(value):
    allowed = handler_rule.allowed
    if not isinstance(value, str):
        return allowed
    if not value.endswith(".py"):
        return None if value in SHIPPED_HANDLERS else allowed
    root, path = project_root(), locate(value).path
    # Only the project's own files: a path that leaves it (absolute, ../, a symlink) would
    # upload whatever it points at.
    if not path.is_relative_to(root):
        return f"{allowed}; {value} is outside the project directory {root}"
    return None if path.is_file() else f"{allowed}; there is no file {value}"


def kebab(text: str) -> str:
    """PreSignUp → pre-sign-up, CustomSMSSender → custom-sms-sender, pre_sign_up → pre-sign-up:
    how triggers and modules appear in resource names."""
    words = re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "-", text)
    return words.replace("_", "-").lower()
