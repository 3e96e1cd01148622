"""Load against a sandbox stack: N users sign up concurrently, then each logs in and refreshes.

  sign-up   SignUp of N throwaway users, `concurrency` at a time (one boto3 client per thread)
  login     InitiateAuth USER_PASSWORD_AUTH for each
  refresh   InitiateAuth REFRESH_TOKEN_AUTH with each user's refresh token

Reports throughput (ops/s) and p50/p95 latency per step, then checks that nothing was lost
or duplicated: ListUsers (paginated) holds each of this run's usernames exactly once,
CONFIRMED, and each of them logged in; and counts the PreSignUp trigger's own log lines
for this pool since the run began against N (Cognito may retry a trigger, so more is
allowed and reported; fewer means a sign-up skipped its trigger).

Bounded: at most 10000 users, 64 threads, and --time-limit seconds; loopback endpoints only.
By default it brings up its own stack (`load-dev` from Pulumi.dev.yaml) in the sandbox's
emulator and tears it down at the end; --outputs FILE --endpoint-url URL targets a stack
that is already up (its users from this run are deleted at the end). --keep keeps both.
Exit 0 every invariant held, 1 one failed, 2 bad usage.

Run: python bench/load.py [--users 200] [--concurrency 16] [--json]
"""

from __future__ import annotations

import argparse
import json
import math
import secrets
import statistics
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import boto3  # noqa: E402
from botocore.config import Config  # noqa: E402
from botocore.exceptions import BotoCoreError, ClientError  # noqa: E402

from authcheck.password import generate_password  # noqa: E402
from sandbox import REGION, Emulator, EmulatorClients, Sandbox, SandboxStack  # noqa: E402
from sandbox.emulator import ROOT_ACCESS_KEY_ID, ROOT_SECRET_ACCESS_KEY  # noqa: E402

MAX_USERS = 10_000
MAX_CONCURRENCY = 64
MAX_TIME_LIMIT = 1800
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}
STEPS = ("sign-up", "login", "refresh")
LOG_SETTLE_SECONDS = 5.0  # how long to wait for the trigger's log lines to catch up
MAX_PAGES = 100_000  # no pagination loop may run away on an emulator that repeats a token

# No retries: one op is one request, so a count is a count (a retried SignUp that had
# succeeded would come back as UsernameExistsException and hide the first attempt).
CLIENT_CONFIG = Config(
    connect_timeout=2, read_timeout=30, retries={"total_max_attempts": 1}, max_pool_connections=2
)


class UsageError(Exception):
    """Bad flags: exit 2 before anything is sent."""


@dataclass
class Target:
    endpoint: str
    outputs: dict
    stack: str | None = None  # set when this run brought the stack up itself
    handle: SandboxStack | None = None
    emulator: Emulator | None = None
    started_emulator: bool = False
    up_seconds: float = 0.0


@dataclass
class Outcome:
    status: str  # "ok", "failed", "not run"
    ms: float = 0.0
    error: str = ""
    value: Any = None


@dataclass
class StepResult:
    name: str
    outcomes: list[Outcome] = field(default_factory=list)
    wall_seconds: float = 0.0

    def count(self, status: str) -> int:
        return sum(o.status == status for o in self.outcomes)

    def to_dict(self) -> dict:
        latencies = sorted(o.ms for o in self.outcomes if o.status == "ok")
        ok = len(latencies)
        return {
            "total": len(self.outcomes),
            "ok": ok,
            "failed": self.count("failed"),
            "notRun": self.count("not run"),
            "wallSeconds": round(self.wall_seconds, 3),
            "opsPerSecond": round(ok / self.wall_seconds, 1) if self.wall_seconds else 0.0,
            "p50Ms": round(statistics.median(latencies), 1) if latencies else None,
            "p95Ms": round(percentile(latencies, 95), 1) if latencies else None,
            "maxMs": round(latencies[-1], 1) if latencies else None,
            "errors": dict(Counter(o.error for o in self.outcomes if o.status == "failed")),
        }


def percentile(ordered: list[float], p: float) -> float:
    """Nearest-rank percentile of an ascending list."""
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


# ---------------------------------------------------------------------------- set-up


