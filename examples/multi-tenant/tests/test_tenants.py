"""The example's own mock tests: the program, run with the installed cognito_auth package,
builds two pools that share nothing."""

import runpy
from pathlib import Path

import cognito_auth
import pulumi
import pytest
from pulumi.runtime.stack import run_pulumi_func
from pulumi.runtime.sync_await import _sync_await

PROJECT = Path(__file__).resolve().parent.parent


class Mocks(pulumi.runtime.Mocks):
    def __init__(self):
        self.created = []
        self.states = {}

    def new_resource(self, args):
        self.created.append(args)
        resource_id, state = self._answer(args)
        self.states[args.name] = state
        return resource_id, state

    def _answer(self, args):
        # Autonamed resources get the logical name plus a suffix, as the engine would.
        name = args.inputs.get("name") or f"{args.name}-abc1234"
        state = dict(args.inputs)
        if args.typ == "aws:cognito/userPool:UserPool":
            pool_id = f"eu-west-1_{args.name}"
            arn = f"arn:aws:cognito-idp:eu-west-1:111122223333:userpool/{pool_id}"
            return pool_id, {**state, "arn": arn}
        if args.typ == "aws:lambda/function:Function":
            arn = f"arn:aws:lambda:eu-west-1:111122223333:function:{name}"
            return name, {**state, "name": name, "arn": arn}
        arn = f"arn:aws:mock:eu-west-1:111122223333:{args.name}"
        return f"{args.name}-id", {**state, "name": name, "arn": arn}

    def call(self, args):
        return {
            "aws:index/getCallerIdentity:getCallerIdentity": {"accountId": "111122223333"},
            "aws:index/getRegion:getRegion": {"region": "eu-west-1", "name": "eu-west-1"},
            "aws:index/getPartition:getPartition": {
                "partition": "aws",
                "dnsSuffix": "amazonaws.com",
            },
        }[args.token], []


@pytest.fixture(scope="module")
def deployed():
    mocks = Mocks()
    pulumi.runtime.set_mocks(mocks, project="multi-tenant", stack="dev", preview=False)
    pulumi.runtime.set_all_config({"multi-tenant:protect": "false"})
    exports = {}

    async def program():
        runpy.run_path(str(PROJECT / "__main__.py"), run_name="__main__")
        root = pulumi.runtime.get_root_resource()
        for key, value in root.outputs.items():
            exports[key] = await pulumi.Output.from_input(value).future()

    _sync_await(run_pulumi_func(program))
    return mocks, exports


def _of(mocks, typ, tenant):
    found = [r for r in mocks.created if r.typ == typ and r.name.startswith(f"{tenant}-")]
    assert len(found) == 1, (typ, tenant, len(found))
    return found[0].inputs


def _named(mocks, name):
    found = [r for r in mocks.created if r.name == name]
    assert len(found) == 1, (name, len(found))
    return found[0].inputs


def test_component_comes_from_the_installed_package():
    # Not from a checkout: a missing module or data file must fail here.
    assert "site-packages" in Path(cognito_auth.__file__).parts
    assert (Path(cognito_auth.__file__).parent / "functions" / "pre_sign_up.py").is_file()


def test_two_pools_two_clients_two_triggers(deployed):
    mocks, exports = deployed
    tenants = exports["tenants"]
    assert set(tenants) == {"acme", "globex"}
    assert tenants["acme"]["userPoolId"] != tenants["globex"]["userPoolId"]
    for tenant in ("acme", "globex"):
        pool = _of(mocks, "aws:cognito/userPool:UserPool", tenant)
        client = _of(mocks, "aws:cognito/userPoolClient:UserPoolClient", tenant)
        function = mocks.states[f"{tenant}-pre-sign-up"]
        permission = _named(mocks, f"{tenant}-pre-sign-up-invoke")
        assert client["userPoolId"] == tenants[tenant]["userPoolId"]
        assert pool["lambdaConfig"]["preSignUp"].endswith(f":function:{function['name']}")
        assert permission["sourceArn"].endswith(f"userpool/{tenants[tenant]['userPoolId']}")
        assert permission["sourceAccount"] == "111122223333"
        assert tenants[tenant]["issuerUrl"] == (
            f"https://cognito-idp.eu-west-1.amazonaws.com/{tenants[tenant]['userPoolId']}"
        )


def test_each_tenant_keeps_its_own_settings(deployed):
    mocks, _ = deployed
    acme = _named(mocks, "acme-pre-sign-up")["environment"]["variables"]
    globex = _named(mocks, "globex-pre-sign-up")["environment"]["variables"]
    assert acme["ALLOWED_EMAIL_DOMAINS"] == "acme.example" and acme["AUTO_CONFIRM_USERS"] == "true"
    assert globex["ALLOWED_EMAIL_DOMAINS"] == "" and globex["AUTO_CONFIRM_USERS"] == "false"
    # acme's allow-list is checked at sign-in too; globex, open to anyone, needs no check.
    token_check = _named(mocks, "acme-pre-token-generation")["environment"]["variables"]
    assert token_check["ALLOWED_EMAIL_DOMAINS"] == "acme.example"
    assert not [r for r in mocks.created if r.name == "globex-pre-token-generation"]
    acme_pool = _of(mocks, "aws:cognito/userPool:UserPool", "acme")
    globex_pool = _of(mocks, "aws:cognito/userPool:UserPool", "globex")
    assert acme_pool["passwordPolicy"]["minimumLength"] == 12
    assert globex_pool["passwordPolicy"]["minimumLength"] == 8
    assert acme_pool["userPoolAddOns"] == {"advancedSecurityMode": "AUDIT"}
    assert (acme_pool["userPoolTier"], globex_pool["userPoolTier"]) == ("PLUS", "LITE")
    assert _of(mocks, "aws:cognito/userPoolClient:UserPoolClient", "globex")[
        "explicitAuthFlows"
    ] == ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]


def test_trigger_code_is_the_packaged_handler(deployed):
    mocks, _ = deployed
    for tenant in ("acme", "globex"):
        code = _named(mocks, f"{tenant}-pre-sign-up")["code"]
        (asset,) = code.assets.values()
        assert Path(asset.path).is_relative_to(Path(cognito_auth.__file__).parent)
