"""Rules that span fields: each value is valid alone, but together they contradict.

Every message names every key involved, so the user knows which one to change.
"""

import re

from . import effective, limits
from .handlers import handler_path, kebab
from .rules import Naming, show

_LEGACY = set(limits.LEGACY_AUTH_FLOWS)
_ALLOW = set(limits.AUTH_FLOWS)


def _pool(v: dict, key) -> list[str]:
    problems = []
    if v["mfa"] in ("ON", "OPTIONAL") and not v["mfa_totp"]:
        problems.append(
            f"{key('mfa')} is {show(v['mfa'])} but no MFA factor is configured: "
            f'set {key("mfa_totp")} to true, or {key("mfa")} to "OFF"'
        )
    if v["threat_protection"] != "OFF" and v["user_pool_tier"] != "PLUS":
        problems.append(
            f"{key('threat_protection')} is {show(v['threat_protection'])}, which needs "
            f'{key("user_pool_tier")} "PLUS", not {show(v["user_pool_tier"])}'
        )
    if v["password_history_size"] > 0 and v["user_pool_tier"] == "LITE":
        problems.append(
            f"{key('password_history_size')} is {v['password_history_size']}, which needs "
            f'{key("user_pool_tier")} "ESSENTIALS" or "PLUS", not "LITE"'
        )
    if v["email_from"] and not v["ses_source_arn"]:
        problems.append(
            f"{key('email_from')} is {show(v['email_from'])} but {key('ses_source_arn')} "
            "is empty: a From address needs an SES identity"
        )
    if v["default_group"] and v["default_group"] not in v["groups"]:
        problems.append(
            f"{key('default_group')} is {show(v['default_group'])}, which is not one of "
            f"{key('groups')} ({', '.join(show(g) for g in v['groups']) or 'none defined'})"
        )
    for claim in v["token_claims"]:
        if claim in limits.RESERVED_CLAIMS or claim.startswith(limits.RESERVED_CLAIM_PREFIXES):
            problems.append(
                f"{key('token_claims')} sets {show(claim)}, a claim Cognito reserves: "
                "choose another name"
            )
    attributes = v["custom_attributes"]
    if len(attributes) > limits.MAX_CUSTOM_ATTRIBUTES:
        problems.append(
            f"{key('custom_attributes')} has {len(attributes)} entries; a pool holds at most "
            f"{limits.MAX_CUSTOM_ATTRIBUTES}"
        )
    return problems


def _attributes(v: dict, naming: Naming) -> list[str]:
    problems = []
    for name, spec in v["custom_attributes"].items():
        at = lambda field, name=name: naming.nested("custom_attributes", name, field)  # noqa: E731
        kind = spec["type"]
        for field, applies_to in (("min_length", "String"), ("max_length", "String"),
                                  ("min_value", "Number"), ("max_value", "Number")):  # fmt: skip
            if field in spec and kind != applies_to:
                problems.append(
                    f"{at(field)} is set, but only {applies_to} attributes take it, not {kind}"
                )
        for low, high in (("min_length", "max_length"), ("min_value", "max_value")):
            if low in spec and high in spec and spec[low] > spec[high]:
                problems.append(
                    f"{at(low)} ({spec[low]}) is greater than {at(high)} ({spec[high]})"
                )
    return problems


def _flows(flows, where: str) -> list[str]:
    if set(flows) & _LEGACY and set(flows) & _ALLOW:
        return [
            f"{where} is {show(list(flows))}, which mixes legacy values "
            f"({', '.join(limits.LEGACY_AUTH_FLOWS)}) with ALLOW_* values: use ALLOW_* only"
        ]
    return []


def _token_lifetimes(spec: dict, refresh_key: str, key_of) -> list[str]:
    problems = []
    refresh_minutes = spec["refresh_token_validity_hours"] * 60
    for field in ("access_token_validity_minutes", "id_token_validity_minutes"):
        if refresh_minutes < spec[field]:
            problems.append(
                f"{refresh_key} is {spec['refresh_token_validity_hours']} hours, shorter than "
                f"{key_of(field)} ({spec[field]} minutes): the refresh token must live at least as long"
            )
    return problems


def _clients(v: dict, naming: Naming) -> list[str]:
    key = naming.top
    problems = _flows(v["auth_flows"], key("auth_flows"))
    problems += _token_lifetimes(v, key("refresh_token_validity_hours"), key)
    if not v["clients"]:
        problems.append(f"{key('clients')} is empty; a pool needs at least one app client")
    for name, spec in effective.clients(v).items():
        given = v["clients"][name]

        def at(field, name=name, given=given):
            # An inherited setting is named where it was set: at the top level.
            inherited = field in effective.CLIENT_INHERITS and field not in given
            return key(field) if inherited else naming.nested("clients", name, field)

        if "auth_flows" in given:
            problems += _flows(spec["auth_flows"], at("auth_flows"))
        if given.keys() & set(effective.CLIENT_INHERITS):
            problems += _token_lifetimes(spec, at("refresh_token_validity_hours"), at)
        flows = set(spec["oauth_flows"])
        if "client_credentials" in flows:
            problems.append(
                f"{at('oauth_flows')} has client_credentials, whose scopes must come from a "
                "resource server, which this component does not create yet: use code, or add "
                "the client beside the component"
            )
        if flows & {"code", "implicit"} and not spec["callback_urls"]:
            problems.append(
                f"{at('oauth_flows')} has {', '.join(sorted(flows & {'code', 'implicit'}))} but "
                f"{at('callback_urls')} is empty: the hosted UI needs somewhere to return to"
            )
        if flows and not spec["oauth_scopes"]:
            problems.append(f"{at('oauth_flows')} is set but {at('oauth_scopes')} is empty")
        if not flows and (spec["oauth_scopes"] or spec["callback_urls"] or spec["logout_urls"]):
            problems.append(
                f"{naming.nested('clients', name)} has OAuth scopes or URLs but "
                f"{at('oauth_flows')} is empty: they would have no effect"
            )
    return problems


