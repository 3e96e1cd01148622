"""Every trigger, several clients, the hosted UI domain, groups and custom attributes:
the wiring the component registers for each, under mocks."""

import json

import pulumi
import pytest

from components import CognitoAuth, ConfigError
from components.triggers import TRIGGERS
from offline import evaluate
from tests.fake_aws import ACCOUNT_ID

POOL = "aws:cognito/userPool:UserPool"
FUNCTION = "aws:lambda/function:Function"
PERMISSION = "aws:lambda/permission:Permission"
CLIENT = "aws:cognito/userPoolClient:UserPoolClient"
ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy"
EXISTING = "arn:aws:lambda:us-east-1:123456789012:function:existing-trigger"
KMS = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"


def _outputs(auth: CognitoAuth) -> dict:
    return {name: getattr(auth, name) for name in (
        "user_pool_id", "user_pool_arn", "client_id", "client_ids", "hosted_ui_url",
        "group_names", "trigger_function_arns")}  # fmt: skip


@pytest.fixture
def build(fake_aws, monitor, tmp_path):
    """Builds the component as a program in the project directory tmp_path would."""

    def run(args: dict, name: str = "auth") -> dict:
        return evaluate(
            fake_aws,
            lambda: _outputs(CognitoAuth(name, args)),
            monitor=monitor,
            root_directory=tmp_path,
        )

    return run


@pytest.fixture
def handler_file(tmp_path):
    (tmp_path / "custom_trigger.py").write_text(
        "def handler(event, context=None):\n    return event\n"
    )
    return "custom_trigger.py"


# --- Triggers --------------------------------------------------------------------------

ALL_TRIGGERS = sorted(name for name, kind in TRIGGERS.items() if kind.lambda_config)


@pytest.mark.parametrize("trigger", ALL_TRIGGERS)
def test_each_trigger_from_a_project_handler(build, fake_aws, handler_file, trigger):
    args = {"triggers": {trigger: {"handler": handler_file}}, "kms_key_arn": KMS}
    out = build(args)
    config = fake_aws.one(POOL).inputs["lambdaConfig"]
    prop = {"pre_token_generation_config": "preTokenGenerationConfig",
            "custom_sms_sender": "customSmsSender", "custom_email_sender": "customEmailSender"}.get(
        TRIGGERS[trigger].lambda_config,
        "".join(w.title() if i else w for i, w in enumerate(TRIGGERS[trigger].lambda_config.split("_"))),
    )  # fmt: skip
    arn = out["trigger_function_arns"][trigger]
    assert arn == fake_aws.states["auth-custom-trigger"]["arn"]
    if trigger == "PreTokenGeneration":
        assert config[prop] == {"lambdaArn": arn, "lambdaVersion": "V2_0"}
    elif trigger in ("CustomSMSSender", "CustomEmailSender"):
        assert config[prop] == {"lambdaArn": arn, "lambdaVersion": "V1_0"}
        assert config["kmsKeyId"] == KMS
    else:
        assert config[prop] == arn
    # PreSignUp stays, with its own function, unless it is the trigger under test.
    functions = {f.name for f in fake_aws.of_type(FUNCTION)}
    expected = {"auth-custom-trigger"} | ({"auth-pre-sign-up"} if trigger != "PreSignUp" else set())
    assert functions == expected
    permissions = {p.inputs["function"]: p.inputs for p in fake_aws.of_type(PERMISSION)}
    assert set(permissions) == {fake_aws.states[f]["name"] for f in expected}
    for permission in permissions.values():
        assert permission["sourceArn"] == out["user_pool_arn"]
        assert permission["sourceAccount"] == ACCOUNT_ID
        assert permission["principal"] == "cognito-idp.amazonaws.com"


