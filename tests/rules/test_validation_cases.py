"""Every example case yields exactly its expected error rules (warnings may appear)."""
import pytest

from reports.rules import ERROR, evaluate

from .conftest import CASES, load_case


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_case_yields_its_expected_errors(path):
    doc, data = load_case(path)
    errors = {f.rule for f in evaluate(data) if f.severity == ERROR}
    assert errors == set(doc["expected_errors"]), doc["case"]


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_case_at_submission_adds_no_error(path):
    doc, data = load_case(path)
    errors = {f.rule for f in evaluate(data, stage="submit") if f.severity == ERROR}
    assert errors == set(doc["expected_errors"])
