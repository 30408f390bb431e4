from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "importers"


@pytest.fixture
def fixture_path():
    return lambda name: FIXTURES / name