def test_existing_function_gets_its_permission_and_no_role(build, fake_aws):
    out = build({"triggers": {"PreSignUp": {"function_arn": EXISTING}}})
    assert fake_aws.one(POOL).inputs["lambdaConfig"] == {"preSignUp": EXISTING}
    assert fake_aws.of_type(FUNCTION) == [] and fake_aws.of_type("aws:iam/role:Role") == []
    permission = fake_aws.one(PERMISSION).inputs
    assert permission["function"] == EXISTING
    assert permission["sourceArn"] == out["user_pool_arn"]
    assert permission["sourceAccount"] == ACCOUNT_ID
    assert out["trigger_function_arns"] == {"PreSignUp": EXISTING}


def test_one_function_for_several_triggers_gets_one_permission(build, fake_aws, handler_file):
    challenge = {"handler": handler_file}
    build({"triggers": {
        "DefineAuthChallenge": challenge, "CreateAuthChallenge": challenge,
        "VerifyAuthChallengeResponse": challenge,
        "PreAuthentication": {"function_arn": EXISTING},
        "PostAuthentication": {"function_arn": EXISTING},
    }})  # fmt: skip
    config = fake_aws.one(POOL).inputs["lambdaConfig"]
    shared = [
        config[k]
        for k in ("defineAuthChallenge", "createAuthChallenge", "verifyAuthChallengeResponse")
    ]
    assert len(set(shared)) == 1
    assert config["preAuthentication"] == config["postAuthentication"] == EXISTING
    targets = sorted(p.inputs["function"] for p in fake_aws.of_type(PERMISSION))
    names = [fake_aws.states[f]["name"] for f in ("auth-custom-trigger", "auth-pre-sign-up")]
    assert targets == sorted([*names, EXISTING])


def test_function_overrides_reach_the_function(build, fake_aws, handler_file):
    build({"triggers": {"CustomMessage": {
        "handler": handler_file, "timeout_seconds": 2, "memory_mb": 256,
        "architecture": "x86_64", "environment": {"BRAND": "Acme"}}}})  # fmt: skip
    function = next(f.inputs for f in fake_aws.of_type(FUNCTION) if f.name == "auth-custom-trigger")
    assert (function["timeout"], function["memorySize"], function["architectures"]) == (
        2,
        256,
        ["x86_64"],
    )
    assert function["environment"]["variables"] == {"BRAND": "Acme"}
    assert function["handler"] == "custom_trigger.handler"
    assert list(function["code"].assets) == ["custom_trigger.py"]


def test_pre_sign_up_can_be_switched_off(build, fake_aws):
    out = build({"triggers": {"PreSignUp": {"enabled": False}}})
    assert (
        "lambdaConfig" not in fake_aws.one(POOL).inputs
        or not fake_aws.one(POOL).inputs["lambdaConfig"]
    )
    assert fake_aws.of_type(FUNCTION) == [] and fake_aws.of_type(PERMISSION) == []
    assert out["trigger_function_arns"] == {}


def test_post_confirmation_default_group_grant_comes_after_the_pool(build, fake_aws, monitor):
    out = build({"groups": {"members": {"precedence": 10}}, "default_group": "members"})
    function = next(
        f.inputs for f in fake_aws.of_type(FUNCTION) if f.name == "auth-post-confirmation"
    )
    assert function["handler"] == "post_confirmation.handler"
    assert function["environment"]["variables"] == {"DEFAULT_GROUP": "members"}
    assert (
        fake_aws.one(POOL).inputs["lambdaConfig"]["postConfirmation"]
        == out["trigger_function_arns"]["PostConfirmation"]
    )
    grants = [p for p in fake_aws.of_type(ROLE_POLICY) if p.name == "auth-post-confirmation-grants"]
    (grant,) = grants
    (statement,) = json.loads(grant.inputs["policy"])["Statement"]
    assert statement == {"Effect": "Allow", "Action": ["cognito-idp:AdminAddUserToGroup"],
                         "Resource": out["user_pool_arn"]}  # fmt: skip
    order = [r.name for r in monitor.requests]
    # No cycle: the function registers before the pool, the grant after it.
    assert (
        order.index("auth-post-confirmation")
        < order.index("auth-user-pool")
        < order.index("auth-post-confirmation-grants")
    )
    assert out["user_pool_arn"] not in json.dumps(function, default=str)
    assert out["group_names"] == ["members"]


