"""The rule catalogue: every rule of the spec is defined once, as data, with a Chinese message."""
import dataclasses
import re

import pytest
from django.utils.functional import Promise

from reports.rules import SEVERITIES
from reports.rules.definitions import RULES

SPEC = {
    "VALUE-INTEGER": "error", "VALUE-FEE": "error", "VALUE-FILLED": "error", "VALUE-RANGE": "warning",
    "APPLY-BALANCE": "error", "APPLY-RESULTS-SUM": "error", "APPLY-ROW-SUM": "error", "APPLY-CARRY-IN": "warning",
    "APPLY-NO-FEE-TEXT": "warning", "APPEAL-SUM": "error", "ACTIVE-STOCK": "warning",
    "ACTIVE-REPEAL-BOUND": "warning", "ACTIVE-RULES-AUTHORITY": "warning", "ACTIVE-ITEMS-CHANGE": "warning",
    "FORMAT-YEAR": "error", "TEXT-REQUIRED": "error", "TEXT-OVERVIEW-TOPICS": "warning",
    "TEXT-PROBLEMS-SUBSTANCE": "warning", "TEXT-FEE-STATEMENT": "warning", "TEXT-GOV-OVERSIGHT": "warning",
    "TEXT-NUMBERS": "warning", "TEXT-SIMILAR-LAST-YEAR": "warning", "META-TITLE": "warning",
    "META-DATE": "warning", "META-STALE-REFERENCE": "info",
}
CJK = re.compile(r"[\u4e00-\u9fff]")


def test_every_rule_of_the_spec_is_defined_with_its_severity():
    defined = {r.id: r.severity for r in RULES}
    assert {k: defined.get(k) for k in SPEC} == SPEC
    # Beyond the spec: unknown keys, the missing date (it blocks submission), the layout note, and a title
    # that could not name a file.
    assert set(defined) - set(SPEC) == {"INPUT-UNKNOWN-KEY", "META-DATE-MISSING", "TEXT-LAYOUT", "META-TITLE-PATH"}
    assert defined["META-DATE-MISSING"] == "error"
    assert len(defined) == len(RULES)
    assert all(r.severity in SEVERITIES for r in RULES)


def templates(rule):
    for field in dataclasses.fields(rule):
        value = getattr(rule, field.name)
        if isinstance(value, Promise):
            yield value
        elif field.name == "messages":
            yield from (template for _reason, template in value)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_messages_are_translated(rule):
    found = list(templates(rule))
    assert found
    assert all(CJK.search(str(t)) for t in found), [str(t) for t in found if not CJK.search(str(t))]
