"""Command line: find the stack's outputs, run the check, print lines or JSON, exit 0 / 1 / 2."""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable

from .machine import run_machine_check
from .steps import cognito_client, run_check

# botocore's patterns for the ids (cognito-idp service model).
POOL_ID = re.compile(r"^[\w-]+_[0-9a-zA-Z]+$")
CLIENT_ID = re.compile(r"^[\w+]{1,128}$")


class UsageError(Exception):
    """Bad flags or inputs: exit code 2, nothing was sent to AWS."""


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m authcheck",
        description="Sign a throwaway user up against a cognito-auth stack and check sign-up, "
        "auto-confirm, every sign-in flow, refresh and the tokens. Exit 0 all passed, 1 a step failed, 2 bad usage.",
    )
    source = p.add_mutually_exclusive_group()
    source.add_argument(
        "--stack",
        metavar="NAME",
        help="read outputs with `pulumi stack output --json --show-secrets --stack NAME`",
    )
    source.add_argument("--outputs", metavar="FILE", help="a JSON file of the stack's outputs")
    p.add_argument("--user-pool-id", help="overrides the userPoolId output")
    p.add_argument("--client-id", help="overrides the clientId output")
    p.add_argument(
        "--region",
        help="default: the region output, else AWS_REGION / AWS_DEFAULT_REGION, else us-east-1",
    )
    p.add_argument(
        "--endpoint-url",
        help="an AWS emulator such as ministack; dummy credentials are used if none are set",
    )
    p.add_argument(
        "--issuer-url",
        help="the iss tokens must carry; default: the issuerUrl output, else the AWS issuer for the pool",
    )
    p.add_argument(
        "--jwks-url",
        help="where to fetch signing keys; default: <endpoint-url>/<poolId>/.well-known/jwks.json "
        "with --endpoint-url, else the jwksUrl output, else <issuer>/.well-known/jwks.json",
    )
    p.add_argument("--email-domain", default="example.com")
    p.add_argument(
        "--prefix", default="authcheck", help="the test user is <prefix>+<random>@<email-domain>"
    )
    p.add_argument("--password", help="default: generated to satisfy the pool's password policy")
    p.add_argument(
        "--keep",
        action="store_true",
        help="do not delete the test user (pass --password to be able to use it)",
    )
    p.add_argument(
        "--expect-auto-confirm",
        action="store_true",
        help="fail when the PreSignUp trigger did not confirm the user",
    )
    p.add_argument("--json", action="store_true", help="print one JSON document instead of lines")
    machine = p.add_argument_group(
        "machine-to-machine (--flow client-credentials): no user is created; the client's id "
        "and secret come from the clientIds and clientSecrets outputs"
    )
    machine.add_argument(
        "--flow",
        choices=("password", "client-credentials"),
        default="password",
        help="password (default): a throwaway user signs up and in; client-credentials: a "
        "confidential client gets a machine token",
    )
    machine.add_argument(
        "--client",
        metavar="NAME",
        help="the client to check by its name in clientIds; default: the first with a secret "
        "and client_credentials",
    )
    machine.add_argument(
        "--scope", help="scopes to ask for, space-separated; default: all the client's"
    )
    machine.add_argument(
        "--token-url",
        help="default: <endpoint-url>/oauth2/token with --endpoint-url, else <hostedUiUrl>/oauth2/token",
    )
    return p


def stack_outputs(
    stack: str, which: Callable = shutil.which, run: Callable = subprocess.run
) -> dict:
    if not which("pulumi"):
        raise UsageError(
            "--stack needs the pulumi CLI, which is not on PATH; pass --outputs FILE "
            "(from `pulumi stack output --json`) or --user-pool-id and --client-id instead"
        )
    command = ["pulumi", "stack", "output", "--json", "--show-secrets", "--stack", stack]
    done = run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise UsageError(f"`{' '.join(command)}` failed: {done.stderr.strip() or done.returncode}")
    return _as_outputs(done.stdout, f"the outputs of stack {stack}")


def file_outputs(path: str) -> dict:
    try:
        with open(path, encoding="utf-8") as f:
            return _as_outputs(f.read(), path)
    except OSError as exc:
        raise UsageError(f"cannot read --outputs {path}: {exc.strerror}") from exc


def _as_outputs(text: str, where: str) -> dict:
    try:
        outputs = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UsageError(f"{where} is not JSON: {exc}") from exc
    if not isinstance(outputs, dict):
        raise UsageError(
            f"{where} must be a JSON object of stack outputs, got {type(outputs).__name__}"
        )
    return outputs


def given_outputs(args: argparse.Namespace) -> dict:
    """The stack's outputs from --stack or --outputs, else none."""
    if args.stack:
        return stack_outputs(args.stack)
    return file_outputs(args.outputs) if args.outputs else {}


