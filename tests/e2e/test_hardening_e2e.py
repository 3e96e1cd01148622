"""Hardening and messages, end to end: one stack with its own verification and invitation
emails, tags, remembered devices and a rotating client, deployed by the engine into
ministack (which ignores the rotation: it is shown by wiring in tests/test_hardening.py). ministack renders the templates into the mail it records (GET
/_ministack/ses/messages) as Cognito would send them; the tags, the device configuration and
the rotation are read back from the emulator's own APIs."""

import json
import secrets
import urllib.request

import pytest

SES = "arn:aws:ses:us-east-1:000000000000:identity/example.com"  # ministack checks none
TEMPLATES = {
    "sesSourceArn": SES,
    "autoConfirmUsers": False,  # so that sign-up sends the verification email
    "autoVerifyEmail": False,
    "verificationEmailSubject": "Confirm your shop account",
    "verificationEmailMessage": "Your shop code is {####}.",
    "invitationEmailSubject": "Welcome to the shop",
    "invitationEmailMessage": "Sign in as {username} with {####} within 7 days.",
}


TAGS = {"team": "identity", "cost-center": "4711"}
HARDENED = {
    **TEMPLATES,
    "tags": TAGS,
    "deviceTracking": "USER_OPT_IN",
    "clients": {"spa": {"refreshTokenRotation": True, "refreshTokenGracePeriodSeconds": 30,
                        "authFlows": ["ALLOW_USER_SRP_AUTH"]}},
}  # fmt: skip


@pytest.fixture(scope="module")
def shop(deploy):
    return deploy("e2e-hardening", **HARDENED)


def _mail_to(deployed, address: str) -> list[dict]:
    with urllib.request.urlopen(f"{deployed.endpoint}/_ministack/ses/messages") as answer:
        by_account = json.load(answer)["messages"]
    return [m for messages in by_account.values() for m in messages if address in m["To"]]


def test_the_verification_email_is_the_stacks(shop):
    address = f"verify+{secrets.token_hex(4)}@example.com"
    shop.idp.sign_up(
        ClientId=shop.client_id,
        Username=address,
        Password="Test1234!",
        UserAttributes=[{"Name": "email", "Value": address}],
    )
    (mail,) = [m for m in _mail_to(shop, address) if m["Type"] == "CognitoVerificationMessage"]
    assert mail["Subject"] == "Confirm your shop account"
    # ministack's code is always 123456; the template put it where {####} was.
    assert mail["BodyText"] == "Your shop code is 123456."


def test_the_invitation_is_the_stacks(shop):
    address = f"invited+{secrets.token_hex(4)}@example.com"
    created = shop.idp.admin_create_user(
        UserPoolId=shop.pool_id,
        Username=address,
        UserAttributes=[{"Name": "email", "Value": address}],
        DesiredDeliveryMediums=["EMAIL"],
    )["User"]
    assert created["UserStatus"] == "FORCE_CHANGE_PASSWORD"
    (mail,) = [m for m in _mail_to(shop, address) if m["Type"] == "CognitoInvitationMessage"]
    assert mail["Subject"] == "Welcome to the shop"
    prefix, suffix = f"Sign in as {address} with ", " within 7 days."
    body = mail["BodyText"]
    assert body.startswith(prefix) and body.endswith(suffix), body
    temporary = body[len(prefix) : -len(suffix)]
    assert temporary and "{####}" not in temporary
    # The password in the invitation is the one that works.
    challenge = shop.idp.initiate_auth(
        ClientId=shop.client_id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": address, "PASSWORD": temporary},
    )
    assert challenge["ChallengeName"] == "NEW_PASSWORD_REQUIRED"


def test_tags_reach_the_pool_functions_roles_and_log_groups(shop):
    pool = shop.idp.describe_user_pool(UserPoolId=shop.pool_id)["UserPool"]
    assert pool["UserPoolTags"] == TAGS
    lam, iam, logs = (shop.clients(s) for s in ("lambda", "iam", "logs"))
    arn = shop.outputs["triggerFunctionArns"]["PreSignUp"]
    assert lam.list_tags(Resource=arn)["Tags"] == TAGS
    role = lam.get_function_configuration(FunctionName=arn)["Role"].rsplit("/", 1)[1]
    assert {t["Key"]: t["Value"] for t in iam.list_role_tags(RoleName=role)["Tags"]} == TAGS
    assert logs.list_tags_log_group(logGroupName=shop.trigger_log_group)["tags"] == TAGS


def test_devices_are_remembered_on_the_users_prompt(shop):
    pool = shop.idp.describe_user_pool(UserPoolId=shop.pool_id)["UserPool"]
    assert pool["DeviceConfiguration"] == {
        "ChallengeRequiredOnNewDevice": False,
        "DeviceOnlyRememberedOnUserPrompt": True,
    }
    # The rotating client deploys without the flow rotation excludes; ministack neither
    # stores nor models rotation (sandbox/README.md), so its effect is shown by wiring.
    spa = shop.idp.describe_user_pool_client(
        UserPoolId=shop.pool_id, ClientId=shop.outputs["clientIds"]["spa"]
    )["UserPoolClient"]
    assert spa["ExplicitAuthFlows"] == ["ALLOW_USER_SRP_AUTH"]
