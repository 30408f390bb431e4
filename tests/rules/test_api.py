"""The public API others build on: Finding, evaluate's options, purity."""
import dataclasses

import pytest

from reports.rules import ERROR, Finding, evaluate, has_errors
from reports.rules.definitions import RULES


def test_finding_to_json_is_the_interchange_form():
    finding = Finding("APPLY-BALANCE", ERROR, ("apply.new.natural", "apply.total.natural"), "消息", ("text.other",))
    assert finding.to_json() == {
        "rule": "APPLY-BALANCE", "severity": "error", "cells": ["apply.new.natural", "apply.total.natural"],
        "message": "消息",
    }
    with pytest.raises(dataclasses.FrozenInstanceError):
        finding.rule = "X"


def test_unknown_stage_is_refused(report_2021):
    with pytest.raises(ValueError):
        evaluate(report_2021, stage="published")


def test_a_subset_of_rules_can_be_run(report_2021):
    report_2021.cells["appeal.review.pending"] += 1
    appeal_sum = next(r for r in RULES if r.id == "APPEAL-SUM")
    assert [f.rule for f in evaluate(report_2021, rules=(appeal_sum,))] == ["APPEAL-SUM"]
    assert evaluate(report_2021, rules=()) == []


def test_findings_come_in_rule_order(report_2021):
    report_2021.cells["appeal.review.pending"] += 1
    report_2021.cells["apply.granted.natural"] = -1
    report_2021.title = "错误的标题"
    order = [r.id for r in RULES]
    found = [f.rule for f in evaluate(report_2021)]
    assert found == sorted(found, key=order.index)
    assert has_errors(evaluate(report_2021))


def test_an_empty_draft_only_lacks_its_texts(report_2021):
    empty = dataclasses.replace(report_2021, cells={}, texts={}, title="", signed_on=None)
    assert {f.rule for f in evaluate(empty)} == {"TEXT-REQUIRED"}
    assert {f.rule for f in evaluate(empty, stage="submit")} == {"TEXT-REQUIRED", "VALUE-FILLED", "META-DATE-MISSING"}


def test_evaluate_does_not_change_the_report(report_2021):
    before = dataclasses.replace(report_2021, cells=dict(report_2021.cells), texts=dict(report_2021.texts))
    evaluate(report_2021, last_year=before, stage="submit")
    assert report_2021 == before


def test_messages_follow_the_active_language_and_keep_the_statutory_labels(report_2021):
    from django.utils import translation

    report_2021.cells["appeal.review.pending"] += 1
    with translation.override("en"):
        (english,) = evaluate(report_2021)
    (chinese,) = evaluate(report_2021)
    assert english.message.startswith("行政复议: 总计 (8) does not equal the sum of 结果维持")
    assert chinese.message == "行政复议：总计（8）不等于结果维持、结果纠正、其他结果、尚未审结之和（9）"