def test_pre_token_generation_claims_and_version(build, fake_aws):
    out = build({"token_claims": {"tenant": "acme", "tier": "gold"},
                 "triggers": {"PreTokenGeneration": {"lambda_version": "V3_0"}}})  # fmt: skip
    function = next(
        f.inputs for f in fake_aws.of_type(FUNCTION) if f.name == "auth-pre-token-generation"
    )
    assert json.loads(function["environment"]["variables"]["CLAIMS_JSON"]) == {
        "tenant": "acme",
        "tier": "gold",
    }
    assert fake_aws.one(POOL).inputs["lambdaConfig"]["preTokenGenerationConfig"] == {
        "lambdaArn": out["trigger_function_arns"]["PreTokenGeneration"], "lambdaVersion": "V3_0"}  # fmt: skip


def test_custom_sender_may_decrypt_with_the_key(build, fake_aws, handler_file):
    build({"triggers": {"CustomEmailSender": {"handler": handler_file}}, "kms_key_arn": KMS})
    (grant,) = [p for p in fake_aws.of_type(ROLE_POLICY) if p.name == "auth-custom-trigger-grants"]
    assert json.loads(grant.inputs["policy"])["Statement"] == [
        {"Effect": "Allow", "Action": ["kms:Decrypt"], "Resource": KMS}
    ]


# --- Clients, domain, groups, attributes ------------------------------------------------


def test_public_spa_and_confidential_server_clients(fake_aws):
    args = {"clients": {
        "spa": {"auth_flows": ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
                "oauth_flows": ["code"], "oauth_scopes": ["openid", "email"],
                "callback_urls": ["https://app.example.com/callback", "http://localhost:3000/cb"],
                "logout_urls": ["https://app.example.com/"]},
        "server": {"public": False, "access_token_validity_minutes": 15},
    }, "domain_prefix": "acme-shop"}  # fmt: skip
    secrets = {}

    def program():
        auth = CognitoAuth("auth", args)
        secrets["is_secret"] = auth.client_secrets.is_secret()
        return {**_outputs(auth), "client_secrets": auth.client_secrets}

    out = evaluate(fake_aws, program)
    clients = {c.inputs["name"]: c.inputs for c in fake_aws.of_type(CLIENT)}
    # The default app client stays beside them: its id is in apps already.
    assert set(clients) == {"app", "spa", "server"}
    spa, server = clients["spa"], clients["server"]
    assert spa["generateSecret"] is False and server["generateSecret"] is True
    assert spa["allowedOauthFlows"] == ["code"] and spa["allowedOauthFlowsUserPoolClient"] is True
    assert spa["allowedOauthScopes"] == ["openid", "email"]
    assert spa["callbackUrls"] == ["https://app.example.com/callback", "http://localhost:3000/cb"]
    assert spa["explicitAuthFlows"] == ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
    assert "allowedOauthFlows" not in server
    assert server["accessTokenValidity"] == 15 and server["idTokenValidity"] == 60
    assert server["explicitAuthFlows"] == ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH",
                                           "ALLOW_REFRESH_TOKEN_AUTH"]  # fmt: skip
    assert (
        set(out["client_ids"]) == {"app", "spa", "server"}
        and out["client_id"] == out["client_ids"]["app"]
    )
    assert set(out["client_secrets"]) == {"server"} and out["client_secrets"]["server"].startswith(
        "secret-"
    )
    assert pulumi.runtime.sync_await._sync_await(secrets["is_secret"]) is True
    domain = fake_aws.one("aws:cognito/userPoolDomain:UserPoolDomain").inputs
    assert domain == {
        "domain": "acme-shop",
        "userPoolId": out["user_pool_id"],
        "managedLoginVersion": 1,
    }
    assert out["hosted_ui_url"] == "https://acme-shop.auth.us-east-1.amazoncognito.com"
    component = fake_aws.one("cognito-auth:index:CognitoAuth").inputs
    assert component == {"publicClients": ["app", "spa"]}