def parse(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        prog="python bench/load.py",
        description=__doc__.splitlines()[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="\n".join(__doc__.splitlines()[2:]),
    )
    p.add_argument("--users", type=int, default=200, help=f"N, 1-{MAX_USERS} (default 200)")
    p.add_argument("--concurrency", type=int, default=16, help=f"threads, 1-{MAX_CONCURRENCY}")
    p.add_argument(
        "--time-limit",
        type=float,
        default=300,
        help=f"seconds for the whole run, max {MAX_TIME_LIMIT}",
    )
    p.add_argument("--stack", default="load-dev", help="own stack's name (default load-dev)")
    p.add_argument("--stack-file", default="dev", help="Pulumi.<file>.yaml for it (default dev)")
    p.add_argument("--outputs", metavar="FILE", help="a stack already up: its outputs JSON")
    p.add_argument("--endpoint-url", help="with --outputs: the emulator's loopback URL")
    p.add_argument("--email-domain", default="example.com")
    p.add_argument("--keep", action="store_true", help="keep the stack (or the users) at the end")
    p.add_argument("--json", action="store_true", help="print one JSON document")
    options = p.parse_args(argv)
    if not 1 <= options.users <= MAX_USERS:
        raise UsageError(f"--users is {options.users}; it must be from 1 to {MAX_USERS}")
    if not 1 <= options.concurrency <= MAX_CONCURRENCY:
        raise UsageError(
            f"--concurrency is {options.concurrency}; it must be from 1 to {MAX_CONCURRENCY}"
        )
    if not 0 < options.time_limit <= MAX_TIME_LIMIT:
        raise UsageError(f"--time-limit must be above 0 and at most {MAX_TIME_LIMIT} seconds")
    if bool(options.outputs) != bool(options.endpoint_url):
        raise UsageError("--outputs and --endpoint-url go together")
    if options.endpoint_url:
        host = urlparse(options.endpoint_url).hostname
        if urlparse(options.endpoint_url).scheme != "http" or host not in LOOPBACK_HOSTS:
            raise UsageError(
                f"--endpoint-url {options.endpoint_url!r} is not a loopback http URL; "
                "this load runs against a local emulator only"
            )
    return options


def bring_up(options: argparse.Namespace) -> Target:
    if options.outputs:
        try:
            outputs = json.loads(Path(options.outputs).read_text())
        except (OSError, ValueError) as error:
            raise UsageError(f"cannot read --outputs {options.outputs}: {error}") from error
        missing = {"userPoolId", "clientIds", "triggerFunctionArns"} - set(outputs)
        if missing:
            raise UsageError(f"--outputs {options.outputs} lacks {', '.join(sorted(missing))}")
        return Target(options.endpoint_url.rstrip("/"), outputs)
    sandbox = Sandbox(log=lambda message: print(f"load: {message}", file=sys.stderr))
    was_running = sandbox.emulator.running() is not None
    began = time.monotonic()
    stack = sandbox.stack(options.stack, stack_file=options.stack_file)
    stack.up()
    return Target(
        sandbox.emulator.running().endpoint,
        stack.outputs(show_secrets=True),
        stack=options.stack,
        handle=stack,
        emulator=sandbox.emulator,
        started_emulator=not was_running,
        up_seconds=time.monotonic() - began,
    )


def clean_up(target: Target, admin: EmulatorClients, usernames: list[str], keep: bool) -> str:
    if keep:
        return "kept (--keep)"
    if target.handle is not None:
        removed = len(target.handle.export()["deployment"].get("resources") or [])
        target.handle.destroy()
        target.handle.remove()
        done = f"stack {target.stack} destroyed ({removed} resources)"
        if target.started_emulator:
            target.emulator.stop(clear_state=True)
            done += "; the emulator this run started is stopped"
        return done
    idp = admin("cognito-idp")
    pool = target.outputs["userPoolId"]
    gone = 0
    for username in usernames:
        try:
            idp.admin_delete_user(UserPoolId=pool, Username=username)
            gone += 1
        except ClientError as error:
            if error.response["Error"]["Code"] != "UserNotFoundException":
                raise
    return f"deleted {gone} users of this run"


# ---------------------------------------------------------------------------- load


class ThreadClients:
    """One boto3 session and cognito-idp client per worker thread (sessions are not thread-safe)."""

    def __init__(self, endpoint: str):
        self.endpoint = endpoint
        self._local = threading.local()

    def __call__(self):
        if not hasattr(self._local, "idp"):
            session = boto3.session.Session(
                aws_access_key_id=ROOT_ACCESS_KEY_ID,
                aws_secret_access_key=ROOT_SECRET_ACCESS_KEY,
                region_name=REGION,
            )
            self._local.idp = session.client(
                "cognito-idp", endpoint_url=self.endpoint, config=CLIENT_CONFIG
            )
        return self._local.idp


def run_step(
    name: str,
    items: list[Any],
    op: Callable[[Any, Any], Any],
    clients: ThreadClients,
    concurrency: int,
    deadline: float,
) -> StepResult:
    """Run op(client, item) for every item, `concurrency` at a time; None items are not run."""

    def one(item) -> Outcome:
        if item is None:
            return Outcome("not run", error="an earlier step failed")
        if time.monotonic() > deadline:
            return Outcome("not run", error="time limit")
        client = clients()  # made outside the timing: a thread's first op is no slower
        start = time.perf_counter()
        try:
            value = op(client, item)
        except ClientError as error:
            code = error.response.get("Error", {}).get("Code", "ClientError")
            return Outcome("failed", (time.perf_counter() - start) * 1000, code)
        except BotoCoreError as error:
            return Outcome("failed", (time.perf_counter() - start) * 1000, type(error).__name__)
        return Outcome("ok", (time.perf_counter() - start) * 1000, value=value)

    result = StepResult(name)
    began = time.perf_counter()
    pool = ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix=f"load-{name}")
    try:
        futures = [pool.submit(one, item) for item in items]
        # A started request ends within the client's read timeout; nothing waits past that.
        wait(futures, timeout=max(0.0, deadline - time.monotonic()) + 35)
        result.outcomes = [
            f.result() if f.done() else Outcome("not run", error="unfinished") for f in futures
        ]
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
    result.wall_seconds = time.perf_counter() - began
    return result


