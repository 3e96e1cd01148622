"""What the args mean once defaults and inheritance are applied.

The triggers map is merged over what the component adds by itself (PreSignUp always;
PostConfirmation when a default group is set; PreTokenGeneration when claims are set),
and each client inherits the component's flows and token lifetimes.
"""

from .handlers import DEFAULT_HANDLERS

CLIENT_INHERITS = (
    "auth_flows",
    "access_token_validity_minutes",
    "id_token_validity_minutes",
    "refresh_token_validity_hours",
    "auth_session_validity_minutes",
)
CUSTOM_SENDERS = ("CustomEmailSender", "CustomSMSSender")
FUNCTION_SETTINGS = ("timeout_seconds", "memory_mb", "architecture", "environment")


def triggers(v: dict) -> dict[str, dict]:
    """Enabled triggers by Cognito name, each with its handler or function_arn."""
    merged: dict[str, dict] = {"PreSignUp": {}}
    if v["default_group"]:
        merged["PostConfirmation"] = {}
    if v["token_claims"]:
        merged["PreTokenGeneration"] = {}
    for name, spec in v["triggers"].items():
        merged[name] = {**merged.get(name, {}), **spec}

    result = {}
    for name, spec in merged.items():
        spec = dict(spec)
        if spec.pop("enabled", True) is False:
            continue
        if "function_arn" not in spec and "handler" not in spec and name in DEFAULT_HANDLERS:
            spec["handler"] = DEFAULT_HANDLERS[name]
        if name == "PreTokenGeneration":
            spec.setdefault("lambda_version", "V2_0")
        if name in CUSTOM_SENDERS:
            spec.setdefault("lambda_version", "V1_0")
        if "handler" in spec:
            spec = {
                "timeout_seconds": v["trigger_timeout_seconds"],
                "memory_mb": v["trigger_memory_mb"],
                "architecture": v["trigger_architecture"],
                "environment": {},
                **spec,
            }
        result[name] = spec
    return result


def clients(v: dict) -> dict[str, dict]:
    """App clients by name, each with every setting filled in."""
    inherited = {field: v[field] for field in CLIENT_INHERITS}
    defaults = {"public": True, "oauth_flows": [], "oauth_scopes": [], "callback_urls": [],
                "logout_urls": []}  # fmt: skip
    return {name: {**defaults, **inherited, **spec} for name, spec in v["clients"].items()}
