"""PreSignUp events as Cognito sends them (shapes from the Cognito developer guide)."""

import copy

_BASE = {
    "version": "1",
    "region": "us-east-1",
    "userPoolId": "us-east-1_Example1",
    "userName": "3f6a1c52-0000-4000-8000-000000000001",
    "callerContext": {"awsSdkVersion": "aws-sdk-unknown-unknown", "clientId": "exampleclient"},
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
