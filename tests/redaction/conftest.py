import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from spark_control.redaction.scrubber import Scrubber  # noqa: E402


@pytest.fixture(scope="session")
def scrubber() -> Scrubber:
    return Scrubber()


@pytest.fixture(scope="session")
def rules() -> Scrubber:
    """The rules alone: what a test of a rule checks must not depend on the NER voter."""
    return Scrubber(ner=False)


class Clock:
    def __init__(self) -> None:
        self.t = 1_000_000.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def clock() -> Clock:
    return Clock()