def _triggers(v: dict, naming: Naming, component: str | None) -> list[str]:
    key = naming.top
    problems = []
    built: dict[str, tuple[str, dict]] = {}  # function name stem -> (trigger, settings)
    for trigger, spec in effective.triggers(v).items():
        at = lambda field, t=trigger: naming.nested("triggers", t, field)  # noqa: E731
        given = v["triggers"].get(trigger, {})
        if trigger in limits.UNSUPPORTED_BY_PROVIDER:
            problems.append(
                f"{naming.nested('triggers', trigger)}: Cognito has this trigger, but pulumi-aws "
                "7.51 cannot configure it yet (its lambda_config has no such property)"
            )
            continue
        if "handler" in given and "function_arn" in given:
            problems.append(f"{at('handler')} and {at('function_arn')} are both set: give one")
        elif "handler" not in spec and "function_arn" not in spec:
            problems.append(
                f"{naming.nested('triggers', trigger)} needs {naming.sub('handler')} (a .py file) or "
                f"{naming.sub('function_arn')}: no handler for {trigger} ships with the component"
            )
        if "function_arn" in spec:
            for field in effective.FUNCTION_SETTINGS:
                if field in given:
                    problems.append(
                        f"{at(field)} is set, but {trigger} uses an existing function "
                        f"({at('function_arn')}), whose settings the component does not manage"
                    )
        version = spec.get("lambda_version")
        if "lambda_version" in given and trigger not in (
            "PreTokenGeneration",
            *effective.CUSTOM_SENDERS,
        ):
            problems.append(
                f"{at('lambda_version')} is set, but only PreTokenGeneration and the custom "
                "sender triggers take a version"
            )
        if trigger in effective.CUSTOM_SENDERS:
            if version not in limits.CUSTOM_SENDER_VERSIONS:
                problems.append(
                    f'{at("lambda_version")} is {show(version)}; {trigger} takes only "V1_0"'
                )
            if not v["kms_key_arn"]:
                problems.append(
                    f"{naming.nested('triggers', trigger)} needs {key('kms_key_arn')}: Cognito "
                    "encrypts the codes it sends to a custom sender with that KMS key"
                )
        if (trigger == "PreTokenGeneration" and version in limits.VERSIONS_NEEDING_ESSENTIALS
                and v["user_pool_tier"] == "LITE"):  # fmt: skip
            problems.append(
                f"{at('lambda_version')} is {show(version)}, which needs {key('user_pool_tier')} "
                '"ESSENTIALS" or "PLUS", not "LITE" (or use "V1_0", ID tokens only)'
            )
        if "handler" in spec:
            stem = handler_path(spec["handler"]).stem
            settings = {f: spec[f] for f in ("handler", *effective.FUNCTION_SETTINGS)}
            if stem in built and built[stem][1] != settings:
                problems.append(
                    f"{at('handler')} and {naming.nested('triggers', built[stem][0], 'handler')} "
                    f"share the module {stem} with different settings: one function serves both, "
                    "so give them the same settings or separate modules"
                )
            built.setdefault(stem, (trigger, settings))
            problems += _function_name(stem, spec["handler"], at("handler"), component)
    return problems


def _function_name(stem: str, handler: str, where: str, component: str | None) -> list[str]:
    """Functions and roles are autonamed `<component>-<module>[-role]` plus 8 characters,
    and both stop at 64: refuse what cannot fit, and what Python cannot import."""
    if not re.fullmatch(limits.HANDLER_MODULE_PATTERN, stem):
        return [
            f"{where} is {show(handler)}: a handler module name must be lowercase letters, "
            "digits and _ (Lambda imports it as a Python module)"
        ]
    name = f"{component}-{kebab(stem)}-role"
    if component is not None and len(name) > limits.AUTONAME_MAX:
        return [
            f"{where}: the component name {component!r} and the module {stem!r} make {name}, "
            f"longer than the {limits.AUTONAME_MAX} characters an autonamed role may have: "
            "shorten either"
        ]
    return []


def combination_problems(v: dict, naming: Naming, component: str | None = None) -> list[str]:
    return (
        _pool(v, naming.top)
        + _attributes(v, naming)
        + _clients(v, naming)
        + _triggers(v, naming, component)
    )
