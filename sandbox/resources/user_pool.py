"""Cognito user pool: Pulumi's inputs mapped onto CreateUserPool and UpdateUserPool, and read back.

This is where users live, so the row below is the sandbox's most careful one: which changes
replace the pool (and so delete its users) is exactly what AWS replaces it for, and deletion
protection is enforced here, since the emulator itself does not enforce it.
"""

from __future__ import annotations

from typing import Any

from botocore.exceptions import ClientError

from ..fieldmap import INT, NUMBER_STRING, PLAIN, ListOf, from_aws, struct, to_aws
from .context import Context, Created, Undo, iso
from .kind import Autoname, ProviderError, kind, not_found

_VERSIONED_LAMBDA = struct(lambdaArn="LambdaArn", lambdaVersion="LambdaVersion")

LAMBDA_CONFIG = struct(
    preSignUp="PreSignUp",
    customMessage="CustomMessage",
    postConfirmation="PostConfirmation",
    preAuthentication="PreAuthentication",
    postAuthentication="PostAuthentication",
    defineAuthChallenge="DefineAuthChallenge",
    createAuthChallenge="CreateAuthChallenge",
    verifyAuthChallengeResponse="VerifyAuthChallengeResponse",
    preTokenGeneration="PreTokenGeneration",
    preTokenGenerationConfig=("PreTokenGenerationConfig", _VERSIONED_LAMBDA),
    userMigration="UserMigration",
    customSmsSender=("CustomSMSSender", _VERSIONED_LAMBDA),
    customEmailSender=("CustomEmailSender", _VERSIONED_LAMBDA),
    kmsKeyId="KMSKeyID",
)

PASSWORD_POLICY = struct(
    minimumLength=("MinimumLength", INT),
    requireLowercase="RequireLowercase",
    requireNumbers="RequireNumbers",
    requireSymbols="RequireSymbols",
    requireUppercase="RequireUppercase",
    temporaryPasswordValidityDays=("TemporaryPasswordValidityDays", INT),
    passwordHistorySize=("PasswordHistorySize", INT),
)

SCHEMA_ATTRIBUTE = struct(
    name="Name",
    attributeDataType="AttributeDataType",
    developerOnlyAttribute="DeveloperOnlyAttribute",
    mutable="Mutable",
    required="Required",
    # Cognito carries these bounds as strings, Pulumi as strings too; floats are normalised.
    numberAttributeConstraints=(
        "NumberAttributeConstraints",
        struct(minValue=("MinValue", NUMBER_STRING), maxValue=("MaxValue", NUMBER_STRING)),
    ),
    stringAttributeConstraints=(
        "StringAttributeConstraints",
        struct(minLength=("MinLength", NUMBER_STRING), maxLength=("MaxLength", NUMBER_STRING)),
    ),
)

# Pulumi input name -> CreateUserPool parameter. MFA settings go through
# SetUserPoolMfaConfig afterwards, as the provider does; `passwordPolicy` and
# `signInPolicy` are nested under Policies by `_policies`.
USER_POOL = struct(
    aliasAttributes=("AliasAttributes", ListOf(PLAIN)),
    usernameAttributes=("UsernameAttributes", ListOf(PLAIN)),
    autoVerifiedAttributes=("AutoVerifiedAttributes", ListOf(PLAIN)),
    usernameConfiguration=("UsernameConfiguration", struct(caseSensitive="CaseSensitive")),
    deletionProtection="DeletionProtection",
    userPoolTier="UserPoolTier",
    lambdaConfig=("LambdaConfig", LAMBDA_CONFIG),
    schemas=("Schema", ListOf(SCHEMA_ATTRIBUTE)),
    accountRecoverySetting=(
        "AccountRecoverySetting",
        struct(
            recoveryMechanisms=(
                "RecoveryMechanisms",
                ListOf(struct(name="Name", priority=("Priority", INT))),
            )
        ),
    ),
    adminCreateUserConfig=(
        "AdminCreateUserConfig",
        struct(
            allowAdminCreateUserOnly="AllowAdminCreateUserOnly",
            inviteMessageTemplate=(
                "InviteMessageTemplate",
                struct(
                    emailMessage="EmailMessage",
                    emailSubject="EmailSubject",
                    smsMessage="SMSMessage",
                ),
            ),
        ),
    ),
    emailConfiguration=(
        "EmailConfiguration",
        struct(
            configurationSet="ConfigurationSet",
            emailSendingAccount="EmailSendingAccount",
            fromEmailAddress="From",
            replyToEmailAddress="ReplyToEmailAddress",
            sourceArn="SourceArn",
        ),
    ),
    smsConfiguration=(
        "SmsConfiguration",
        struct(externalId="ExternalId", snsCallerArn="SnsCallerArn", snsRegion="SnsRegion"),
    ),
    userAttributeUpdateSettings=(
        "UserAttributeUpdateSettings",
        struct(
            attributesRequireVerificationBeforeUpdates=(
                "AttributesRequireVerificationBeforeUpdate",
                ListOf(PLAIN),
            )
        ),
    ),
    deviceConfiguration=(
        "DeviceConfiguration",
        struct(
            challengeRequiredOnNewDevice="ChallengeRequiredOnNewDevice",
            deviceOnlyRememberedOnUserPrompt="DeviceOnlyRememberedOnUserPrompt",
        ),
    ),
    verificationMessageTemplate=(
        "VerificationMessageTemplate",
        struct(
            defaultEmailOption="DefaultEmailOption",
            emailMessage="EmailMessage",
            emailMessageByLink="EmailMessageByLink",
            emailSubject="EmailSubject",
            emailSubjectByLink="EmailSubjectByLink",
            smsMessage="SmsMessage",
        ),
    ),
    userPoolAddOns=(
        "UserPoolAddOns",
        struct(
            advancedSecurityMode="AdvancedSecurityMode",
            advancedSecurityAdditionalFlows=(
                "AdvancedSecurityAdditionalFlows",
                struct(customAuthMode="CustomAuthMode"),
            ),
        ),
    ),
    emailVerificationMessage="EmailVerificationMessage",
    emailVerificationSubject="EmailVerificationSubject",
    smsAuthenticationMessage="SmsAuthenticationMessage",
    smsVerificationMessage="SmsVerificationMessage",
    tags="UserPoolTags",
)

