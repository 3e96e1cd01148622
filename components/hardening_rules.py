"""Rules across settings for devices, messages, refresh-token rotation, pool logs and
adoption: each value is valid alone, but together they contradict, or one would have no
effect. Registered with `@reads` like those of cross_field_rules.py."""

from .cross_field_rules import reads
from .messages import EMAIL_TEMPLATE_SETTINGS
from .rules import show

ROTATION = ("refresh_token_rotation", "refresh_token_grace_period_seconds")


@reads("challenge_required_on_new_device", "device_tracking", "mfa")
def device_challenge_needs_devices_and_mfa(v):
    if v["challenge_required_on_new_device"] is not True:
        return
    if v["device_tracking"] == "OFF":
        yield (
            f"{v.key('challenge_required_on_new_device')} is true but "
            f'{v.key("device_tracking")} is "OFF": there are no remembered devices'
        )
    elif v["mfa"] == "OFF":
        yield (
            f"{v.key('challenge_required_on_new_device')} is true but {v.key('mfa')} is "
            '"OFF": a remembered device replaces an MFA code, and there is none'
        )


@reads(*EMAIL_TEMPLATE_SETTINGS, "ses_source_arn")
def email_templates_need_ses(v):
    if v["ses_source_arn"]:
        return
    for setting in EMAIL_TEMPLATE_SETTINGS:
        if v[setting]:
            yield (
                f"{v.key(setting)} is set but {v.key('ses_source_arn')} is empty: Cognito "
                "takes email templates only when it sends through your SES identity"
            )


@reads("verification_email_option", "domain_prefix")
def link_verification_needs_a_domain(v):
    if v["verification_email_option"] == "CONFIRM_WITH_LINK" and not v["domain_prefix"]:
        yield (
            f'{v.key("verification_email_option")} is "CONFIRM_WITH_LINK" but '
            f"{v.key('domain_prefix')} is empty: the link opens the pool's hosted UI domain"
        )


@reads("clients", "auth_flows", *ROTATION)
def rotation_fits_each_client(v):
    """A rotating client refreshes through GetTokensFromRefreshToken only (Cognito refuses
    REFRESH_TOKEN_AUTH there); a grace period without rotation would do nothing."""
    for name, given in v["clients"].items():
        spec = {field: given.get(field, v[field]) for field in ("auth_flows", *ROTATION)}

        def at(field, name=name, given=given):
            return v.nested("clients", name, field) if field in given else v.key(field)

        if spec["refresh_token_rotation"] and "ALLOW_REFRESH_TOKEN_AUTH" in spec["auth_flows"]:
            yield (
                f"{at('refresh_token_rotation')} is true but {at('auth_flows')} has "
                "ALLOW_REFRESH_TOKEN_AUTH: a rotating client refreshes with "
                "GetTokensFromRefreshToken only, so remove that flow"
            )
        if not spec["refresh_token_rotation"] and spec["refresh_token_grace_period_seconds"]:
            yield (
                f"{at('refresh_token_grace_period_seconds')} is "
                f"{spec['refresh_token_grace_period_seconds']} but "
                f"{at('refresh_token_rotation')} is false: the grace period would have no effect"
            )


@reads("user_activity_logs", "user_pool_tier", "threat_protection")
def activity_logs_need_threat_protection(v):
    if v["user_activity_logs"] is not True:
        return
    if v["user_pool_tier"] != "PLUS":
        yield (
            f"{v.key('user_activity_logs')} is true, which needs {v.key('user_pool_tier')} "
            f'"PLUS", not {show(v["user_pool_tier"])}'
        )
    elif v["threat_protection"] == "OFF":
        yield (
            f"{v.key('user_activity_logs')} is true but {v.key('threat_protection')} is "
            '"OFF": the user-activity logs are threat protection\'s'
        )


@reads("clients", "import_user_pool_id")
def adopted_clients_belong_to_the_adopted_pool(v):
    seen: dict[str, str] = {}
    for name, given in v["clients"].items():
        client_id = given.get("import_id")
        if not client_id:
            continue
        where = v.nested("clients", name, "import_id")
        if not v["import_user_pool_id"]:
            yield (
                f"{where} is {show(client_id)} but {v.key('import_user_pool_id')} is empty: "
                "a client is adopted with its pool"
            )
        if client_id in seen:
            yield f"{where} and {v.nested('clients', seen[client_id], 'import_id')} adopt the same client"
        seen.setdefault(client_id, name)
