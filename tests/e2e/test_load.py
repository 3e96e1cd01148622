"""bench/load.py with a small N: as a user runs it (its own stack, torn down after) and
against a stack that is already up (its users deleted after); and its refusals."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
USERS, CONCURRENCY = 20, 4


def load(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "bench/load.py", *args],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=90,
    )


def assert_invariants(report: dict, users: int) -> None:
    assert report["held"] is True, report["invariants"]
    assert [i["held"] for i in report["invariants"]] == [True] * 6
    for name in ("sign-up", "login", "refresh"):
        step = report["steps"][name]
        assert (step["total"], step["ok"], step["failed"], step["notRun"]) == (users, users, 0, 0)
        assert step["errors"] == {}
        assert 0 < step["p50Ms"] <= step["p95Ms"] <= step["maxMs"]
        assert step["opsPerSecond"] > 0
    accounts = report["accounts"]
    assert accounts["listed"] == accounts["confirmed"] == accounts["confirmedAndLoggedIn"] == users
    assert accounts["missing"] == accounts["duplicated"] == accounts["unexpected"] == []
    # Cognito may retry a trigger, so more lines than sign-ups is allowed; fewer is not.
    # (ministack 1.5.33 does not retry: exactly one line per sign-up.)
    trigger = report["trigger"]
    assert trigger["invocations"] >= users
    assert trigger["extra"] == trigger["invocations"] - users


def test_load_on_its_own_stack(sandbox, emulator):
    done = load(
        "--users", str(USERS), "--concurrency", str(CONCURRENCY), "--stack", "e2e-load",
        "--time-limit", "60", "--json",
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    report = json.loads(done.stdout)
    assert (report["users"], report["concurrency"]) == (USERS, CONCURRENCY)
    assert report["target"]["stack"] == "e2e-load"
    assert_invariants(report, USERS)
    assert re.fullmatch(r"stack e2e-load destroyed \(\d+ resources\)", report["cleanup"])
    assert "e2e-load" not in sandbox.stacks()
    assert emulator.running() is not None, "the session's emulator must be left running"


def test_load_on_a_stack_that_is_up_deletes_its_users(dev, tmp_path):
    outputs = tmp_path / "outputs.json"
    outputs.write_text(json.dumps(dev.outputs))
    done = load(
        "--users", "6", "--concurrency", "3", "--outputs", str(outputs),
        "--endpoint-url", dev.endpoint,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines()[-1] == "all invariants held"
    assert "cleanup: deleted 6 users of this run" in done.stdout
    emails = [
        a["Value"]
        for u in dev.idp.list_users(UserPoolId=dev.pool_id)["Users"]
        for a in u["Attributes"]
        if a["Name"] == "email"
    ]
    assert not [e for e in emails if e.startswith("load+")]


@pytest.mark.parametrize(
    "args, message",
    [
        (["--users", "0"], "--users is 0; it must be from 1 to 10000"),
        (["--concurrency", "65"], "--concurrency is 65; it must be from 1 to 64"),
        (["--time-limit", "0"], "--time-limit must be above 0"),
        (["--outputs", "x.json"], "--outputs and --endpoint-url go together"),
        (
            ["--outputs", "x.json", "--endpoint-url", "http://10.0.0.1:4566"],
            "is not a loopback http URL",
        ),
    ],
)
def test_refusals_exit_2_before_anything_is_sent(args, message):
    done = load(*args)
    assert done.returncode == 2
    assert message in done.stderr
    assert done.stdout == ""
