"""Rules across settings: each value is valid alone, but together they contradict.

Each rule declares the settings it reads and sees only those (reading another raises).
Validation skips a rule when one of its own settings was refused already, or is an Output,
known only at deployment; never because some other setting is. A rule that can judge a
setting even as an Output (it only asks whether the setting is given, or counts it as at
least empty) declares it `late`, and an Output there does not skip it: a guard that one
Output could switch off would be no guard. Every message names every key involved, so the
user knows which one to change. A new rule is one more function with its `@reads`.
"""

import functools
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass

from . import limits, policy_statements
from .args import CLIENT, TRIGGER
from .handlers import kebab, locate
from .inputs import is_output
from .naming import Naming
from .plan import FUNCTION_SETTINGS, functions_by_module
from .rules import show
from .settings import filled
from .triggers import ADDING, SHIPPED, TRIGGER_SET, TRIGGERS, enabled

LIFETIMES = ("access_token_validity_minutes", "id_token_validity_minutes")
REFRESH = "refresh_token_validity_hours"


class Reading:
    """The settings a rule declared, the names to give them, and the component's name."""

    def __init__(self, values: Mapping, rule: "CrossFieldRule", naming: Naming, component):
        self._values, self._rule = values, rule
        self.key, self.sub, self.nested = naming.key, naming.sub, naming.nested
        self.component = component

    def __getitem__(self, field: str):
        if field not in self._rule.reads:
            raise KeyError(f"{self._rule.name} reads {field}, which its @reads does not declare")
        return self._values[field]


@dataclass(frozen=True)
class CrossFieldRule:
    name: str
    reads: tuple[str, ...]
    check: Callable[[Reading], Iterable[str]]
    late: frozenset[str] = frozenset()  # of reads: judged even as Outputs


RULES: list[CrossFieldRule] = []


def reads(*fields: str, late: Iterable[str] = ()):
    """Registers a rule with the settings it reads, and those of them it judges even as
    Outputs."""
    late = frozenset(late)
    assert late <= set(fields), f"late settings must be read: {sorted(late - set(fields))}"

    def register(check):
        RULES.append(CrossFieldRule(check.__name__, tuple(dict.fromkeys(fields)), check, late))
        return check

    return register


def _given(value) -> bool:
    """Whether a setting asks for something: a non-empty value, or an Output (which may
    turn out empty; a guard must not count on that)."""
    return is_output(value) or bool(value)


# --- The pool -------------------------------------------------------------------------------


@reads("mfa", "mfa_totp", "mfa_email", "mfa_sms")
def mfa_needs_a_factor(v):
    if v["mfa"] in ("ON", "OPTIONAL") and not (v["mfa_totp"] or v["mfa_email"] or v["mfa_sms"]):
        yield (
            f"{v.key('mfa')} is {show(v['mfa'])} but no MFA factor is configured: "
            f"set {v.key('mfa_totp')} to true (or {v.key('mfa_email')} or {v.key('mfa_sms')}), "
            f'or {v.key("mfa")} to "OFF"'
        )


@reads("threat_protection", "user_pool_tier")
def threat_protection_needs_plus(v):
    if v["threat_protection"] != "OFF" and v["user_pool_tier"] != "PLUS":
        yield (
            f"{v.key('threat_protection')} is {show(v['threat_protection'])}, which needs "
            f'{v.key("user_pool_tier")} "PLUS", not {show(v["user_pool_tier"])}'
        )


@reads("password_history_size", "user_pool_tier")
def password_history_needs_essentials(v):
    if v["password_history_size"] > 0 and v["user_pool_tier"] == "LITE":
        yield (
            f"{v.key('password_history_size')} is {v['password_history_size']}, which needs "
            f'{v.key("user_pool_tier")} "ESSENTIALS" or "PLUS", not "LITE"'
        )


@reads("email_from", "ses_source_arn")
def from_address_needs_ses(v):
    if v["email_from"] and not v["ses_source_arn"]:
        yield (
            f"{v.key('email_from')} is {show(v['email_from'])} but {v.key('ses_source_arn')} "
            "is empty: a From address needs an SES identity"
        )


@reads("default_group", "groups")
def default_group_is_a_group(v):
    if v["default_group"] and v["default_group"] not in v["groups"]:
        defined = ", ".join(show(g) for g in v["groups"]) or "none defined"
        yield (
            f"{v.key('default_group')} is {show(v['default_group'])}, which is not one of "
            f"{v.key('groups')} ({defined})"
        )