def list_run_users(idp, pool_id: str, prefix: str) -> tuple[list[dict], int]:
    """Every user of this run (email starting with `prefix`), over all ListUsers pages."""
    users, pages, token = [], 0, None
    while pages < MAX_PAGES:
        page = idp.list_users(
            UserPoolId=pool_id, Limit=60, **({"PaginationToken": token} if token else {})
        )
        pages += 1
        for user in page.get("Users", []):
            attributes = {a["Name"]: a["Value"] for a in user.get("Attributes", [])}
            email = attributes.get("email", user["Username"])
            if email.startswith(prefix):
                users.append({"email": email, "status": user["UserStatus"]})
        new_token = page.get("PaginationToken")
        if not new_token or new_token == token:
            break
        token = new_token
    return users, pages


def trigger_invocations(logs, group: str, pool_id: str, since_ms: int) -> int:
    """PreSignUp_SignUp lines the handler printed for this pool since `since_ms`, over every stream."""
    count, streams, stream_token = 0, [], None
    for _ in range(MAX_PAGES):
        page = logs.describe_log_streams(
            logGroupName=group, **({"nextToken": stream_token} if stream_token else {})
        )
        streams += [s["logStreamName"] for s in page.get("logStreams", [])]
        if not page.get("nextToken") or page["nextToken"] == stream_token:
            break
        stream_token = page["nextToken"]
    for stream in streams:
        token = None
        for _ in range(MAX_PAGES):
            page = logs.get_log_events(
                logGroupName=group,
                logStreamName=stream,
                startFromHead=True,
                startTime=since_ms,
                **({"nextToken": token} if token else {}),
            )
            for event in page.get("events", []):
                if event.get("timestamp", since_ms) >= since_ms:  # startTime, should it be ignored
                    count += _is_sign_up_line(event.get("message", ""), pool_id)
            if not page.get("events") or page.get("nextForwardToken") in (None, token):
                break
            token = page["nextForwardToken"]
    return count


def _is_sign_up_line(message: str, pool_id: str) -> bool:
    if not message.lstrip().startswith("{"):
        return False  # START/END/REPORT and anything else a handler printed
    try:
        record = json.loads(message)
    except ValueError:
        return False
    return record.get("trigger") == "PreSignUp_SignUp" and record.get("userPoolId") == pool_id


def invocation_metric(cloudwatch, function: str, since: datetime) -> float | None:
    """Sum of AWS/Lambda Invocations for the function since `since`; None when none is published."""
    try:
        points = cloudwatch.get_metric_statistics(
            Namespace="AWS/Lambda",
            MetricName="Invocations",
            Dimensions=[{"Name": "FunctionName", "Value": function}],
            StartTime=since - timedelta(minutes=1),
            EndTime=datetime.now(UTC) + timedelta(minutes=1),
            Period=60,
            Statistics=["Sum"],
        )["Datapoints"]
    except (ClientError, BotoCoreError):
        return None
    return sum(p["Sum"] for p in points) if points else None