def test_groups_with_precedence_and_role(build, fake_aws):
    role = "arn:aws:iam::123456789012:role/admins"
    out = build({"groups": {"admins": {"precedence": 0, "role_arn": role, "description": "Staff"},
                            "members": {}}})  # fmt: skip
    groups = {
        g.inputs["name"]: g.inputs for g in fake_aws.of_type("aws:cognito/userGroup:UserGroup")
    }
    assert groups["admins"] == {"name": "admins", "userPoolId": out["user_pool_id"], "precedence": 0,
                                "roleArn": role, "description": "Staff"}  # fmt: skip
    assert groups["members"] == {"name": "members", "userPoolId": out["user_pool_id"]}
    assert out["group_names"] == ["admins", "members"]


def test_custom_attributes_have_explicit_constraints(build, fake_aws):
    build({"custom_attributes": {
        "tenant": {"type": "String", "max_length": 64, "mutable": False},
        "plan_level": {"type": "Number", "min_value": 0, "max_value": 9},
        "joined": {"type": "DateTime"},
    }})  # fmt: skip
    schemas = {s["name"]: s for s in fake_aws.one(POOL).inputs["schemas"]}
    assert schemas["tenant"] == {
        "name": "tenant", "attributeDataType": "String", "mutable": False,
        "developerOnlyAttribute": False, "required": False,
        "stringAttributeConstraints": {"minLength": "0", "maxLength": "64"},
    }  # fmt: skip
    assert schemas["plan_level"]["numberAttributeConstraints"] == {"minValue": "0", "maxValue": "9"}
    assert "stringAttributeConstraints" not in schemas["joined"]


def test_a_protected_pool_with_attributes_cannot_be_replaced(build, monitor):
    build({"protect": True, "custom_attributes": {"tenant": {"type": "String"}}})
    request = monitor.request_for(POOL)
    assert request.protect is True and request.retainOnDelete is True


# --- Bad input for the new settings ------------------------------------------------------

