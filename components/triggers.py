"""Cognito's triggers, one row per kind: everything the component knows about each.

A row says how the pool's `lambda_config` names the trigger, which event versions it takes,
whether Cognito needs a KMS key for it, and which shipped handler it gets by default, with
the variables that carry that handler's settings and the calls it makes on the pool.
Validation, the plan and the pool's arguments all read these rows; a new kind is a new row.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass

from . import limits
from .inputs import is_output


@dataclass(frozen=True)
class Variable:
    """An environment variable of a shipped handler, carrying one setting."""

    name: str
    setting: str
    encode: Callable[[object], str]


@dataclass(frozen=True)
class TriggerKind:
    lambda_config: str | None  # the lambda_config property; None: pulumi-aws cannot set it yet
    versions: tuple[str, ...] = ()  # event versions Cognito may send; empty: it takes none
    default_version: str | None = None
    versions_needing_essentials: tuple[str, ...] = ()
    needs_kms_key: bool = False  # Cognito encrypts what it sends the function with the key
    handler: str | None = None  # the shipped module a trigger entry without one gets
    environment: tuple[Variable, ...] = ()  # that handler's settings, as its variables
    pool_actions: tuple[str, ...] = ()  # what that handler calls on the pool
    always: bool = False  # added whatever the settings say (unless switched off)
    added_by: tuple[str, ...] = ()  # settings that add the trigger when one is not empty


def _flag(value: bool) -> str:
    return str(value).lower()


def _claims(claims: dict) -> str:
    return json.dumps(dict(claims), sort_keys=True) if claims else ""


def _custom_sender(lambda_config: str) -> TriggerKind:
    return TriggerKind(
        lambda_config,
        versions=limits.CUSTOM_SENDER_VERSIONS,
        default_version="V1_0",
        needs_kms_key=True,
    )


TRIGGERS: dict[str, TriggerKind] = {
    "PreSignUp": TriggerKind(
        "pre_sign_up",
        handler="pre_sign_up",
        always=True,
        environment=(
            Variable("AUTO_CONFIRM_USERS", "auto_confirm_users", _flag),
            Variable("AUTO_VERIFY_EMAIL", "auto_verify_email", _flag),
            Variable("ALLOWED_EMAIL_DOMAINS", "allowed_email_domains", ",".join),
        ),
    ),
    "CustomMessage": TriggerKind("custom_message"),
    "PostConfirmation": TriggerKind(
        "post_confirmation",
        handler="post_confirmation",
        added_by=("default_group",),
        environment=(Variable("DEFAULT_GROUP", "default_group", str),),
        # Granted by a policy created after the pool, so the function never depends on
        # the pool and there is no cycle.
        pool_actions=("cognito-idp:AdminAddUserToGroup",),
    ),
    "PreAuthentication": TriggerKind("pre_authentication"),
    "PostAuthentication": TriggerKind("post_authentication"),
    "DefineAuthChallenge": TriggerKind("define_auth_challenge"),
    "CreateAuthChallenge": TriggerKind("create_auth_challenge"),
    "VerifyAuthChallengeResponse": TriggerKind("verify_auth_challenge_response"),
    # Only its versioned block: the plain pre_token_generation property would have to
    # repeat the same ARN. It runs for every token Cognito issues a user (sign-in by any
    # flow, refresh, hosted UI), which is where the allow-list is checked once more: an
    # address changed after sign-up (UpdateUserAttributes) never passes PreSignUp.
    "PreTokenGeneration": TriggerKind(
        "pre_token_generation_config",
        versions=limits.PRE_TOKEN_GENERATION_VERSIONS,
        default_version="V2_0",
        versions_needing_essentials=limits.VERSIONS_NEEDING_ESSENTIALS,
        handler="pre_token_generation",
        added_by=("token_claims", "allowed_email_domains"),
        environment=(
            Variable("CLAIMS_JSON", "token_claims", _claims),
            Variable("ALLOWED_EMAIL_DOMAINS", "allowed_email_domains", ",".join),
        ),
    ),
    "UserMigration": TriggerKind("user_migration"),
    "CustomSMSSender": _custom_sender("custom_sms_sender"),
    "CustomEmailSender": _custom_sender("custom_email_sender"),
    # A Cognito trigger that pulumi-aws 7.51's lambda_config cannot set yet: listed so the
    # error can say so instead of "unknown trigger".
    "InboundFederation": TriggerKind(None),
}

# The settings that add a trigger when they are given (an Output counts as given), and
# with `triggers`, all that decide which triggers are on.
ADDING = tuple(dict.fromkeys(s for k in TRIGGERS.values() for s in k.added_by))
TRIGGER_SET = ("triggers", *ADDING)
VERSIONS = tuple(dict.fromkeys(v for kind in TRIGGERS.values() for v in kind.versions))
# A shipped module's row: its variables and pool actions, for whichever trigger names it.
SHIPPED = {kind.handler: kind for kind in TRIGGERS.values() if kind.handler}


def enabled(values) -> dict[str, dict]:
    """The triggers that are on, by name, each with its handler or function_arn and, where
    it takes one, its version. The component's own (PreSignUp always, PostConfirmation with
    a default group, PreTokenGeneration with claims or an allow-list) come first; the
    triggers setting is merged over them."""
    merged: dict[str, dict] = {
        name: {}
        for name, kind in TRIGGERS.items()
        # An Output may turn out empty; the trigger is added then too, and does nothing.
        if kind.always or any(is_output(values[s]) or values[s] for s in kind.added_by)
    }
    for name, spec in values["triggers"].items():
        merged[name] = {**merged.get(name, {}), **spec}
    result = {}
    for name, spec in merged.items():
        kind = TRIGGERS[name]
        if spec.get("enabled", True) is False:
            continue
        spec = {field: value for field, value in spec.items() if field != "enabled"}
        if "function_arn" not in spec and "handler" not in spec and kind.handler:
            spec["handler"] = kind.handler
        if kind.default_version:
            spec.setdefault("lambda_version", kind.default_version)
        result[name] = spec
    return result
