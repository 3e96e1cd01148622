"""A local OpenID Connect provider for the federation tests: node-oidc-provider, pinned in
tests/fixtures/oidc-idp (package-lock.json; `make idp-fixture` installs it), started on
127.0.0.1, and a browser's walk through its login and consent pages."""

import contextlib
import re
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import requests

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "oidc-idp"


@dataclass(frozen=True)
class LocalIdp:
    issuer: str
    client_id: str
    client_secret: str


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def missing() -> str | None:
    """Why the provider cannot start here, or None."""
    if shutil.which("node") is None:
        return "node is not installed"
    if not (FIXTURE / "node_modules" / "oidc-provider").is_dir():
        return "the fixture's packages are not installed: run `make idp-fixture`"
    return None


@contextlib.contextmanager
def running(port: int, client_id: str, client_secret: str, redirect_uri: str) -> Iterator[LocalIdp]:
    process = subprocess.Popen(
        ["node", "server.mjs", str(port), client_id, client_secret, redirect_uri],
        cwd=FIXTURE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        assert process.stdout is not None
        deadline = time.monotonic() + 30
        line = process.stdout.readline()
        while "ready" not in line:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the local OIDC provider did not start: {line}")
            line = process.stdout.readline()
        yield LocalIdp(f"http://localhost:{port}", client_id, client_secret)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


class _Form(HTMLParser):
    """The first form of a page: its action and its inputs."""

    def __init__(self):
        super().__init__()
        self.action: str | None = None
        self.fields: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form" and self.action is None:
            self.action = attributes.get("action") or ""
        elif tag == "input" and attributes.get("name"):
            self.fields.setdefault(attributes["name"], attributes.get("value") or "")


def sign_in(browser: requests.Session, location: str, login: str, until: str) -> str:
    """Follows the provider's redirects and fills in its login and consent forms, as a user
    would, until a redirect leaves for `until` (Cognito's /oauth2/idpresponse); returns it."""
    for _ in range(12):
        if location.startswith(until):
            return location
        response = browser.get(location, allow_redirects=False, timeout=10)
        while response.is_redirect:
            location = urljoin(response.url, response.headers["Location"])
            if location.startswith(until):
                return location
            response = browser.get(location, allow_redirects=False, timeout=10)
        response.raise_for_status()
        form = _Form()
        form.feed(response.text)
        if form.action is None:
            raise AssertionError(
                f"no form and no redirect at {response.url}: {response.text[:300]}"
            )
        fields = dict(form.fields)
        if "login" in fields:
            fields.update(login=login, password=re.sub(r"\W", "", login) or "x")
        posted = browser.post(
            urljoin(response.url, form.action), data=fields, allow_redirects=False, timeout=10
        )
        if not posted.is_redirect:
            raise AssertionError(f"the provider answered {posted.status_code}: {posted.text[:300]}")
        location = urljoin(posted.url, posted.headers["Location"])
    raise AssertionError("the provider's sign-in did not end")