POLICIES = struct(
    passwordPolicy=("PasswordPolicy", PASSWORD_POLICY),
    signInPolicy=(
        "SignInPolicy",
        struct(allowedFirstAuthFactors=("AllowedFirstAuthFactors", ListOf(PLAIN))),
    ),
)

MFA = struct(
    mfaConfiguration="MfaConfiguration",
    softwareTokenMfaConfiguration=("SoftwareTokenMfaConfiguration", struct(enabled="Enabled")),
    emailMfaConfiguration=("EmailMfaConfiguration", struct(message="Message", subject="Subject")),
    webAuthnConfiguration=(
        "WebAuthnConfiguration",
        struct(relyingPartyId="RelyingPartyId", userVerification="UserVerification"),
    ),
)


# What SMS MFA is made of besides the MFA block (SetUserPoolMfaConfig's SmsMfaConfiguration).
_SMS_MFA = ("smsConfiguration", "smsAuthenticationMessage")

# Set at creation only: UpdateUserPool has no such member, and a change replaces the pool.
CREATE_ONLY = ("aliasAttributes", "usernameAttributes", "usernameConfiguration", "schemas")
# Every input of the type, besides the name.
INPUTS = {*USER_POOL.fields, *POLICIES.fields, *MFA.fields}


def _request(inputs: dict[str, Any], keys) -> dict[str, Any]:
    request = to_aws(USER_POOL, {k: inputs.get(k) for k in keys}, "UserPool.")
    policies = to_aws(POLICIES, {k: inputs.get(k) for k in POLICIES.fields}, "UserPool.")
    if policies:
        request["Policies"] = policies
    if inputs.get("mfaConfiguration"):
        request["MfaConfiguration"] = inputs["mfaConfiguration"]
    return request


def _set_mfa(cognito: Any, pool_id: str, inputs: dict[str, Any]) -> None:
    mfa = to_aws(MFA, {k: inputs.get(k) for k in MFA.fields}, "UserPool.")
    if inputs.get("smsConfiguration") and inputs.get("mfaConfiguration", "OFF") != "OFF":
        # As the provider does: a pool with an SMS configuration and MFA on offers SMS MFA,
        # with the pool's SMS authentication message.
        mfa["SmsMfaConfiguration"] = {
            "SmsConfiguration": to_aws(
                USER_POOL.fields["smsConfiguration"][1], inputs["smsConfiguration"]
            ),
            **({"SmsAuthenticationMessage": inputs["smsAuthenticationMessage"]}
               if inputs.get("smsAuthenticationMessage") else {}),
        }  # fmt: skip
    if mfa:
        cognito.set_user_pool_mfa_config(UserPoolId=pool_id, **mfa)


def _state(ctx: Context, pool: dict[str, Any], inputs: dict[str, Any]) -> dict[str, Any]:
    region = ctx.region(inputs)
    pool_id = pool["Id"]
    return {
        **inputs,
        "arn": pool.get("Arn")
        or f"arn:{ctx.partition}:cognito-idp:{region}:{ctx.account_id}:userpool/{pool_id}",
        # The provider's endpoint has no scheme: the issuer is "https://" + endpoint.
        "endpoint": f"cognito-idp.{region}.amazonaws.com/{pool_id}",
        "creationDate": iso(pool.get("CreationDate")),
        "lastModifiedDate": iso(pool.get("LastModifiedDate")),
        "estimatedNumberOfUsers": pool.get("EstimatedNumberOfUsers", 0),
        "domain": pool.get("Domain") or "",
        "customDomain": pool.get("CustomDomain") or "",
        "tagsAll": inputs.get("tags") or {},
    }