BAD = [
    ({"triggers": {"PreSignup": {}}}, 'triggers.PreSignup is not allowed: the name must be one of "PreSignUp"'),
    ({"triggers": {"InboundFederation": {"function_arn": EXISTING}}}, "pulumi-aws 7.51 cannot configure it yet"),
    ({"triggers": {"CustomMessage": {}}}, "triggers.CustomMessage needs handler (a .py file) or function_arn"),
    ({"triggers": {"CustomMessage": {"handler": "nope.py"}}}, "there is no file nope.py"),
    ({"triggers": {"CustomMessage": {"handler": "custom_message"}}}, "a shipped handler ("),
    ({"triggers": {"PreSignUp": {"function_arn": EXISTING, "handler": "pre_sign_up"}}}, "are both set: give one"),
    ({"triggers": {"PreSignUp": {"function_arn": EXISTING, "memory_mb": 256}}}, "triggers.PreSignUp.memory_mb is set, but PreSignUp uses an existing function"),
    ({"triggers": {"PreSignUp": {"function_arn": "arn:aws:s3:::x"}}}, "it must be a Lambda function ARN"),
    ({"triggers": {"PreSignUp": {"timeout_seconds": 6}}}, "triggers.PreSignUp.timeout_seconds is 6; it must be a whole number from 1 to 5"),
    ({"triggers": {"PreSignUp": {"timeoutSecs": 3}}}, "triggers.PreSignUp.timeoutSecs is not a setting; did you mean timeout_seconds?"),
    ({"triggers": {"PreSignUp": {"lambda_version": "V2_0"}}}, "only PreTokenGeneration and the custom sender triggers take a version"),
    ({"token_claims": {"team": "x"}, "user_pool_tier": "LITE"}, 'is "V2_0" (the default for the trigger that token_claims adds), which needs user_pool_tier "ESSENTIALS" or "PLUS"'),
    ({"triggers": {"PreTokenGeneration": {"lambda_version": "V4_0"}}}, 'one of "V1_0", "V2_0", "V3_0"'),
    ({"triggers": {"CustomSMSSender": {"function_arn": EXISTING}}}, "needs kms_key_arn"),
    ({"triggers": {"CustomSMSSender": {"function_arn": EXISTING, "lambda_version": "V2_0"}}, "kms_key_arn": KMS}, 'CustomSMSSender takes only "V1_0"'),
    ({"kms_key_arn": "arn:aws:kms:us-east-1:123:key/x"}, "kms_key_arn is"),
    ({"default_group": "staff"}, 'default_group is "staff", which is not one of groups (none defined)'),
    ({"token_claims": {"sub": "x"}}, 'token_claims sets "sub", a claim Cognito reserves'),
    ({"token_claims": {"n": 1}}, "a map of names to strings"),
    ({"clients": {"app": {"enabled": False}}}, "clients leaves no app client"),
    ({"clients": {"bad/name": {}}}, "clients.bad/name is not allowed"),
    ({"clients": {"api": {"public": False, "oauth_flows": ["client_credentials"], "oauth_scopes": ["api/read"]}}}, "of one of resource_servers (none defined)"),
    ({"kms_key_arn": "arn:aws:kms:us-east-1:123456789012:alias/cognito"}, "empty or a KMS key ARN"),
    ({"clients": {"spa": {"oauth_flows": ["code"], "oauth_scopes": ["openid"]}}}, "callback_urls is empty"),
    ({"clients": {"spa": {"oauth_flows": ["code"], "callback_urls": ["https://x.example/cb"]}}}, "oauth_scopes is empty"),
    ({"clients": {"spa": {"oauth_flows": ["password"]}}}, 'one of "code", "implicit", "client_credentials"'),
    ({"clients": {"spa": {"callback_urls": ["http://app.example.com/cb"]}}}, "an https:// URL (or http://localhost)"),
    ({"clients": {"spa": {"callback_urls": ["https://x.example/cb"]}}}, "would have no effect"),
    ({"clients": {"spa": {"refresh_token_validity_hours": 1, "access_token_validity_minutes": 120}}}, "clients.spa.refresh_token_validity_hours is 1 hours, shorter than clients.spa.access_token_validity_minutes"),
    ({"clients": {"spa": {"auth_flows": ["USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH"]}}}, "clients.spa.auth_flows is"),
    ({"domain_prefix": "my-cognito-login"}, "not containing aws, amazon, cognito"),
    ({"domain_prefix": "-bad"}, "domain_prefix is"),
    ({"domain_prefix": "x" * 64}, "domain_prefix is"),
    ({"groups": {"has space": {}}}, "groups.has space is not allowed"),
    ({"groups": {"g": {"precedence": -1}}}, "groups.g.precedence is -1; it must be a whole number from 0 to 2147483647"),
    ({"groups": {"g": {"precedence": 2**31}}}, "groups.g.precedence is 2147483648; it must be a whole number from 0 to 2147483647"),
    ({"groups": {"g": {"role_arn": "arn:aws:iam::1:user/x"}}}, "it must be an IAM role ARN"),
    ({"custom_attributes": {"tenant": {}}}, "custom_attributes.tenant.type is missing"),
    ({"custom_attributes": {"tenant": {"type": "Text"}}}, 'one of "String", "Number", "DateTime", "Boolean"'),
    ({"custom_attributes": {"x" * 21: {"type": "String"}}}, "1 to 20 characters"),
    ({"custom_attributes": {"custom:tenant": {"type": "String"}}}, "without spaces or ':'"),
    ({"custom_attributes": {"tenant": {"type": "String", "max_length": 2049}}}, "from 0 to 2048"),
    ({"custom_attributes": {"tenant": {"type": "String", "min_value": 1}}}, "only Number attributes take it"),
    ({"custom_attributes": {"n": {"type": "Number", "min_value": 5, "max_value": 1}}}, "custom_attributes.n.min_value (5) is greater than custom_attributes.n.max_value (1)"),
    ({"custom_attributes": {f"a{i}": {"type": "Boolean"} for i in range(51)}}, "has 51 entries; a pool holds at most 50"),
    ({"clients": pulumi.Output.from_input({"app": {}})}, "clients must be a plain value"),
]  # fmt: skip


