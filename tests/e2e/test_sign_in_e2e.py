"""Choice-based sign-in and MFA beyond TOTP, through the real engine into the emulator.

Shown end to end: an EMAIL_OTP sign-in through the hosted UI's choice-based pages (the
username, the factor chosen, the code read from the email the emulator sent, the
authorization code, the tokens verified against the JWKS), and a wrong code refused. Shown
as deployed configuration only (the emulator sends no SMS and runs no WebAuthn ceremony):
the passkey settings, email MFA, SMS MFA and the SNS role Cognito would assume.
"""

import json
import re
import secrets
from urllib.parse import unquote, urlencode

import pytest
import requests

from tests.e2e.hosted_ui import code_from, tokens_for, verified

PASSWORD = "Test1234!"
SES = "arn:aws:ses:us-east-1:000000000000:identity/example.com"
CALLBACK = "http://localhost:8123/cb"
WEB = {
    "authFlows": ["ALLOW_USER_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    "oauthFlows": ["code"],
    "oauthScopes": ["openid", "email"],
    "callbackUrls": [CALLBACK],
}
CHOICE = {
    "allowedFirstAuthFactors": ["PASSWORD", "EMAIL_OTP", "WEB_AUTHN"],
    "sesSourceArn": SES,
    "emailFrom": "no-reply@example.com",
    "passkeyRelyingPartyId": "auth.example.com",
    "passkeyUserVerification": "required",
    "clients": {"web": WEB},
}
MFA = {
    "mfa": "OPTIONAL",
    "mfaTotp": True,
    "mfaEmail": True,
    "sesSourceArn": SES,
    "emailMfaMessage": "Your sign-in code is {####}",
    "mfaSms": True,
    "smsAuthenticationMessage": "Your code: {####}",
    "verificationSmsMessage": "Verify your number with {####}",
}


@pytest.fixture(scope="module")
def choice(deploy):
    return deploy("e2e-choice", **CHOICE)


@pytest.fixture(scope="module")
def mfa(deploy):
    return deploy("e2e-mfa", **MFA)


def _user(stack) -> str:
    email = f"otp+{secrets.token_hex(4)}@example.com"
    stack.idp.sign_up(ClientId=stack.outputs["clientIds"]["app"], Username=email, Password=PASSWORD)
    return email


def _form_value(page: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', page)
    assert found, page[:500]
    return found.group(1)


def _emailed_code(stack, email: str) -> str:
    """The code in the newest sign-in email to `email`, as the emulator recorded sending it."""
    messages = requests.get(f"{stack.endpoint}/_ministack/ses/messages", timeout=10).json()
    sent = [
        m
        for account in messages["messages"].values()
        for m in account
        if email in m["To"] and m["Subject"] == "Your sign-in code"
    ]
    assert sent, f"no sign-in email to {email}"
    return re.search(r"\b(\d{6})\b", sent[-1]["BodyText"]).group(1)


def _start_email_otp(stack, browser: requests.Session, email: str, state: str) -> tuple[str, str]:
    """Hosted UI, choice-based: the username page, then EMAIL_OTP chosen; the session token
    of the code page and the page."""
    client_id = stack.outputs["clientIds"]["web"]
    query = {"client_id": client_id, "response_type": "code", "scope": "openid email",
             "redirect_uri": CALLBACK, "state": state}  # fmt: skip
    page = browser.get(f"{stack.endpoint}/oauth2/authorize?{urlencode(query)}", timeout=10)
    assert page.status_code == 200 and 'name="auth_flow" value="USER_AUTH"' in page.text
    form = {field: _form_value(page.text, field) for field in
            ("auth_flow", "client_id", "redirect_uri", "scope", "state", "response_type")}  # fmt: skip
    choose = browser.post(f"{stack.endpoint}/login", data={**form, "username": email}, timeout=10)
    # The pool's first factors, as the emulator's page offers them (it runs no WebAuthn).
    offered = re.findall(r'name="challenge" value="([A-Z_]+)"', choose.text)
    assert offered == ["PASSWORD", "EMAIL_OTP"], choose.text[:500]
    token = _form_value(choose.text, "ua_token")
    code_page = browser.post(
        f"{stack.endpoint}/login", data={"ua_token": token, "challenge": "EMAIL_OTP"}, timeout=10
    )
    assert "Enter the code we emailed you" in code_page.text
    return token, code_page.text


def test_the_pool_has_the_first_factors_and_passkey_settings(choice):
    pool = choice.idp.describe_user_pool(UserPoolId=choice.pool_id)["UserPool"]
    assert pool["Policies"]["SignInPolicy"]["AllowedFirstAuthFactors"] == [
        "PASSWORD", "EMAIL_OTP", "WEB_AUTHN"]  # fmt: skip
    assert pool["EmailConfiguration"]["EmailSendingAccount"] == "DEVELOPER"
    config = choice.idp.get_user_pool_mfa_config(UserPoolId=choice.pool_id)
    assert config["WebAuthnConfiguration"] == {
        "RelyingPartyId": "auth.example.com", "UserVerification": "required"}  # fmt: skip
    client = choice.idp.describe_user_pool_client(
        UserPoolId=choice.pool_id, ClientId=choice.outputs["clientIds"]["web"]
    )["UserPoolClient"]
    assert "ALLOW_USER_AUTH" in client["ExplicitAuthFlows"]


def test_email_otp_signs_in_through_the_hosted_ui(choice):
    email = _user(choice)
    browser = requests.Session()
    token, _ = _start_email_otp(choice, browser, email, state="otp-1")
    code = _emailed_code(choice, email)
    signed_in = browser.post(
        f"{choice.endpoint}/login", data={"ua_token": token, "code": code},
        allow_redirects=False, timeout=10,
    )  # fmt: skip
    code = code_from(signed_in, CALLBACK, "otp-1")
    web = choice.outputs["clientIds"]["web"]
    tokens = tokens_for(choice.endpoint, code, web, CALLBACK)
    claims = verified(choice.jwks_url, tokens["id_token"], audience=web)
    assert claims["email"] == email and claims["token_use"] == "id"
    assert verified(choice.jwks_url, tokens["access_token"])["client_id"] == web


def test_a_wrong_email_code_is_refused(choice):
    email = _user(choice)
    browser = requests.Session()
    token, _ = _start_email_otp(choice, browser, email, state="otp-2")
    right = _emailed_code(choice, email)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    refused = browser.post(
        f"{choice.endpoint}/login", data={"ua_token": token, "code": wrong},
        allow_redirects=False, timeout=10,
    )  # fmt: skip
    assert refused.status_code == 200 and "Incorrect code." in refused.text


def _document(value) -> dict:
    """An IAM policy document as boto3 answers it: parsed, or JSON (URL-encoded by IAM)."""
    return value if isinstance(value, dict) else json.loads(unquote(value))


def test_email_and_sms_mfa_are_configured_with_the_role_the_component_made(mfa):
    config = mfa.idp.get_user_pool_mfa_config(UserPoolId=mfa.pool_id)
    assert config["MfaConfiguration"] == "OPTIONAL"
    assert config["EmailMfaConfiguration"] == {"Message": "Your sign-in code is {####}"}
    assert config["SoftwareTokenMfaConfiguration"] == {"Enabled": True}
    pool = mfa.idp.describe_user_pool(UserPoolId=mfa.pool_id)["UserPool"]
    sms = pool["SmsConfiguration"]
    assert config["SmsMfaConfiguration"]["SmsConfiguration"] == sms
    assert config["SmsMfaConfiguration"]["SmsAuthenticationMessage"] == "Your code: {####}"
    assert pool["VerificationMessageTemplate"]["SmsMessage"] == "Verify your number with {####}"
    assert [m["Name"] for m in pool["AccountRecoverySetting"]["RecoveryMechanisms"]] == [
        "verified_email", "verified_phone_number"]  # fmt: skip
    # The role: only Cognito, for this account and this external id, may assume it...
    iam = mfa.clients("iam")
    role_name = sms["SnsCallerArn"].rpartition("/")[2]
    role = iam.get_role(RoleName=role_name)["Role"]
    assert role["Arn"] == sms["SnsCallerArn"]
    trust = _document(role["AssumeRolePolicyDocument"])
    account = mfa.clients("sts").get_caller_identity()["Account"]
    assert trust["Statement"] == [{
        "Effect": "Allow",
        "Principal": {"Service": "cognito-idp.amazonaws.com"},
        "Action": "sts:AssumeRole",
        "Condition": {"StringEquals": {"sts:ExternalId": sms["ExternalId"],
                                       "aws:SourceAccount": account}},
    }]  # fmt: skip
    # ...and it may publish SMS, never to a topic.
    (policy_name,) = iam.list_role_policies(RoleName=role_name)["PolicyNames"]
    document = _document(
        iam.get_role_policy(RoleName=role_name, PolicyName=policy_name)["PolicyDocument"]
    )
    assert [(s["Effect"], s["Action"], s["Resource"]) for s in document["Statement"]] == [
        ("Allow", "sns:Publish", "*"), ("Deny", "sns:Publish", "arn:aws:sns:*:*:*")]  # fmt: skip


@pytest.mark.parametrize("variant", ["choice", "mfa"])
def test_a_second_up_changes_nothing(request, variant):
    """First factors, passkeys, email and SMS MFA and the SMS role: nothing to change."""
    stack = request.getfixturevalue(variant)
    result = stack.handle.up()
    assert set(result.summary.resource_changes) == {"same"}, result.summary.resource_changes
