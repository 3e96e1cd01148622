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


def pytest_collection_modifyitems(config, items):
    """Unit tests set Pulumi's mocks for the whole process; the end-to-end tests run the real
    engine's runtime in it. One pytest process must not hold both."""
    e2e = [item for item in items if item.nodeid.startswith("tests/e2e/")]
    if e2e and len(e2e) != len(items):
        raise pytest.UsageError(
            "run the unit and the end-to-end tests in separate pytest processes: `make test`, "
            "or `pytest --ignore=tests/e2e` and `pytest tests/e2e`"
        )
