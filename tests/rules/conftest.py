import json
from pathlib import Path

import pytest

from reports.interchange import from_json

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "validation"
CASES = sorted(FIXTURES.glob("*.json"))


def load_case(path: Path):
    doc = json.loads(path.read_text(encoding="utf-8"))
    data, problems = from_json(doc)
    assert problems == []
    return doc, data


@pytest.fixture
def report_2021():
    """A consistent, complete gov-2021 report (case-000)."""
    return load_case(FIXTURES / "case-000.json")[1]


@pytest.fixture
def report_2020():
    """A consistent, complete gov-2019 report (case-011)."""
    return load_case(FIXTURES / "case-011.json")[1]


def of_rule(findings, rule_id):
    return [f for f in findings if f.rule == rule_id]


def run(data, rule_id, **kwargs):
    """The findings of one rule on `data` (evaluate() with every rule, then filtered)."""
    from reports.rules import evaluate

    return of_rule(evaluate(data, **kwargs), rule_id)