@reads("token_claims")
def claims_are_not_reserved(v):
    for claim in v["token_claims"]:
        if claim in limits.RESERVED_CLAIMS or claim.startswith(limits.RESERVED_CLAIM_PREFIXES):
            yield (
                f"{v.key('token_claims')} sets {show(claim)}, a claim Cognito reserves: "
                "choose another name"
            )


@reads("custom_attributes")
def attributes_fit_in_a_pool(v):
    if len(v["custom_attributes"]) > limits.MAX_CUSTOM_ATTRIBUTES:
        yield (
            f"{v.key('custom_attributes')} has {len(v['custom_attributes'])} entries; a pool "
            f"holds at most {limits.MAX_CUSTOM_ATTRIBUTES}"
        )


_CONSTRAINT_TYPES = {"min_length": "String", "max_length": "String",
                     "min_value": "Number", "max_value": "Number"}  # fmt: skip


@reads("custom_attributes")
def attribute_constraints_fit_the_type(v):
    for name, spec in v["custom_attributes"].items():
        at = lambda field, name=name: v.nested("custom_attributes", name, field)  # noqa: E731
        for field, applies_to in _CONSTRAINT_TYPES.items():
            if field in spec and spec["type"] != applies_to:
                yield f"{at(field)} is set, but only {applies_to} attributes take it, not {spec['type']}"
        for low, high in (("min_length", "max_length"), ("min_value", "max_value")):
            if low in spec and high in spec and spec[low] > spec[high]:
                yield f"{at(low)} ({spec[low]}) is greater than {at(high)} ({spec[high]})"


# --- App clients ----------------------------------------------------------------------------


def _unmixed(flows, where: str) -> Iterator[str]:
    if set(flows) & set(limits.LEGACY_AUTH_FLOWS) and set(flows) & set(limits.AUTH_FLOWS):
        yield (
            f"{where} is {show(list(flows))}, which mixes legacy values "
            f"({', '.join(limits.LEGACY_AUTH_FLOWS)}) with ALLOW_* values: use ALLOW_* only"
        )


def _lifetimes(spec: Mapping, refresh_key: str, key_of) -> Iterator[str]:
    for field in LIFETIMES:
        if spec[REFRESH] * 60 < spec[field]:
            yield (
                f"{refresh_key} is {spec[REFRESH]} hours, shorter than {key_of(field)} "
                f"({spec[field]} minutes): the refresh token must live at least as long"
            )


@reads("auth_flows")
def auth_flows_are_not_mixed(v):
    yield from _unmixed(v["auth_flows"], v.key("auth_flows"))


@reads(*LIFETIMES, REFRESH)
def refresh_outlives_the_tokens(v):
    yield from _lifetimes(v, v.key(REFRESH), v.key)


@reads("clients")
def a_pool_has_a_client(v):
    if not v["clients"]:
        yield (
            f"{v.key('clients')} leaves no app client (app is removed only by "
            f"{v.nested('clients', 'app', 'enabled')}: false); a pool needs at least one"
        )


@reads("clients")
def client_auth_flows_are_not_mixed(v):
    for name, given in v["clients"].items():
        if "auth_flows" in given:
            yield from _unmixed(given["auth_flows"], v.nested("clients", name, "auth_flows"))


@reads("clients", *LIFETIMES, REFRESH)
def client_refresh_outlives_its_tokens(v):
    for name, given in v["clients"].items():
        if given.keys() & {*LIFETIMES, REFRESH}:
            # A lifetime the client leaves out is named where it is set: at the top level.
            def at(field, name=name, given=given):
                return v.nested("clients", name, field) if field in given else v.key(field)

            spec = {field: given.get(field, v[field]) for field in (*LIFETIMES, REFRESH)}
            yield from _lifetimes(spec, at(REFRESH), at)


@reads("auth_flows", "clients", "user_pool_tier")
def choice_based_sign_in_needs_essentials(v):
    if v["user_pool_tier"] != "LITE":
        return
    needing = set(limits.FLOWS_NEEDING_ESSENTIALS)
    for name, given in v["clients"].items():
        where = (
            v.nested("clients", name, "auth_flows")
            if "auth_flows" in given
            else v.key("auth_flows")
        )
        for flow in sorted(needing & set(given.get("auth_flows", v["auth_flows"]))):
            yield (
                f"{where} has {flow} (choice-based sign-in), which needs "
                f'{v.key("user_pool_tier")} "ESSENTIALS" or "PLUS", not "LITE"'
            )