@pytest.mark.parametrize(("args", "fragment"), BAD, ids=lambda v: str(v)[:40])
def test_bad_new_settings_are_refused_before_anything_registers(fake_aws, args, fragment):
    with pytest.raises(ConfigError) as error:
        evaluate(fake_aws, lambda: _outputs(CognitoAuth("auth", args)))
    assert fragment in str(error.value)
    assert fake_aws.resources == []


def test_auth_session_validity_reaches_every_client(build, fake_aws):
    build({"auth_session_validity_minutes": 15, "clients": {"web": {}, "api": {"public": False}}})
    assert {c.inputs["authSessionValidity"] for c in fake_aws.of_type(CLIENT)} == {15}


def test_a_project_file_named_like_a_shipped_handler_gets_no_grant(build, fake_aws, tmp_path):
    own = tmp_path / "post_confirmation.py"
    own.write_text("def handler(event, context=None):\n    return event\n")
    build({"triggers": {"PostConfirmation": {"handler": "post_confirmation.py"}}})
    function = next(
        f.inputs for f in fake_aws.of_type(FUNCTION) if f.name == "auth-post-confirmation"
    )
    assert function["environment"]["variables"] == {}
    assert not [p for p in fake_aws.of_type(ROLE_POLICY) if p.name.endswith("-grants")]


@pytest.mark.parametrize(
    ("name", "handler", "fragment"),
    [
        ("x" * 31, None, "it must be 1 to 30 letters"),
        ("x" * 30, "pre_token_generation", None),  # the longest shipped module still fits
        ("x" * 30, "a_much_longer_module_name_here.py", "longer than the 56 characters"),
        ("auth", "Bad-Name.py", "lowercase letters, digits and _"),
    ],
)
def test_autonamed_functions_and_roles_fit_in_64(fake_aws, tmp_path, name, handler, fragment):
    args = {}
    if handler and handler.endswith(".py"):
        (tmp_path / handler).write_text("def handler(event, context=None):\n    return event\n")
        args = {"triggers": {"CustomMessage": {"handler": handler}}}
    elif handler:
        args = {"token_claims": {"tenant": "t"}}
    build = lambda: _outputs(CognitoAuth(name, args))  # noqa: E731
    if fragment is None:
        evaluate(fake_aws, build, root_directory=tmp_path)
        roles = [fake_aws.states[r.name]["name"] for r in fake_aws.of_type("aws:iam/role:Role")]
        assert max(len(r) for r in roles) <= 64
        return
    with pytest.raises(ConfigError, match=fragment):
        evaluate(fake_aws, build, root_directory=tmp_path)
    assert fake_aws.resources == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [("PreSignUp", "pre-sign-up"), ("CustomSMSSender", "custom-sms-sender"),
     ("pre_token_generation", "pre-token-generation"), ("UserMigration", "user-migration")],
)  # fmt: skip
def test_kebab(text, expected):
    from components.handlers import kebab

    assert kebab(text) == expected
