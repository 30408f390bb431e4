"""Cross-year rules: APPLY-CARRY-IN, ACTIVE-STOCK, ACTIVE-REPEAL-BOUND, ACTIVE-ITEMS-CHANGE, TEXT-SIMILAR-LAST-YEAR."""
import copy

import pytest

from reports.rules.similarity import copied_share, sentences

from .conftest import FIXTURES, load_case, run


def last_year_of(data, **cells):
    last = copy.deepcopy(data)
    last.year = data.year - 1
    last.texts = {"text.other": "上年的报告写的是完全不同的事情，与本年没有一句相同。"}
    last.cells.update(cells)
    return last


def test_cross_year_rules_are_skipped_without_last_year(report_2021, report_2020):
    for rule in ("APPLY-CARRY-IN", "ACTIVE-STOCK", "ACTIVE-REPEAL-BOUND", "TEXT-SIMILAR-LAST-YEAR"):
        assert run(report_2021, rule) == []
    assert run(report_2020, "ACTIVE-ITEMS-CHANGE") == []


def test_carry_in_matches_last_years_carry_over(report_2021):
    last = last_year_of(report_2021)
    for col in ("natural", "business", "research", "nonprofit", "legal", "other", "total"):
        last.cells[f"apply.carried_over.{col}"] = report_2021.cells[f"apply.carried_in.{col}"]
    assert run(report_2021, "APPLY-CARRY-IN", last_year=last) == []
    last.cells["apply.carried_over.natural"] += 1
    last.cells["apply.carried_over.total"] += 1
    natural, total = run(report_2021, "APPLY-CARRY-IN", last_year=last)
    assert natural.cells == ("apply.carried_in.natural",)
    assert natural.severity == "warning"
    assert natural.message == (
        "二、上年结转政府信息公开申请数量（2）不等于上年报告的四、结转下年度继续办理（3）（自然人）"
    )
    assert total.cells == ("apply.carried_in.total",)


def test_carry_in_works_across_the_format_change(report_2021, report_2020):
    last = copy.deepcopy(report_2020)
    last.cells["apply.carried_over.legal"] = report_2021.cells["apply.carried_in.legal"] + 2
    findings = run(report_2021, "APPLY-CARRY-IN", last_year=last)
    assert ("apply.carried_in.legal",) in [f.cells for f in findings]


@pytest.mark.parametrize(
    ("last_in_force", "issued", "repealed", "in_force", "warned"),
    [(8, 2, 1, 9, False), (8, 2, 1, 10, True), (0, 0, 0, 0, False), (5, 0, 0, 4, True)],
)
def test_active_stock(report_2021, last_in_force, issued, repealed, in_force, warned):
    last = last_year_of(report_2021, **{"active.normative.in_force": last_in_force})
    report_2021.cells.update({
        "active.normative.issued": issued, "active.normative.repealed": repealed,
        "active.normative.in_force": in_force,
    })
    findings = run(report_2021, "ACTIVE-STOCK", last_year=last)
    assert [f.cells for f in findings] == (
        [("active.normative.in_force", "active.normative.issued", "active.normative.repealed")] if warned else []
    )


def test_active_stock_message(report_2021):
    last = last_year_of(report_2021, **{"active.normative.in_force": 8})
    report_2021.cells["active.normative.in_force"] = 10
    (finding,) = run(report_2021, "ACTIVE-STOCK", last_year=last)
    assert finding.message == (
        "行政规范性文件：现行有效件数（10）不等于上年报告的现行有效件数加本年制发件数减本年废止件数（9）"
    )


def test_active_stock_not_across_the_format_change(report_2021, report_2020):
    report_2021.cells["active.normative.in_force"] = 100
    assert run(report_2021, "ACTIVE-STOCK", last_year=report_2020) == []
    assert run(report_2021, "ACTIVE-REPEAL-BOUND", last_year=report_2020) == []


@pytest.mark.parametrize(("last_in_force", "issued", "repealed", "warned"), [(3, 1, 4, False), (3, 1, 5, True)])
def test_repeal_bound(report_2021, last_in_force, issued, repealed, warned):
    last = last_year_of(report_2021, **{"active.rules.in_force": last_in_force})
    report_2021.cells.update({"active.rules.issued": issued, "active.rules.repealed": repealed})
    findings = run(report_2021, "ACTIVE-REPEAL-BOUND", last_year=last)
    assert bool(findings) == warned
    if warned:
        assert findings[0].message == "规章：本年废止件数（5）大于上年报告的现行有效件数加本年制发件数（4）"