@reads("clients")
def client_oauth_settings_agree(v):
    for name, given in v["clients"].items():
        spec = filled(CLIENT, given)
        at = lambda field, name=name: v.nested("clients", name, field)  # noqa: E731
        flows = set(spec["oauth_flows"])
        if flows & {"code", "implicit"} and not spec["callback_urls"]:
            yield (
                f"{at('oauth_flows')} has {', '.join(sorted(flows & {'code', 'implicit'}))} but "
                f"{at('callback_urls')} is empty: the hosted UI needs somewhere to return to"
            )
        if flows and not spec["oauth_scopes"]:
            yield f"{at('oauth_flows')} is set but {at('oauth_scopes')} is empty"
        if not flows and (spec["oauth_scopes"] or spec["callback_urls"] or spec["logout_urls"]):
            yield (
                f"{v.nested('clients', name)} has OAuth scopes or URLs but "
                f"{at('oauth_flows')} is empty: they would have no effect"
            )


# --- Triggers -------------------------------------------------------------------------------


@reads(*TRIGGER_SET, late=ADDING)
def trigger_can_be_configured(v):
    for trigger in enabled(v):
        if TRIGGERS[trigger].lambda_config is None:
            yield (
                f"{v.nested('triggers', trigger)}: Cognito has this trigger, but pulumi-aws "
                "7.51 cannot configure it yet (its lambda_config has no such property)"
            )


def _wired(v) -> Iterator[tuple[str, dict, dict, Callable[[str], str]]]:
    """The triggers that are on and can be configured: each with its spec, what the stack
    gave for it, and how to name one of its fields."""
    for trigger, spec in enabled(v).items():
        if TRIGGERS[trigger].lambda_config is not None:
            at = functools.partial(v.nested, "triggers", trigger)
            yield trigger, spec, v["triggers"].get(trigger, {}), at


@reads(*TRIGGER_SET, late=ADDING)
def trigger_has_one_function(v):
    for trigger, spec, given, at in _wired(v):
        if "handler" in given and "function_arn" in given:
            yield f"{at('handler')} and {at('function_arn')} are both set: give one"
        elif "handler" not in spec and "function_arn" not in spec:
            yield (
                f"{v.nested('triggers', trigger)} needs {v.sub('handler')} (a .py file) or "
                f"{v.sub('function_arn')}: no handler for {trigger} ships with the component"
            )
        if "function_arn" in spec:
            for field in FUNCTION_SETTINGS:
                if field in given:
                    yield (
                        f"{at(field)} is set, but {trigger} uses an existing function "
                        f"({at('function_arn')}), whose settings the component does not manage"
                    )


@reads(*TRIGGER_SET, late=ADDING)
def trigger_takes_its_version(v):
    for trigger, spec, given, at in _wired(v):
        kind = TRIGGERS[trigger]
        if "lambda_version" in given and not kind.versions:
            yield (
                f"{at('lambda_version')} is set, but only PreTokenGeneration and the custom "
                "sender triggers take a version"
            )
        elif kind.versions and spec["lambda_version"] not in kind.versions:
            yield (
                f"{at('lambda_version')} is {show(spec['lambda_version'])}; {trigger} takes only "
                + " or ".join(show(version) for version in kind.versions)
            )


@reads(*TRIGGER_SET, "user_pool_tier", late=ADDING)
def trigger_version_fits_the_plan(v):
    for trigger, spec, given, at in _wired(v):
        version = spec.get("lambda_version")
        if (
            version in TRIGGERS[trigger].versions_needing_essentials
            and v["user_pool_tier"] == "LITE"
        ):
            # A default the user never wrote: name the setting that brought the trigger in.
            adders = [v.key(s) for s in TRIGGERS[trigger].added_by if _given(v[s])]
            origin = (
                f" (the default for the trigger that {' and '.join(adders)} adds)"
                if "lambda_version" not in given and adders
                else ""
            )
            yield (
                f"{at('lambda_version')} is {show(version)}{origin}, which needs "
                f'{v.key("user_pool_tier")} "ESSENTIALS" or "PLUS", not "LITE" (or set '
                f'{at("lambda_version")} to "V1_0", ID tokens only)'
            )


@reads(*TRIGGER_SET, "kms_key_arn", late=ADDING)
def trigger_has_its_kms_key(v):
    for trigger, _, _, _ in _wired(v):
        if TRIGGERS[trigger].needs_kms_key and not v["kms_key_arn"]:
            yield (
                f"{v.nested('triggers', trigger)} needs {v.key('kms_key_arn')}: Cognito "
                "encrypts the codes it sends to a custom sender with that KMS key"
            )


