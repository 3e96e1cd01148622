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


@pytest.fixture
def build_auth(fake_aws, monitor):
    """build_auth(args) -> the exports of CognitoAuth("auth", args), evaluated under mocks."""
    from components import CognitoAuth
    from offline import evaluate

    def run(args: dict) -> dict:
        return evaluate(fake_aws, lambda: CognitoAuth("auth", args).exports(), monitor=monitor)

    return run


@pytest.fixture
def refusal(build_auth, fake_aws):
    """refusal(args) -> the problems CognitoAuth lists, once it is sure nothing registered."""
    from components import ConfigError

    def run(args: dict) -> list[str]:
        with pytest.raises(ConfigError) as error:
            build_auth(args)
        assert fake_aws.resources == []
        return error.value.problems

    return run
