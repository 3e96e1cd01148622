import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fake_aws import FakeAws, RecordingMonitor  # noqa: E402


@pytest.fixture
def fake_aws() -> FakeAws:
    return FakeAws()


@pytest.fixture
def monitor(fake_aws) -> RecordingMonitor:
    return RecordingMonitor(fake_aws)
