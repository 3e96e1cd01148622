"""examples/web in a real browser: the built app, served on loopback, configured from the
dev stack's outputs, driven by Playwright in headless Chromium through every step a user
takes: sign up (confirmed at once by the PreSignUp trigger), sign in with SRP, the ID
token's claims, a forced refresh, sign out.

The browser calls the emulator itself (Amplify's `userPoolEndpoint`): ministack answers
every request, preflight included, with `Access-Control-Allow-Origin: *`, so the app's
origin needs no proxy. One browser run serves every test here; each asserts one step of it.
"""

import json
import os
import secrets
import shutil
import statistics
import subprocess
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from botocore.exceptions import ClientError

REPO = Path(__file__).resolve().parents[2]
WEB = REPO / "examples" / "web"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Where the signed-in screenshot and the timings are kept (git-ignored).
ARTIFACTS = REPO / ".artifacts" / "web"
PASSWORD = "Test1234!"
# Users driven through the whole flow, one fresh browser context each: the timings are
# medians over them.
USERS = 5


def _need(condition: bool, what: str) -> None:
    if not condition:
        pytest.fail(f"the browser test needs {what}", pytrace=False)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


@pytest.fixture(scope="module")
def served_app(dev, tmp_path_factory):
    """The production build of examples/web with a config.json written from the stack's
    outputs, served by a static server on 127.0.0.1 at /app/ (and at /no-config/ and
    /mixed-stacks/ and /ids-only/ with no or a wrong config.json); yields the server's URL."""
    _need(Path(CHROMIUM).exists(), f"Chromium at {CHROMIUM}: run `make chromium` (as root)")
    _need(shutil.which("npm") is not None, "Node.js 20 and npm on PATH")
    _need((WEB / "node_modules" / ".installed").exists(), "its npm packages: run `make web`")
    root = tmp_path_factory.mktemp("web")
    site = root / "app"
    build = subprocess.run(
        ["npm", "run", "build", "--", "--outDir", str(site), "--emptyOutDir"],
        cwd=WEB, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert build.returncode == 0, build.stdout + build.stderr
    # The same build beside it twice, with no config.json and with one that mixes stacks.
    shutil.copytree(site, root / "no-config")
    shutil.copytree(site, root / "mixed-stacks")
    shutil.copytree(site, root / "ids-only")

    # What a user writes from `pulumi stack output --json` (README: "Use it from your
    # app"), plus where the emulator answers instead of AWS.
    outputs = dev.handle.outputs()
    config = {key: outputs[key] for key in ("frontendConfig", "region")}
    assert config["frontendConfig"]["Auth"]["Cognito"]["userPoolClientId"] == outputs["clientId"]
    config["userPoolEndpoint"] = dev.endpoint
    (site / "config.json").write_text(json.dumps(config))
    # The ids alone, as a file written before the stack exported frontendConfig.
    (root / "ids-only" / "config.json").write_text(
        json.dumps({key: outputs[key] for key in ("userPoolId", "clientId", "region")})
    )
    (root / "mixed-stacks" / "config.json").write_text(
        json.dumps({**config, "region": "eu-west-1"})
    )

    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser_run(served_app) -> dict:
    """One run of examples/web/tests/browser-flow.mjs: USERS users, each through every step."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    screenshot = ARTIFACTS / "signed-in.png"
    screenshot.unlink(missing_ok=True)
    emails = [f"web+{secrets.token_hex(4)}@example.com" for _ in range(USERS)]
    run = subprocess.run(
        ["node", "tests/browser-flow.mjs", "--url", f"{served_app}/app/", "--emails",
         ",".join(emails), "--password", PASSWORD, "--screenshot", str(screenshot),
         "--broken", f"{served_app}/no-config/,{served_app}/mixed-stacks/,{served_app}/ids-only/",
         "--chromium", CHROMIUM],
        cwd=WEB, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout + run.stderr
    report = json.loads(run.stdout.strip().splitlines()[-1])
    report["screenshot"] = screenshot
    assert [user["email"] for user in report["users"]] == emails
    for user in report["users"]:
        # A failed step stops that user's run: say which, with what the page showed.
        assert "error" not in user, (
            f"{user['email']}: {user['error']} (session: {user['sessionShown']})"
        )
        assert user["pageErrors"] == [] and user["failedRequests"] == [], user
    return report


def _operations(user: dict) -> list[str]:
    return [call["operation"] for call in user["calls"]]


def test_every_cognito_call_goes_to_the_emulator_across_origins(browser_run, dev):
    emulator = "{0.scheme}://{0.netloc}".format(urlsplit(dev.endpoint))
    for user in browser_run["users"]:
        assert user["origin"] != emulator  # the app and Cognito are two origins
        assert user["calls"], user
        for call in user["calls"]:
            assert call["origin"] == emulator, call  # the endpoint override, never AWS
            assert call["status"] == 200, call
            assert call["allowOrigin"] == "*", call  # CORS: ministack's wildcard
        assert dev.pool_id in user["pool"] and dev.client_id in user["pool"]


def test_sign_up_is_confirmed_at_once_by_the_trigger(browser_run, dev):
    for user in browser_run["users"]:
        email = user["email"]
        assert user["signUp"] == f"Signed up {email}: confirmed at once (DONE)"
        assert _operations(user)[0] == "SignUp"
        status = dev.idp.admin_get_user(UserPoolId=dev.pool_id, Username=email)["UserStatus"]
        assert status == "CONFIRMED"


def test_sign_in_uses_srp_and_shows_the_id_token_claims(browser_run, dev):
    for user in browser_run["users"]:
        email = user["email"]
        assert user["signedIn"] == f"Signed in as {email} (USER_SRP_AUTH)"
        flows = [call for call in user["calls"] if call["operation"] == "InitiateAuth"]
        assert [call.get("authFlow") for call in flows] == ["USER_SRP_AUTH"]
        challenges = [c for c in user["calls"] if c["operation"] == "RespondToAuthChallenge"]
        assert [call.get("challenge") for call in challenges] == ["PASSWORD_VERIFIER"]
        claims = user["claims"]
        assert claims["email"] == email
        assert claims["email_verified"] is True  # the dev stack auto-verifies
        assert claims["token_use"] == "id"
        assert claims["aud"] == dev.client_id
        assert claims["iss"].endswith(f"/{dev.pool_id}")


def test_refresh_issues_new_tokens(browser_run):
    for user in browser_run["users"]:
        assert user["tokensChanged"] == "true", user["refreshed"]
        assert user["refreshed"].endswith("(new tokens)")
        # Amplify 6.22 refreshes with GetTokensFromRefreshToken, not InitiateAuth.
        assert _operations(user).count("GetTokensFromRefreshToken") == 1
        before, after = user["claims"], user["claimsAfterRefresh"]
        assert after["email"] == before["email"] and after["sub"] == before["sub"]
        # The same sign-in, refreshed. (ministack sets auth_time to the refresh's time; AWS
        # keeps the sign-in's, so auth_time cannot tell here.)
        assert after["origin_jti"] == before["origin_jti"]
        assert after["jti"] != before["jti"]


def test_sign_out_forgets_the_tokens_and_revokes_the_refresh_token(browser_run, dev):
    for user in browser_run["users"]:
        assert user["signedOut"] == "Signed out."
        assert user["claimsAfterSignOut"] == "(none)"
        assert user["tokensKeptAfterSignOut"] == []
        assert user["afterReload"] == "Not signed in."
        assert "RevokeToken" in _operations(user)
        with pytest.raises(ClientError) as refused:
            dev.idp.initiate_auth(
                ClientId=dev.client_id,
                AuthFlow="REFRESH_TOKEN_AUTH",
                AuthParameters={"REFRESH_TOKEN": user["refreshToken"]},
            )
        assert refused.value.response["Error"]["Code"] == "NotAuthorizedException"


def test_a_missing_or_mixed_config_is_one_sentence_on_the_page(browser_run, dev):
    missing, mixed, ids_only = browser_run["broken"]
    assert missing["error"] == (
        "Error: config.json: HTTP 404; write it from `pulumi stack output --json`"
    ), missing
    assert mixed["error"] == (
        f'Error: config.json: userPoolId "{dev.pool_id}" is not a pool of region "eu-west-1"; '
        "write the file again from one stack's outputs"
    ), mixed
    assert ids_only["error"] == (
        "Error: config.json: no frontendConfig with a user pool and an app client; "
        "write it from `pulumi stack output --json`"
    ), ids_only


def test_signed_in_screenshot_and_timings(browser_run, capsys):
    screenshot = browser_run["screenshot"]
    assert screenshot.read_bytes().startswith(b"\x89PNG"), screenshot

    def median(start: str | None, end: str) -> float:
        spans = [
            user["marks"][end] - (user["marks"][start] if start else 0.0)
            for user in browser_run["users"]
        ]
        return round(statistics.median(spans))

    def calls_median(operations: tuple[str, ...]) -> float:
        spans = [
            sum(call["ms"] for call in user["calls"] if call["operation"] in operations)
            for user in browser_run["users"]
        ]
        return round(statistics.median(spans))

    figures = {
        "page load to app ready": median(None, "ready"),
        "sign-up (click to confirmed)": median("sign-up:start", "sign-up:done"),
        "sign-in with SRP (click to signed in)": median("sign-in:start", "sign-in:done"),
        "  of which its two Cognito calls": calls_median(
            ("InitiateAuth", "RespondToAuthChallenge")
        ),
        "page load to signed in": median(None, "sign-in:done"),
        "refresh (forceRefresh)": median("refresh:start", "refresh:done"),
        "sign-out": median("sign-out:start", "sign-out:done"),
    }
    (ARTIFACTS / "timings.json").write_text(json.dumps(figures, indent=2))
    with capsys.disabled():
        print(f"\nbrowser test, Chromium {browser_run['chromium']}, medians of {USERS} users (ms):")
        for name, value in figures.items():
            print(f"  {name:40} {value:6}")
        print(f"  signed-in screenshot: {screenshot}")
    assert figures["page load to signed in"] > figures["sign-in with SRP (click to signed in)"]
