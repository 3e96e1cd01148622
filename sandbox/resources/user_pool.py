"""Cognito user pool: Pulumi's inputs mapped onto CreateUserPool, and read back."""

from __future__ import annotations

from typing import Any

from ..fieldmap import INT, NUMBER_STRING, PLAIN, ListOf, from_aws, struct, to_aws
from .context import Context, Created, Undo, physical_name

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

# Inputs consumed elsewhere in this module, or by the provider alone.
_HANDLED = {"name", "namePrefix", "region", "passwordPolicy", "signInPolicy", *MFA.fields}


def create_user_pool(ctx: Context, logical: str, inputs: dict[str, Any], undo: Undo) -> Created:
    cognito = ctx.client("cognito-idp", inputs)
    name = physical_name(logical, inputs, max_length=128)
    request = to_aws(USER_POOL, {k: v for k, v in inputs.items() if k not in _HANDLED}, "UserPool.")
    policies = to_aws(POLICIES, {k: inputs.get(k) for k in POLICIES.fields}, "UserPool.")
    if policies:
        request["Policies"] = policies
    pool = cognito.create_user_pool(PoolName=name, **request)["UserPool"]
    pool_id = pool["Id"]
    undo.push("cognito-idp", "delete_user_pool", UserPoolId=pool_id)
    if request.get("DeletionProtection") == "ACTIVE":
        # AWS refuses to delete a protected pool (ministack 1.5.33 does not), so lift it first.
        undo.push(
            "cognito-idp", "update_user_pool", UserPoolId=pool_id, DeletionProtection="INACTIVE"
        )

    mfa = to_aws(MFA, {k: inputs.get(k) for k in MFA.fields}, "UserPool.")
    if mfa:
        cognito.set_user_pool_mfa_config(UserPoolId=pool_id, **mfa)

    described = cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"]
    region = ctx.region(inputs)
    outputs = {
        **inputs,
        **_read_back(described),
        **_read_back_mfa(cognito, pool_id),
        "name": name,
        "arn": described.get("Arn")
        or f"arn:{ctx.partition}:cognito-idp:{region}:{ctx.account_id}:userpool/{pool_id}",
        # The provider's endpoint has no scheme: the issuer is "https://" + endpoint.
        "endpoint": f"cognito-idp.{region}.amazonaws.com/{pool_id}",
        "creationDate": _iso(described.get("CreationDate")),
        "lastModifiedDate": _iso(described.get("LastModifiedDate")),
        "estimatedNumberOfUsers": described.get("EstimatedNumberOfUsers", 0),
        "domain": described.get("Domain") or "",
        "customDomain": described.get("CustomDomain") or "",
        "region": region,
        "tagsAll": inputs.get("tags") or {},
    }
    return Created(pool_id, outputs)


def _read_back(described: dict[str, Any]) -> dict[str, Any]:
    state = from_aws(USER_POOL, described)
    # Cognito answers the standard attributes too; the provider keeps only those declared.
    state.pop("schemas", None)
    state.pop("tags", None)
    if not state.get("lambdaConfig"):
        state.pop("lambdaConfig", None)
    policies = from_aws(POLICIES, described.get("Policies") or {})
    state.update({k: v for k, v in policies.items() if v})
    # ministack answers unset messages as "", where the provider would have nothing.
    return {k: v for k, v in state.items() if v not in ({}, [], "")}


def _read_back_mfa(cognito: Any, pool_id: str) -> dict[str, Any]:
    state = from_aws(MFA, cognito.get_user_pool_mfa_config(UserPoolId=pool_id))
    return {k: v for k, v in state.items() if v not in ({}, [])}


def _iso(value: Any) -> str | None:
    return value.isoformat().replace("+00:00", "Z") if hasattr(value, "isoformat") else value
