"""Pulumi mocks that answer like AWS: realistic ids, ARNs and names per resource type,
the account/region/partition invokes, and a record of every registration."""

import hashlib

import pulumi
from pulumi.runtime import mocks as pulumi_mocks

ACCOUNT_ID = "123456789012"
REGION = "us-east-1"


# Name limits the provider enforces on autonamed resources (logical name + "-" + 7 chars).
NAME_LIMITS = {"aws:iam/role:Role": 64, "aws:lambda/function:Function": 64}


def _autoname(args, inputs: dict, n: int) -> str:
    """Autonaming as the engine and provider do it, with a stable suffix."""
    if inputs.get("namePrefix"):
        return f"{inputs['namePrefix']}{n:026d}"  # Terraform's 26-character unique id
    name = f"{args.name}-{n:07x}"
    limit = NAME_LIMITS.get(args.typ)
    if limit and len(name) > limit:
        # The provider refuses it at preview: "... plus 7 random chars is longer than
        # maximum length 64". A mock that truncated would hide that.
        raise ValueError(f"{args.typ} {args.name!r}: autonamed {name!r} is longer than {limit}")
    return name


class FakeAws(pulumi.runtime.Mocks):
    def __init__(self):
        self.resources: list[pulumi.runtime.MockResourceArgs] = []
        self.ids: dict[str, str] = {}  # logical name -> the id returned
        self.states: dict[str, dict] = {}  # logical name -> the outputs returned
        # Pools and clients that exist before the program runs (getUserPool answers them).
        self.existing_pools: dict[str, dict] = {}  # id -> getUserPool's result (camelCase)
        self.existing_clients: dict[tuple[str, str], dict] = {}  # (pool id, client id) -> ...
        self.calls: list[str] = []  # invoke tokens, in order

    def of_type(self, type_token: str) -> list[pulumi.runtime.MockResourceArgs]:
        return [r for r in self.resources if r.typ == type_token]

    def one(self, type_token: str) -> pulumi.runtime.MockResourceArgs:
        found = self.of_type(type_token)
        assert len(found) == 1, f"expected one {type_token}, found {len(found)}"
        return found[0]

    def named(self, logical_name: str) -> pulumi.runtime.MockResourceArgs:
        found = [r for r in self.resources if r.name == logical_name]
        assert len(found) == 1, f"expected one resource named {logical_name}, found {len(found)}"
        return found[0]

    def new_resource(self, args: pulumi.runtime.MockResourceArgs):
        self.resources.append(args)
        resource_id, state = self._answer(args)
        self.ids[args.name] = resource_id
        self.states[args.name] = state
        return resource_id, state

    def _answer(self, args: pulumi.runtime.MockResourceArgs):
        # From the logical name, not the order of registration: resources register
        # concurrently, and the same program must get the same ids on every run.
        n = int(hashlib.sha256(args.name.encode()).hexdigest()[:7], 16)
        inputs = dict(args.inputs)
        name = inputs.get("name") or _autoname(args, inputs, n)
        arn_prefix = f"arn:aws:{{}}:{REGION}:{ACCOUNT_ID}:"
        match args.typ:
            case "aws:iam/role:Role":
                return name, {
                    **inputs,
                    "name": name,
                    "arn": f"arn:aws:iam::{ACCOUNT_ID}:role/{name}",
                }
            case "aws:iam/rolePolicy:RolePolicy":
                return f"{inputs['role']}:{name}", {**inputs, "name": name}
            case "aws:cloudwatch/logGroup:LogGroup":
                arn = arn_prefix.format("logs") + f"log-group:{name}"
                return name, {**inputs, "name": name, "arn": arn}
            case "aws:lambda/function:Function":
                arn = arn_prefix.format("lambda") + f"function:{name}"
                return name, {**inputs, "name": name, "arn": arn, "invokeArn": arn}
            case "aws:lambda/permission:Permission":
                return f"perm-{n}", {**inputs, "statementId": f"terraform-{n}"}
            case "aws:cognito/userPool:UserPool":
                # An imported pool keeps the id it was imported by.
                pool_id = args.resource_id or f"{REGION}_Pool{n:05d}"
                return pool_id, {
                    **inputs,
                    "arn": arn_prefix.format("cognito-idp") + f"userpool/{pool_id}",
                    "endpoint": f"cognito-idp.{REGION}.amazonaws.com/{pool_id}",
                }
            case "aws:cognito/userPoolClient:UserPoolClient":
                secret = f"secret-{n:040d}" if inputs.get("generateSecret") else None
                imported = (args.resource_id or "").partition("/")[2]  # "<pool id>/<client id>"
                return imported or f"client{n:021d}", {**inputs, "clientSecret": secret}
            case "aws:cognito/userGroup:UserGroup":
                return f"{inputs['userPoolId']}/{inputs['name']}", dict(inputs)
            case "aws:cognito/identityPool:IdentityPool":
                pool_id = f"{REGION}:{n:08x}-0000-4000-8000-{n:012x}"
                arn = arn_prefix.format("cognito-identity") + f"identitypool/{pool_id}"
                return pool_id, {**inputs, "arn": arn}
            case "aws:cognito/identityPoolRoleAttachment:IdentityPoolRoleAttachment":
                return inputs["identityPoolId"], dict(inputs)
            case "aws:cloudwatch/metricAlarm:MetricAlarm":
                arn = arn_prefix.format("cloudwatch") + f"alarm:{name}"
                return name, {**inputs, "name": name, "arn": arn}
            case "aws:cognito/identityProvider:IdentityProvider":
                return f"{inputs['userPoolId']}:{inputs['providerName']}", dict(inputs)
            case "aws:cognito/logDeliveryConfiguration:LogDeliveryConfiguration":
                return inputs["userPoolId"], dict(inputs)
            case "aws:cloudwatch/logResourcePolicy:LogResourcePolicy":
                return inputs["resourceArn"], dict(inputs)
            case "aws:cognito/userPoolDomain:UserPoolDomain":
                return inputs["domain"], {**inputs, "cloudfrontDistribution": "d111.cloudfront.net",
                                          "cloudfrontDistributionZoneId": "Z2FDTNDATAQYW2"}  # fmt: skip
            case "aws:cognito/resourceServer:ResourceServer":
                scopes = [
                    f"{inputs['identifier']}/{s['scopeName']}" for s in inputs.get("scopes", [])
                ]
                server_id = f"{inputs['userPoolId']}|{inputs['identifier']}"
                return server_id, {**inputs, "scopeIdentifiers": scopes}
            case "aws:cognito/managedLoginBranding:ManagedLoginBranding":
                return f"{inputs['userPoolId']},{n:08x}-0000-4000-8000-000000000000", dict(inputs)
            case "aws:acm/certificate:Certificate":
                arn = f"arn:aws:acm:{inputs.get('region', REGION)}:{ACCOUNT_ID}:certificate/{n:08x}"
                record = f"_{n:032x}.{inputs['domainName']}."
                options = [{"domainName": inputs["domainName"], "resourceRecordName": record,
                            "resourceRecordType": "CNAME",
                            "resourceRecordValue": f"_{n:032x}.acm-validations.aws."}]  # fmt: skip
                return arn, {**inputs, "arn": arn, "domainValidationOptions": options}
            case "aws:acm/certificateValidation:CertificateValidation":
                return inputs["certificateArn"], dict(inputs)
            case "aws:route53/record:Record":
                fqdn = inputs["name"].rstrip(".")
                return f"{inputs['zoneId']}_{fqdn}_{inputs['type']}", {**inputs, "fqdn": fqdn}
        return f"{args.name}-id", dict(inputs)

    def existing_pool(self, pool_id: str, **answer) -> dict:
        """A pool that exists already, as getUserPool answers it."""
        arn = f"arn:aws:cognito-idp:{REGION}:{ACCOUNT_ID}:userpool/{pool_id}"
        self.existing_pools[pool_id] = {
            "id": pool_id, "userPoolId": pool_id, "arn": arn, "usernameAttributes": [],
            "schemaAttributes": [], **answer,
        }  # fmt: skip
        return self.existing_pools[pool_id]

    def call(self, args: pulumi.runtime.MockCallArgs):
        self.calls.append(args.token)
        match args.token:
            case "aws:cognito/getUserPool:getUserPool":
                pool = self.existing_pools.get(args.args["userPoolId"])
                if pool is None:  # the provider's answer: a failure, not a crash
                    return {}, [
                        (
                            "",
                            f"reading Cognito User Pool ({args.args['userPoolId']}): couldn't find resource",
                        )
                    ]
                return pool, []
            case "aws:cognito/getUserPoolClient:getUserPoolClient":
                key = (args.args["userPoolId"], args.args["clientId"])
                if key not in self.existing_clients:
                    return {}, [
                        ("", f"reading Cognito User Pool Client ({key[1]}): couldn't find resource")
                    ]
                return self.existing_clients[key], []
            case "aws:index/getCallerIdentity:getCallerIdentity":
                return {
                    "accountId": ACCOUNT_ID,
                    "arn": f"arn:aws:iam::{ACCOUNT_ID}:user/test",
                    "userId": "AIDTEST",
                    "id": ACCOUNT_ID,
                }, []
            case "aws:index/getRegion:getRegion":
                return {"name": REGION, "region": REGION, "id": REGION,
                        "endpoint": f"ec2.{REGION}.amazonaws.com"}, []  # fmt: skip
            case "aws:index/getPartition:getPartition":
                return {"partition": "aws", "dnsSuffix": "amazonaws.com",
                        "reverseDnsPrefix": "com.amazonaws", "id": "aws"}, []  # fmt: skip
        raise NotImplementedError(f"no mock for invoke {args.token}")


class RecordingMonitor(pulumi_mocks.MockMonitor):
    """Keeps every RegisterResource request: resource options (protect, parent,
    retainOnDelete, dependencies) are not part of what Mocks.new_resource sees."""

    def __init__(self, mocks: pulumi.runtime.Mocks):
        super().__init__(mocks)
        self.requests = []
        self.urns: dict[str, str] = {}  # resource name -> URN the engine gave it

    def RegisterResource(self, request):
        self.requests.append(request)
        response = super().RegisterResource(request)
        self.urns[request.name] = response.urn
        return response

    def request_for(self, type_token: str):
        found = [r for r in self.requests if r.type == type_token]
        assert len(found) == 1, f"expected one {type_token} registration, found {len(found)}"
        return found[0]
