"""Published reports with the real errors the rules exist for (copied from the demo examples)."""
import json
from pathlib import Path

import pytest

from reports.interchange import from_json
from reports.rules import evaluate

DATA = Path(__file__).resolve().parent / "data"


def load(name):
    data, problems = from_json(json.loads((DATA / f"{name}.json").read_text(encoding="utf-8")))
    assert problems == []
    return data


def test_gulou_xinfang_2021():
    findings = evaluate(load("gulou-xinfang-2021"), stage="submit")
    assert [(f.rule, f.severity, f.texts) for f in findings] == [
        ("TEXT-OVERVIEW-TOPICS", "warning", ("text.overview.on_request",)),
        ("TEXT-OVERVIEW-TOPICS", "warning", ("text.overview.management",)),
        ("TEXT-LAYOUT", "info", ("text.problems",)),  # 「新要求 and 公众关切」
        ("TEXT-FEE-STATEMENT", "warning", ("text.other",)),
        ("META-TITLE", "warning", ()),
        ("META-DATE-MISSING", "error", ()),  # no signature block
        ("META-STALE-REFERENCE", "info", ("text.overview.oversight",)),
    ]
    title = next(f for f in findings if f.rule == "META-TITLE")
    assert title.message == "标题“区信访局2021年政府信息公开工作年度报告”应为“鼓楼区信访局2021年政府信息公开工作年度报告”"
    stale = next(f for f in findings if f.rule == "META-STALE-REFERENCE")
    assert "《2020年政务公开工作要点》" in stale.message


def test_xigong_shequ_2021_uses_its_own_headings_in_one():
    findings = evaluate(load("xigong-shequ-2021"))
    assert [(f.rule, f.severity) for f in findings] == [
        ("TEXT-REQUIRED", "error"),
        ("TEXT-LAYOUT", "info"), ("TEXT-LAYOUT", "info"),  # 「(一) 」 and 「- (1)」「, 」
        ("TEXT-FEE-STATEMENT", "warning"),
    ]


@pytest.mark.parametrize("name", ["gulou-xinfang-2021", "xigong-shequ-2021"])
def test_their_tables_are_consistent(name):
    rules = {f.rule for f in evaluate(load(name))}
    assert not rules & {"APPLY-BALANCE", "APPLY-RESULTS-SUM", "APPLY-ROW-SUM", "APPEAL-SUM"}