def run_load(target: Target, options: argparse.Namespace, deadline: float) -> dict:
    admin = EmulatorClients(target.endpoint)
    idp = admin("cognito-idp")
    pool_id = target.outputs["userPoolId"]
    client_id = target.outputs["clientIds"]["app"]
    function = target.outputs["triggerFunctionArns"]["PreSignUp"].rsplit(":", 1)[-1]
    pool = idp.describe_user_pool(UserPoolId=pool_id)["UserPool"]
    password = generate_password(pool.get("Policies", {}).get("PasswordPolicy"))
    run_id = secrets.token_hex(3)
    prefix = f"load+{run_id}-"
    usernames = [f"{prefix}{i:05d}@{options.email_domain}" for i in range(options.users)]
    clients = ThreadClients(target.endpoint)
    since = datetime.now(UTC)
    since_ms = int(since.timestamp() * 1000)

    def sign_up(client, username):
        return client.sign_up(
            ClientId=client_id,
            Username=username,
            Password=password,
            UserAttributes=[{"Name": "email", "Value": username}],
        )["UserConfirmed"]

    def login(client, username):
        return client.initiate_auth(
            ClientId=client_id,
            AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": username, "PASSWORD": password},
        )["AuthenticationResult"]["RefreshToken"]

    def refresh(client, refresh_token):
        return bool(
            client.initiate_auth(
                ClientId=client_id,
                AuthFlow="REFRESH_TOKEN_AUTH",
                AuthParameters={"REFRESH_TOKEN": refresh_token},
            )["AuthenticationResult"]["AccessToken"]
        )

    began = time.perf_counter()
    run = lambda name, items, op: run_step(  # noqa: E731
        name, items, op, clients, options.concurrency, deadline
    )
    signed = run("sign-up", usernames, sign_up)
    logged = run(
        "login", [u if o.status == "ok" else None for u, o in zip(usernames, signed.outcomes, strict=True)], login
    )  # fmt: skip
    refreshed = run(
        "refresh", [o.value if o.status == "ok" else None for o in logged.outcomes], refresh
    )
    load_seconds = time.perf_counter() - began

    listed, pages = list_run_users(idp, pool_id, prefix)
    seen = Counter(u["email"] for u in listed)
    expected = set(usernames)
    logged_in = {u for u, o in zip(usernames, logged.outcomes, strict=True) if o.status == "ok"}
    confirmed = {u["email"] for u in listed if u["status"] == "CONFIRMED"} & expected
    accounts = {
        "expected": len(expected),
        "listed": len(listed),
        "listPages": pages,
        "missing": sorted(expected - set(seen)),
        "duplicated": sorted(e for e, n in seen.items() if n > 1),
        "unexpected": sorted(set(seen) - expected),
        "confirmed": len(confirmed),
        "confirmedAndLoggedIn": len(confirmed & logged_in),
        "confirmedAtSignUp": sum(o.status == "ok" and o.value is True for o in signed.outcomes),
    }

    # The group the function's logging config names (autonamed, not /aws/lambda/<name>).
    config = admin("lambda").get_function_configuration(FunctionName=function)
    logs, group = admin("logs"), config["LoggingConfig"]["LogGroup"]
    settle = min(deadline, time.monotonic() + LOG_SETTLE_SECONDS)
    invocations = trigger_invocations(logs, group, pool_id, since_ms)
    while invocations < signed.count("ok") and time.monotonic() < settle:
        time.sleep(0.2)
        invocations = trigger_invocations(logs, group, pool_id, since_ms)
    metric = invocation_metric(admin("cloudwatch"), function, since)
    trigger = {
        "logGroup": group,
        "invocations": invocations,
        "signUpsAttempted": options.users - signed.count("not run"),
        "extra": invocations - options.users,
        "lambdaInvocationsMetric": metric,
    }

    n = options.users
    steps = {s.name: s.to_dict() for s in (signed, logged, refreshed)}
    invariants = [
        (f"{step} succeeded for all {n} users", steps[step]["ok"] == n, f"{steps[step]['ok']}/{n}")
        for step in STEPS
    ]
    invariants += [
        (
            "each user listed exactly once",
            not (accounts["missing"] or accounts["duplicated"] or accounts["unexpected"])
            and accounts["listed"] == n,
            f"{accounts['listed']} listed; missing {len(accounts['missing'])}, "
            f"duplicated {len(accounts['duplicated'])}, unexpected {len(accounts['unexpected'])}",
        ),
        (
            f"{n} users CONFIRMED and able to log in",
            accounts["confirmedAndLoggedIn"] == n,
            f"{accounts['confirmedAndLoggedIn']}/{n}",
        ),
        (
            "trigger ran at least once per sign-up",
            invocations >= n,
            f"{invocations} log lines for {n} sign-ups",
        ),
    ]
    cleanup = clean_up(target, admin, usernames, options.keep)
    return {
        "target": {
            "endpoint": target.endpoint,
            "stack": target.stack,
            "userPoolId": pool_id,
            "clientId": client_id,
            "triggerFunctionName": function,
            "stackUpSeconds": round(target.up_seconds, 2),
        },
        "users": n,
        "concurrency": options.concurrency,
        "runId": run_id,
        "loadSeconds": round(load_seconds, 2),
        "steps": steps,
        "accounts": {
            k: (v[:10] if isinstance(v, list) else v) for k, v in accounts.items()
        },  # lists capped: a report, not a dump
        "trigger": trigger,
        "invariants": [{"name": a, "held": b, "detail": c} for a, b, c in invariants],
        "held": all(held for _, held, _ in invariants),
        "cleanup": cleanup,
    }


