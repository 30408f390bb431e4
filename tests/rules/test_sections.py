"""Mapping findings to the drafting steps."""
import pytest

from reports.rules import Finding, evaluate, finding_sections, findings_for_section


@pytest.mark.parametrize(
    ("cells", "texts", "sections"),
    [
        (("apply.new.natural",), (), ("apply",)),
        (("appeal.review.total",), (), ("appeal",)),
        (("active.fees.amount",), (), ("active",)),
        ((), ("text.overview.oversight",), ("overview",)),
        ((), ("text.overview",), ("overview",)),
        ((), ("text.problems",), ("problems",)),
        ((), ("text.other",), ("other",)),
        ((), ("text.preamble",), ("cover",)),
        ((), (), ("cover",)),
        (("apply.new.total",), ("text.overview.on_request",), ("apply", "overview")),
        (("apply.other.no_fee.total",), ("text.other",), ("apply", "other")),
    ],
)
def test_finding_sections(cells, texts, sections):
    assert finding_sections(Finding("X", "error", cells, "", texts)) == sections


def test_findings_for_section(report_2021):
    report_2021.cells["appeal.review.pending"] += 1
    report_2021.texts["text.other"] = "无"
    report_2021.title = "2024年信息公开工作年度报告"
    findings = evaluate(report_2021)
    assert [f.rule for f in findings_for_section(findings, "appeal")] == ["APPEAL-SUM"]
    assert {f.rule for f in findings_for_section(findings, "other")} == {"APPLY-NO-FEE-TEXT", "TEXT-FEE-STATEMENT"}
    assert {f.rule for f in findings_for_section(findings, "apply")} == {"APPLY-NO-FEE-TEXT"}
    assert [f.rule for f in findings_for_section(findings, "cover")] == ["META-TITLE"]
    assert findings_for_section(findings, "problems") == []