def test_items_change(report_2020):
    last = last_year_of(report_2020, **{"active.penalty.prev_items": 40, "active.penalty.change": -3})
    report_2020.cells["active.penalty.prev_items"] = 37
    assert run(report_2020, "ACTIVE-ITEMS-CHANGE", last_year=last) == []
    report_2020.cells["active.penalty.prev_items"] = 43
    (finding,) = run(report_2020, "ACTIVE-ITEMS-CHANGE", last_year=last)
    assert finding.cells == ("active.penalty.prev_items",)
    assert finding.message == "行政处罚：上一年项目数量（43）不等于上年报告的上一年项目数量加上年报告的本年增/减（37）"


def test_items_change_is_gov_2019_only(report_2021, report_2020):
    last = last_year_of(report_2020, **{"active.penalty.prev_items": 40})
    _doc, case = load_case(FIXTURES / "case-011.json")
    case.cells["active.penalty.prev_items"] = 1
    assert run(report_2021, "ACTIVE-ITEMS-CHANGE", last_year=last) == []
    assert run(case, "ACTIVE-ITEMS-CHANGE", last_year=last)


def test_a_blank_last_year_is_not_compared(report_2021):
    last = last_year_of(report_2021)
    last.cells = {}
    assert run(report_2021, "APPLY-CARRY-IN", last_year=last) == []
    assert run(report_2021, "ACTIVE-STOCK", last_year=last) == []


LAST_YEAR = (
    "2023年，我局认真贯彻落实《中华人民共和国政府信息公开条例》。通过政府网站主动公开各类政府信息120条。"
    "严格落实信息发布审核制度，坚持先审后发。加强政府网站信息公开专栏建设，及时维护更新栏目内容。"
)


@pytest.mark.parametrize(
    ("this", "share"),
    [
        (LAST_YEAR, 1.0),
        (LAST_YEAR.replace("2023", "2024").replace("120", "98"), 1.0),  # only numbers changed: still copied
        ("今年我们换了一种写法，全部重新撰写。没有一句与上年相同的话。", 0.0),
        (LAST_YEAR.split("。")[0] + "。今年新建了政务公开专区，开通了线上申请渠道，并组织了三次业务培训和一次自查。", None),
    ],
)
def test_copied_share(this, share):
    measured, length = copied_share([this], [LAST_YEAR])
    if share is None:
        assert 0 < measured < 0.5
    else:
        assert measured == share
    assert length == sum(len(s) for s in sentences(this))


def test_similar_last_year(report_2021):
    last = last_year_of(report_2021)
    last.texts = dict(report_2021.texts)
    (finding,) = run(report_2021, "TEXT-SIMILAR-LAST-YEAR", last_year=last)
    assert finding.severity == "warning"
    assert finding.message == "报告文字有100%与上年报告逐句相同，请结合本年度工作实际撰写"
    assert "text.problems" in finding.texts
    last.texts = {k: v.replace("。", "，取得了成效。") for k, v in report_2021.texts.items()}
    assert run(report_2021, "TEXT-SIMILAR-LAST-YEAR", last_year=last) == []


def test_similar_last_year_points_at_the_copied_texts(report_2021):
    last = last_year_of(report_2021)
    last.texts = {k: v for k, v in report_2021.texts.items() if k != "text.other"}
    (finding,) = run(report_2021, "TEXT-SIMILAR-LAST-YEAR", last_year=last)
    assert "text.other" not in finding.texts
    assert "text.overview.active" in finding.texts


def test_a_short_narrative_is_not_judged(report_2021):
    report_2021.texts = {"text.problems": "无", "text.other": "无"}
    last = last_year_of(report_2021)
    last.texts = dict(report_2021.texts)
    assert run(report_2021, "TEXT-SIMILAR-LAST-YEAR", last_year=last) == []


def test_the_preamble_is_boilerplate_and_not_judged(report_2021):
    preamble = "本报告根据《中华人民共和国政府信息公开条例》编制。" * 20
    report_2021.texts = {**report_2021.texts, "text.preamble": preamble}
    last = last_year_of(report_2021)
    last.texts = {"text.preamble": preamble, "text.problems": "上年的问题与措施完全不同，另行撰写。"}
    assert run(report_2021, "TEXT-SIMILAR-LAST-YEAR", last_year=last) == []
    last.texts = dict(report_2021.texts)
    (finding,) = run(report_2021, "TEXT-SIMILAR-LAST-YEAR", last_year=last)
    assert "text.preamble" not in finding.texts