def check_arguments(args: argparse.Namespace, env=os.environ) -> dict:
    """The run_check keyword arguments for these flags; UsageError names the bad input and why."""
    outputs = given_outputs(args)
    pool_id = args.user_pool_id or outputs.get("userPoolId")
    client_id = args.client_id or outputs.get("clientId")
    if not pool_id or not client_id:
        missing = " and ".join(
            n for n, v in (("--user-pool-id", pool_id), ("--client-id", client_id)) if not v
        )
        raise UsageError(
            f"missing {missing}: pass the flag, or --outputs/--stack exporting userPoolId and clientId"
        )
    if not POOL_ID.match(str(pool_id)):
        raise UsageError(
            f"user pool id {pool_id!r} is not of the form <region>_<id>, e.g. us-east-1_AbC123"
        )
    if not CLIENT_ID.match(str(client_id)):
        raise UsageError(f"client id {client_id!r} must be 1-128 letters, digits, '_' or '+'")
    region = (
        args.region
        or outputs.get("region")
        or env.get("AWS_REGION")
        or env.get("AWS_DEFAULT_REGION")
        or "us-east-1"
    )
    if not pool_id.startswith(region + "_"):
        # Cognito pool ids carry their region; asking another region can only answer "not found".
        raise UsageError(
            f"region {region!r} does not match user pool id {pool_id!r}; pass --region"
        )
    if args.endpoint_url and not re.match(r"^https?://[^/\s]+", args.endpoint_url):
        raise UsageError(
            f"--endpoint-url {args.endpoint_url!r} must be an http(s) URL, e.g. http://127.0.0.1:4566"
        )
    if (
        "@" in args.email_domain
        or not args.email_domain.strip()
        or not re.match(r"^[^@\s]+$", args.prefix)
    ):
        raise UsageError(
            "--email-domain must be a bare domain and --prefix must have no '@' or spaces"
        )
    return {
        "user_pool_id": pool_id,
        "client_id": client_id,
        "region": region,
        "endpoint_url": args.endpoint_url,
        "issuer_url": args.issuer_url or outputs.get("issuerUrl"),
        "jwks_url": args.jwks_url or (None if args.endpoint_url else outputs.get("jwksUrl")),
        "email_domain": args.email_domain,
        "prefix": args.prefix,
        "password": args.password,
        "keep": args.keep,
        "expect_auto_confirm": args.expect_auto_confirm,
    }


def machine_arguments(args: argparse.Namespace, env=os.environ) -> dict:
    """The run_machine_check keyword arguments (but idp) for --flow client-credentials."""
    outputs = given_outputs(args)
    pool_id = args.user_pool_id or outputs.get("userPoolId")
    ids, secrets = outputs.get("clientIds") or {}, outputs.get("clientSecrets") or {}
    if not pool_id or not ids:
        raise UsageError(
            "--flow client-credentials needs the stack's outputs (--stack or --outputs) with "
            "userPoolId, clientIds and clientSecrets"
        )
    if isinstance(secrets, str) or any(s == "[secret]" for s in secrets.values()):
        raise UsageError(
            "clientSecrets is masked in these outputs: read them with "
            "`pulumi stack output --json --show-secrets`"
        )
    if args.client and args.client not in ids:
        raise UsageError(f"--client {args.client!r} is not one of clientIds ({', '.join(ids)})")
    if not POOL_ID.match(str(pool_id)):
        raise UsageError(f"user pool id {pool_id!r} is not of the form <region>_<id>")
    region = args.region or outputs.get("region") or env.get("AWS_REGION") or "us-east-1"
    base = args.endpoint_url or outputs.get("hostedUiUrl")
    token_url = args.token_url or (f"{base.rstrip('/')}/oauth2/token" if base else None)
    if not token_url:
        raise UsageError("the stack has no domain (hostedUiUrl is empty): pass --token-url")
    return {
        "user_pool_id": pool_id,
        "clients": {name: (client_id, secrets.get(name)) for name, client_id in ids.items()},
        "region": region,
        "token_url": token_url,
        "issuer": args.issuer_url
        or outputs.get("issuerUrl")
        or f"https://cognito-idp.{region}.amazonaws.com/{pool_id}",
        "endpoint_url": args.endpoint_url,
        "jwks_url": args.jwks_url or (None if args.endpoint_url else outputs.get("jwksUrl")),
        "scope": args.scope,
        "client_name": args.client,
    }


def main(argv: list[str] | None = None, idp=None) -> int:
    """`idp`: a cognito-idp client to use instead of one built from the shell's credentials."""
    args = parser().parse_args(argv)  # argparse itself exits 2 on unknown flags
    try:
        kwargs = (
            machine_arguments(args) if args.flow == "client-credentials" else check_arguments(args)
        )
    except UsageError as exc:
        print(f"authcheck: error: {exc}", file=sys.stderr)
        return 2
    if args.flow == "client-credentials":
        region = kwargs.pop("region")
        idp = idp or cognito_client(region, kwargs["endpoint_url"])
        report = run_machine_check(**kwargs, idp=idp)
    else:
        report = run_check(**kwargs, idp=idp)
    print(report.render_json() if args.json else report.render_text())
    return report.exit_code