_FUNCTION_DEFAULTS = tuple(f.setting.inherits for f in TRIGGER.values() if f.setting.inherits)


@reads(*TRIGGER_SET, *_FUNCTION_DEFAULTS, late=ADDING)
def shared_module_has_one_set_of_settings(v):
    def settings(spec):
        return {f: filled(TRIGGER, spec, v).get(f) for f in ("handler", *FUNCTION_SETTINGS)}

    for module, served in functions_by_module(_wired_specs(v)).items():
        (first, first_spec), *others = served
        for trigger, spec in others:
            if settings(spec) != settings(first_spec):
                yield (
                    f"{v.nested('triggers', trigger, 'handler')} and "
                    f"{v.nested('triggers', first, 'handler')} share the module {module} with "
                    "different settings: one function serves both, so give them the same "
                    "settings or separate modules"
                )


@reads(*TRIGGER_SET, late=ADDING)
def function_names_fit(v):
    """Functions and roles are autonamed `<component>-<module>[-role]` plus 8 characters,
    and both stop at 64: refuse what cannot fit, and what Python cannot import."""
    for module, served in functions_by_module(_wired_specs(v)).items():
        for trigger, spec in served:
            where = v.nested("triggers", trigger, "handler")
            name = f"{v.component}-{kebab(module)}-role"
            if not re.fullmatch(limits.HANDLER_MODULE_PATTERN, module):
                yield (
                    f"{where} is {show(spec['handler'])}: a handler module name must be lowercase "
                    "letters, digits and _ (Lambda imports it as a Python module)"
                )
            elif v.component is not None and len(name) > limits.AUTONAME_MAX:
                yield (
                    f"{where}: the component name {v.component!r} and the module {module!r} "
                    f"make {name}, longer than the {limits.AUTONAME_MAX} characters an "
                    "autonamed role may have: shorten either"
                )


def _wired_specs(v) -> dict[str, dict]:
    return {trigger: spec for trigger, spec, _, _ in _wired(v)}


# --- What the shipped handlers are told ---------------------------------------------------

# Settings that ask a shipped handler to do something, when they hold anything but their
# default: each must reach that handler, or the guard it stands for is silently gone.
_ASKS = ("allowed_email_domains", "auto_verify_email", "default_group", "token_claims")
_HANDLER_SETTINGS = tuple(
    dict.fromkeys(variable.setting for kind in SHIPPED.values() for variable in kind.environment)
)


@reads(*TRIGGER_SET, late=ADDING)
def shipped_variables_are_not_overridden(v):
    for _trigger, spec, given, at in _wired(v):
        handler = locate(spec["handler"]) if "handler" in spec else None
        shipped = SHIPPED.get(handler.module) if handler and handler.shipped else None
        for variable in shipped.environment if shipped else ():
            if variable.name in (given.get("environment") or {}):
                yield (
                    f"{at('environment')} sets {variable.name}, which the shipped "
                    f"{handler.module} handler takes from {v.key(variable.setting)}: set "
                    f"{v.key(variable.setting)} instead"
                )


@reads(*TRIGGER_SET, *_ASKS, late=(*ADDING, *_ASKS))
def handler_settings_reach_their_handler(v):
    specs = enabled(v)
    for trigger, kind in TRIGGERS.items():
        asked = [
            var.setting
            for var in kind.environment
            if var.setting in _ASKS and _given(v[var.setting])
        ]
        if not kind.handler or not asked:
            continue
        spec, at = specs.get(trigger), functools.partial(v.nested, "triggers", trigger)
        if spec is None:
            why = f"{at('enabled')} is false"
        elif "function_arn" in spec:
            why = f"{at('function_arn')} is an existing function"
        elif spec["handler"] != kind.handler:
            why = f"{at('handler')} is {show(spec['handler'])}"
        else:
            continue
        for setting in asked:
            yield (
                f"{v.key(setting)} is set, but {why}: only the shipped {kind.handler} handler of "
                f"{trigger} acts on it, so it would have no effect"
            )


