"""Trigger events as Cognito sends them (shapes from the Cognito developer guide)."""

import copy

# What every trigger event carries about where it comes from.
_HEADER = {
    "version": "1",
    "region": "us-east-1",
    "userPoolId": "us-east-1_Example1",
    "userName": "3f6a1c52-0000-4000-8000-000000000001",
    "callerContext": {"awsSdkVersion": "aws-sdk-unknown-unknown", "clientId": "exampleclient"},
}
# A confirmed user's attributes, as the triggers after sign-up see them.
_CONFIRMED_USER = {
    "sub": "3f6a1c52-0000-4000-8000-000000000001",
    "cognito:user_status": "CONFIRMED",
    "email_verified": "true",
    "email": "test@example.com",
}

_BASE = {
    **_HEADER,
    "request": {
        "userAttributes": {"email": "test@example.com"},
        "validationData": None,
        "clientMetadata": None,
    },
    "response": {"autoConfirmUser": False, "autoVerifyEmail": False, "autoVerifyPhone": False},
}


def pre_sign_up_event(trigger_source="PreSignUp_SignUp", email="test@example.com") -> dict:
    event = copy.deepcopy(_BASE)
    event["triggerSource"] = trigger_source
    if email is None:
        del event["request"]["userAttributes"]["email"]
    else:
        event["request"]["userAttributes"]["email"] = email
    if trigger_source == "PreSignUp_ExternalProvider":
        event["userName"] = "Google_1234567890"
    return event


# PostConfirmation: Cognito sends the confirmed user's attributes (with cognito:user_status)
# and expects an empty response back. AdminConfirmSignUp calls carry no app client.
_POST_CONFIRMATION = {
    **_HEADER,
    "request": {
        "userAttributes": _CONFIRMED_USER,
        "clientMetadata": {},
    },
    "response": {},
}


def post_confirmation_event(
    trigger_source="PostConfirmation_ConfirmSignUp", email="test@example.com", admin=False
) -> dict:
    event = copy.deepcopy(_POST_CONFIRMATION)
    event["triggerSource"] = trigger_source
    if email is None:
        del event["request"]["userAttributes"]["email"]
        del event["request"]["userAttributes"]["email_verified"]
    else:
        event["request"]["userAttributes"]["email"] = email
    if admin:
        event["callerContext"]["clientId"] = "CLIENT_ID_NOT_APPLICABLE"
    return event


# PreTokenGeneration: V1_0 ("1") lets the trigger change the ID token only; V2_0 ("2") adds
# the requested scopes and the access token. Cognito sends the override block as null.
TOKEN_GENERATION_SOURCES = (
    "TokenGeneration_HostedAuth",
    "TokenGeneration_Authentication",
    "TokenGeneration_NewPasswordChallenge",
    "TokenGeneration_AuthenticateDevice",
    "TokenGeneration_RefreshTokens",
)

_PRE_TOKEN_GENERATION = {
    **_HEADER,  # the version is set per event
    "request": {
        "userAttributes": _CONFIRMED_USER,
        "groupConfiguration": {
            "groupsToOverride": ["members"],
            "iamRolesToOverride": [],
            "preferredRole": None,
        },
    },
}


def pre_token_generation_event(
    trigger_source="TokenGeneration_Authentication", version="2"
) -> dict:
    event = copy.deepcopy(_PRE_TOKEN_GENERATION)
    event["version"] = version
    event["triggerSource"] = trigger_source
    if trigger_source == "TokenGeneration_NewPasswordChallenge":
        event["request"]["userAttributes"]["cognito:user_status"] = "FORCE_CHANGE_PASSWORD"
    if trigger_source != "TokenGeneration_RefreshTokens":
        # A refresh carries no client metadata; the sign-in calls may.
        event["request"]["clientMetadata"] = {"source": "web"}
    if version == "1":
        event["response"] = {"claimsOverrideDetails": None}
    else:
        # Hosted UI sign-ins carry the OAuth scopes granted; API sign-ins the admin scope.
        event["request"]["scopes"] = (
            ["openid", "email", "aws.cognito.signin.user.admin"]
            if trigger_source == "TokenGeneration_HostedAuth"
            else ["aws.cognito.signin.user.admin"]
        )
        event["response"] = {"claimsAndScopeOverrideDetails": None}
    return event
