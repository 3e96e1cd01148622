"""boto3 clients that talk to the emulator, never to AWS.

Under AUTH=true ministack accepts its root key (`test`, or a 12-digit account id as the
key) with any secret and refuses unknown keys with InvalidClientTokenId. The
credentials are passed explicitly so a real profile or AWS_* variable in the shell can
neither leak to nor be used against the emulator.
"""

from __future__ import annotations

import os
import threading
from typing import Any

import boto3
import botocore.session
from botocore.config import Config

from .emulator import REGION, ROOT_ACCESS_KEY_ID, ROOT_SECRET_ACCESS_KEY

# The emulator answers in milliseconds; a long retry loop would only hide a dead process.
_CONFIG = Config(
    connect_timeout=2, read_timeout=30, retries={"max_attempts": 2, "mode": "standard"}
)


class EmulatorClients:
    """A cache of boto3 clients for one emulator endpoint, safe to share between threads.

    Pulumi registers resources from a thread pool, and creating clients from one
    boto3 session is not thread-safe, so creation is serialised here.
    """

    def __init__(self, endpoint: str, region: str = REGION) -> None:
        self.endpoint = endpoint
        self.region = region
        self._session = boto3.session.Session(
            aws_access_key_id=ROOT_ACCESS_KEY_ID,
            aws_secret_access_key=ROOT_SECRET_ACCESS_KEY,
            region_name=region,
            botocore_session=_isolated_session(),
        )
        self._clients: dict[tuple[str, str], Any] = {}
        self._lock = threading.Lock()

    def __call__(self, service: str, region: str | None = None) -> Any:
        """The client for `service`; `region` only for a resource that names its own."""
        key = (service, region or self.region)
        with self._lock:
            if key not in self._clients:
                self._clients[key] = self._session.client(
                    service, region_name=key[1], endpoint_url=self.endpoint, config=_CONFIG
                )
            return self._clients[key]


def _isolated_session() -> botocore.session.Session:
    """A botocore session that reads nothing of the shell's AWS setup: a missing or foreign
    AWS_PROFILE, config and credentials files, or an AWS_ENDPOINT_URL cannot reach it.

    Each entry replaces botocore's (config name, environment variable, default, converter)
    for that setting with one that names no variable and no file.
    """
    return botocore.session.Session(
        session_vars={
            "profile": (None, None, None, None),
            "config_file": (None, None, os.devnull, None),
            "credentials_file": (None, None, os.devnull, None),
            "ignore_configured_endpoint_urls": (None, None, True, None),
        }
    )