@reads(*TRIGGER_SET, *_HANDLER_SETTINGS, late=(*ADDING, *_HANDLER_SETTINGS))
def environment_fits_lambda(v):
    """Lambda takes at most 4 KB of environment variables per function, measured as the JSON
    of the whole map (its error quotes that "String measured"): 300 allowed domains or 100
    token claims get there. An Output counts as empty, so what this refuses is too big
    whatever the Output turns out to be."""
    for module, served in functions_by_module(_wired_specs(v)).items():
        trigger, spec = served[0]
        handler = locate(spec["handler"])
        shipped = SHIPPED.get(module) if handler.shipped else None
        parts: dict[str, dict[str, str]] = {}  # the key variables come from -> the variables
        for variable in shipped.environment if shipped else ():
            value = v[variable.setting]
            encoded = "" if is_output(value) else variable.encode(value)
            parts[v.key(variable.setting)] = {variable.name: encoded}
        extra = (v["triggers"].get(trigger) or {}).get("environment") or {}
        if extra:
            where = v.nested("triggers", trigger, "environment")
            parts[where] = {k: "" if is_output(x) else str(x) for k, x in extra.items()}
        environment = {name: value for part in parts.values() for name, value in part.items()}
        size = _json_bytes(environment)
        if size > limits.ENVIRONMENT_MAX_BYTES:
            own = {key: _json_bytes(part) - 2 for key, part in parts.items()}  # less the {}
            biggest = max(own, key=own.get)
            yield (
                f"{biggest} makes the environment of the {module} function {size} bytes "
                f"(as Lambda measures it, the JSON of all its variables; {own[biggest]} of "
                f"them its own); Lambda allows {limits.ENVIRONMENT_MAX_BYTES}"
            )


def _json_bytes(variables: Mapping[str, str]) -> int:
    return len(json.dumps(variables, separators=(",", ":")).encode())


# --- Identity pool --------------------------------------------------------------------------

_STATEMENT_MAPS = ("authenticated_statements", "unauthenticated_statements")


@reads("identity_pool", "allow_unauthenticated", *_STATEMENT_MAPS)
def identity_pool_settings_need_the_pool(v):
    if v["identity_pool"]:
        return
    for field in ("allow_unauthenticated", *_STATEMENT_MAPS):
        if v[field]:
            yield (
                f"{v.key(field)} is set but {v.key('identity_pool')} is false: without an "
                "identity pool it would have no effect"
            )


@reads("identity_pool", "allow_unauthenticated", "unauthenticated_statements")
def unauthenticated_statements_need_unauthenticated_access(v):
    if v["identity_pool"] and v["unauthenticated_statements"] and not v["allow_unauthenticated"]:
        yield (
            f"{v.key('unauthenticated_statements')} is set but "
            f"{v.key('allow_unauthenticated')} is false: no unauthenticated role exists to hold "
            "them (set it to true only if visitors who have not signed in need AWS access)"
        )


@reads(*_STATEMENT_MAPS)
def statements_are_least_privilege(v):
    """Everyone who can sign up gets the authenticated role, and anyone at all the
    unauthenticated one: a whole service on every resource is never least privilege."""
    for field in _STATEMENT_MAPS:
        for sid, statement in v[field].items():
            actions, broad = policy_statements.whole_service_on_everything(statement)
            for action in actions:
                on = (
                    "known only at deployment (an Output), which could be *"
                    if broad == ""
                    else show(broad)
                )
                yield (
                    f"{v.nested(field, sid, 'actions')} has {show(action)} on "
                    f"{v.nested(field, sid, 'resources')} {on}: every action of a service on "
                    "every resource, for every user of the role; name the actions and the resources"
                )


@reads(*_STATEMENT_MAPS)
def role_policy_fits(v):
    for field in _STATEMENT_MAPS:
        size = policy_statements.measured_size(v[field])
        if size > limits.ROLE_POLICY_MAX_CHARACTERS:
            yield (
                f"{v.key(field)} makes a policy of {size} characters (as IAM counts them, "
                f"without whitespace); a role's inline policies hold "
                f"{limits.ROLE_POLICY_MAX_CHARACTERS} at most"
            )


# --- Trigger alarms -------------------------------------------------------------------------


@reads("trigger_alarms", "alarm_topic_arn", late=("alarm_topic_arn",))
def alarm_topic_needs_alarms(v):
    if not v["trigger_alarms"] and _given(v["alarm_topic_arn"]):
        yield (
            f"{v.key('alarm_topic_arn')} is set but {v.key('trigger_alarms')} is false: no "
            "alarm would notify it"
        )


# The rules of the sign-in features, each in the module of its concept; importing them here
# registers them with the rest.
from . import federation_rules, sign_in_rules  # noqa: E402, F401