def create_user_pool(ctx: Context, logical: str, inputs: dict[str, Any], undo: Undo) -> Created:
    cognito = ctx.client("cognito-idp", inputs)
    request = _request(inputs, USER_POOL.fields)
    pool_id = cognito.create_user_pool(PoolName=inputs["name"], **request)["UserPool"]["Id"]
    undo.push("cognito-idp", "delete_user_pool", UserPoolId=pool_id)
    if request.get("DeletionProtection") == "ACTIVE":
        # Rolling back a half-made protected pool must lift the protection first.
        undo.push(
            "cognito-idp", "update_user_pool", UserPoolId=pool_id, DeletionProtection="INACTIVE"
        )
    _set_mfa(cognito, pool_id, inputs)
    pool = cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"]
    return Created(pool_id, _state(ctx, pool, inputs))


def read_user_pool(ctx: Context, pool_id: str, state: dict[str, Any]) -> Created | None:
    cognito = ctx.client("cognito-idp", state)
    try:
        pool = cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"]
    except ClientError as error:
        if not_found(error):
            return None
        raise
    inputs = {**from_aws(USER_POOL, pool), **from_aws(POLICIES, pool.get("Policies") or {})}
    inputs.update(from_aws(MFA, cognito.get_user_pool_mfa_config(UserPoolId=pool_id)))
    inputs["name"] = pool["Name"]
    # Cognito answers every standard attribute too; the provider keeps the custom ones only.
    inputs["schemas"] = [
        {**entry, "name": entry["name"].removeprefix("custom:")}
        for entry in inputs.get("schemas") or []
        if entry.get("name", "").startswith("custom:")
    ]
    if state:
        inputs = {k: v for k, v in inputs.items() if k in state}
    else:  # an import: what the emulator answers empty was never set
        inputs = {k: v for k, v in inputs.items() if v not in ({}, [], "", None)}
    return Created(pool_id, _state(ctx, pool, inputs))


def update_user_pool(
    ctx: Context, pool_id: str, old: dict[str, Any], new: dict[str, Any]
) -> Created:
    cognito = ctx.client("cognito-idp", new)
    added = _added_attributes(old.get("schemas") or [], new.get("schemas") or [])
    # UpdateUserPool resets every member it is not given, so it gets all of them.
    updatable = [k for k in USER_POOL.fields if k not in CREATE_ONLY]
    cognito.update_user_pool(UserPoolId=pool_id, **_request(new, updatable))
    if any(old.get(k) != new.get(k) for k in (*MFA.fields, *_SMS_MFA)):
        _set_mfa(cognito, pool_id, new)
    if added:
        cognito.add_custom_attributes(
            UserPoolId=pool_id, CustomAttributes=to_aws(ListOf(SCHEMA_ATTRIBUTE), added)
        )
    pool = cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"]
    return Created(pool_id, _state(ctx, pool, new))


def _added_attributes(old: list[dict], new: list[dict]) -> list[dict]:
    """Schema entries new in `new`; Cognito refuses to change or remove one, and so do we,
    at apply time, as AWS does."""
    before = {entry["name"]: entry for entry in old}
    after = {entry["name"]: entry for entry in new}
    removed = sorted(set(before) - set(after))
    changed = sorted(name for name in set(before) & set(after) if before[name] != after[name])
    if removed or changed:
        what = "; ".join(
            part for part in (
                f"removed {', '.join(removed)}" if removed else "",
                f"changed {', '.join(changed)}" if changed else "",
            ) if part
        )  # fmt: skip
        raise ProviderError(
            f"Cognito can add schema attributes to a user pool but never change or remove "
            f"one ({what}): restore them in the program"
        )
    return [after[name] for name in after if name not in before]


def delete_user_pool(ctx: Context, pool_id: str, state: dict[str, Any]) -> None:
    cognito = ctx.client("cognito-idp", state)
    try:
        pool = cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"]
    except ClientError as error:
        if not_found(error):
            return
        raise
    if pool.get("DeletionProtection") == "ACTIVE":
        # AWS's own answer; ministack 1.5.33 would delete the pool and every user in it.
        raise ProviderError(
            f"InvalidParameterException: the user pool {pool_id} cannot be deleted because "
            "deletion protection is activated; deletion protection must be inactivated first"
        )
    try:
        cognito.delete_user_pool(UserPoolId=pool_id)
    except ClientError as error:
        if not not_found(error):
            raise


def find_user_pools(ctx: Context, inputs: dict[str, Any]) -> list[str]:
    paginator = ctx.client("cognito-idp", inputs).get_paginator("list_user_pools")
    return [
        pool["Id"]
        for page in paginator.paginate(MaxResults=60)
        for pool in page["UserPools"]
        if pool["Name"] == inputs["name"]
    ]


USER_POOL_KIND = kind(
    "aws:cognito/userPool:UserPool",
    inputs={"name", *INPUTS},
    # Each of these replaces the pool on AWS, and a replaced pool has no users.
    replace_on={"name", "aliasAttributes", "usernameAttributes", "usernameConfiguration"},
    autoname=Autoname(max_length=128, prefix=None),
    create=create_user_pool,
    read=read_user_pool,
    update=update_user_pool,
    delete=delete_user_pool,
    find=find_user_pools,
)