# ---------------------------------------------------------------------------- report


def render_text(report: dict) -> str:
    t = report["target"]
    where = f"stack {t['stack']} (up in {t['stackUpSeconds']} s)" if t["stack"] else "outputs file"
    lines = [
        f"load: {report['users']} users, {report['concurrency']} at a time, {where} at "
        f"{t['endpoint']}, pool {t['userPoolId']}, {report['loadSeconds']} s",
        f"{'step':<8} {'ok':>11} {'ops/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'max ms':>7}  errors",
    ]
    for name, s in report["steps"].items():
        errors = ", ".join(f"{code} x{n}" for code, n in s["errors"].items()) or "-"
        if s["notRun"]:
            errors += f"; {s['notRun']} not run"
        lines.append(
            f"{name:<8} {s['ok']:>5}/{s['total']:<5} {s['opsPerSecond']:>7} {_ms(s['p50Ms']):>7} "
            f"{_ms(s['p95Ms']):>7} {_ms(s['maxMs']):>7}  {errors}"
        )
    a, tr = report["accounts"], report["trigger"]
    lines.append(
        f"accounts: {a['listed']} listed over {a['listPages']} ListUsers pages, {a['confirmed']} "
        f"CONFIRMED ({a['confirmedAtSignUp']} at sign-up), {a['confirmedAndLoggedIn']} CONFIRMED and "
        f"logged in; missing {len(a['missing'])}, duplicated {len(a['duplicated'])}, "
        f"unexpected {len(a['unexpected'])}"
    )
    metric = tr["lambdaInvocationsMetric"]
    lines.append(
        f"trigger: {tr['invocations']} PreSignUp_SignUp log lines in {tr['logGroup']} for "
        f"{report['users']} users ({tr['extra']:+d}); AWS/Lambda Invocations metric: "
        + (f"{metric:g}" if metric is not None else "none published")
    )
    for inv in report["invariants"]:
        lines.append(f"{'✓' if inv['held'] else '✗'} {inv['name']}: {inv['detail']}")
    lines.append(f"cleanup: {report['cleanup']}")
    lines.append("all invariants held" if report["held"] else "INVARIANT FAILED")
    return "\n".join(lines)


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def main(argv: list[str] | None = None) -> int:
    started = time.monotonic()
    try:
        options = parse(argv)
        deadline = started + options.time_limit
        target = bring_up(options)
    except UsageError as error:
        print(f"load: error: {error}", file=sys.stderr)
        return 2
    try:
        report = run_load(target, options, deadline)
    except BaseException:
        if not options.keep:  # a crash must not leave the stack behind either
            clean_up(target, EmulatorClients(target.endpoint), [], keep=False)
        raise
    print(json.dumps(report, indent=2) if options.json else render_text(report))
    return 0 if report["held"] else 1


if __name__ == "__main__":
    sys.exit(main())
