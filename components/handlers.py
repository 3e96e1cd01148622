"""The trigger handlers shipped in functions/, and what each needs from the component:
its environment (its settings) and the calls it makes on the pool (its IAM grant)."""

import json
import re
from pathlib import Path

import pulumi

# In this repo the handlers sit in functions/ beside components/; installed, they are the
# package's `functions` subpackage (pyproject.toml maps both folders).
_HERE = Path(__file__).resolve().parent
HANDLERS_DIR = next(d for d in (_HERE / "functions", _HERE.parent / "functions") if d.is_dir())
SHIPPED_HANDLERS = frozenset(
    path.stem for path in HANDLERS_DIR.glob("*.py") if not path.name.startswith("_")
)

# The handler a trigger gets when its entry names none.
DEFAULT_HANDLERS = {
    "PreSignUp": "pre_sign_up",
    "PostConfirmation": "post_confirmation",
    "PreTokenGeneration": "pre_token_generation",
}

# Actions a shipped handler calls on the pool. They are granted by a policy created after
# the pool, so the function never depends on the pool and there is no cycle.
POOL_ACTIONS = {"post_confirmation": ("cognito-idp:AdminAddUserToGroup",)}


def _joined(values) -> pulumi.Input[str]:
    if isinstance(values, pulumi.Output):
        return values.apply(",".join)
    return ",".join(values)


def handler_environment(module: str, v: dict) -> dict[str, pulumi.Input[str]]:
    """The environment variables that carry the component's settings to a shipped handler."""
    if module == "pre_sign_up":
        return {
            "AUTO_CONFIRM_USERS": str(v["auto_confirm_users"]).lower(),
            "AUTO_VERIFY_EMAIL": str(v["auto_verify_email"]).lower(),
            "ALLOWED_EMAIL_DOMAINS": _joined(v["allowed_email_domains"]),
        }
    if module == "post_confirmation":
        return {"DEFAULT_GROUP": v["default_group"]}
    if module == "pre_token_generation":
        claims = dict(v["token_claims"])
        return {"CLAIMS_JSON": json.dumps(claims, sort_keys=True) if claims else ""}
    return {}


def handler_path(handler: str) -> Path:
    """A shipped handler's module, or a project file given by path."""
    if handler.endswith(".py"):
        return Path(handler).resolve()
    return HANDLERS_DIR / f"{handler}.py"


def kebab(text: str) -> str:
    """PreSignUp → pre-sign-up, CustomSMSSender → custom-sms-sender, pre_sign_up → pre-sign-up:
    how triggers and modules appear in resource names."""
    words = re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "-", text)
    return words.replace("_", "-").lower()
