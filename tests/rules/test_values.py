"""Value domain: VALUE-INTEGER, VALUE-FEE, VALUE-FILLED, VALUE-RANGE, INPUT-UNKNOWN-KEY, ACTIVE-RULES-AUTHORITY."""
from decimal import Decimal

import pytest

from reports.data import AgencyFacts

from .conftest import run


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("apply.granted.natural", -1, "（一）予以公开（自然人）：-1为负数，数量不能为负数"),
        ("apply.granted.natural", "12", "（一）予以公开（自然人）：“12”不是整数"),
        ("apply.granted.natural", 2.5, "（一）予以公开（自然人）：“2.5”不是整数"),
        ("apply.granted.natural", Decimal("2.5"), "（一）予以公开（自然人）：“2.5”不是整数"),
        ("apply.granted.natural", True, "（一）予以公开（自然人）：“True”不是整数"),
        ("appeal.review.upheld", -2, "行政复议（结果维持）：-2为负数，数量不能为负数"),
    ],
)
def test_value_integer_fails(report_2021, key, value, message):
    report_2021.cells[key] = value
    (finding,) = run(report_2021, "VALUE-INTEGER")
    assert (finding.severity, finding.cells, finding.message) == ("error", (key,), message)


@pytest.mark.parametrize("value", [0, 7, Decimal(7), None])
def test_value_integer_passes(report_2021, value):
    report_2021.cells["apply.granted.natural"] = value
    assert run(report_2021, "VALUE-INTEGER") == []


def test_a_change_of_gov_2019_may_be_negative(report_2020):
    report_2020.cells["active.license.change"] = -3
    assert run(report_2020, "VALUE-INTEGER") == []
    report_2020.cells["active.license.change"] = "x"
    assert len(run(report_2020, "VALUE-INTEGER")) == 1


def test_an_invalid_value_is_left_out_of_the_sums(report_2021):
    report_2021.cells["apply.granted.natural"] = "abc"
    rules = {f.rule for f in run(report_2021, "VALUE-INTEGER") + run(report_2021, "APPLY-ROW-SUM")}
    assert rules == {"VALUE-INTEGER"}


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (Decimal(-1), "行政事业性收费（本年收费金额（单位：万元））：金额-1为负数"),
        (Decimal("1.23456"), "行政事业性收费（本年收费金额（单位：万元））：1.23456的小数超过4位"),
        ("97.07", "行政事业性收费（本年收费金额（单位：万元））：“97.07”不是金额"),
        (97.07, "行政事业性收费（本年收费金额（单位：万元））：“97.07”不是金额"),
    ],
)
def test_value_fee_fails(report_2021, value, message):
    report_2021.cells["active.fees.amount"] = value
    (finding,) = run(report_2021, "VALUE-FEE")
    assert (finding.severity, finding.cells, finding.message) == ("error", ("active.fees.amount",), message)


@pytest.mark.parametrize("value", [Decimal(0), Decimal("97.0700"), Decimal("1.12340"), 3, None])
def test_value_fee_passes(report_2021, value):
    report_2021.cells["active.fees.amount"] = value
    assert run(report_2021, "VALUE-FEE") == []


def test_value_filled_only_at_submission(report_2021):
    report_2021.cells["apply.granted.natural"] = None
    report_2021.cells["appeal.review.upheld"] = None
    report_2021.cells["appeal.review.other"] = None
    assert run(report_2021, "VALUE-FILLED") == []
    apply, appeal = run(report_2021, "VALUE-FILLED", stage="submit")
    assert apply.severity == "error"
    assert apply.cells == ("apply.granted.natural",)
    assert apply.message == "三、收到和处理政府信息公开申请情况：有1个数值未填写（（一）予以公开（自然人）），没有发生的应填0"
    assert appeal.cells == ("appeal.review.upheld", "appeal.review.other")


def test_value_filled_names_a_few_cells_and_counts_all(report_2021):
    for key in [k for k in report_2021.cells if k.startswith("apply.denied.")]:
        report_2021.cells[key] = None
    (finding,) = run(report_2021, "VALUE-FILLED", stage="submit")
    assert len(finding.cells) == 56
    assert finding.message.endswith("等56项），没有发生的应填0")


def test_value_filled_passes_when_complete(report_2021, report_2020):
    assert run(report_2021, "VALUE-FILLED", stage="submit") == []
    assert run(report_2020, "VALUE-FILLED", stage="submit") == []


@pytest.mark.parametrize(
    ("key", "value", "facts", "warned"),
    [
        ("apply.new.natural", 100_001, None, True),
        ("apply.new.natural", 100_000, None, False),
        ("appeal.review.upheld", 200_000, None, True),
        ("active.license.decided", 2_000_000, None, False),  # 表二 decision counts may be huge
        ("active.fees.amount", Decimal("10000.5"), AgencyFacts(level="county"), True),
        ("active.fees.amount", Decimal("10000.5"), AgencyFacts(level="township"), True),
        ("active.fees.amount", Decimal("10000.5"), AgencyFacts(level="city"), False),
        ("active.fees.amount", Decimal(10000), AgencyFacts(level="county"), False),
        ("active.fees.amount", Decimal("10000.5"), None, False),
    ],
)
def test_value_range(report_2021, key, value, facts, warned):
    report_2021.cells[key] = value
    findings = run(report_2021, "VALUE-RANGE", facts=facts)
    assert [f.cells for f in findings] == ([(key,)] if warned else [])
    assert all(f.severity == "warning" for f in findings)


def test_value_range_message(report_2021):
    report_2021.cells["appeal.review.upheld"] = 123_456
    (finding,) = run(report_2021, "VALUE-RANGE")
    assert finding.message == "行政复议（结果维持）：123456超过100000，请核实是否填写有误"
    report_2021.cells["appeal.review.upheld"] = 3
    report_2021.cells["active.fees.amount"] = Decimal(12000)
    (finding,) = run(report_2021, "VALUE-RANGE", facts=AgencyFacts(level="county"))
    assert "12000万元超过10000万元" in finding.message


def test_unknown_keys_are_named(report_2021):
    report_2021.cells["apply.granted.everyone"] = 3
    report_2021.texts["text.summary"] = "……"
    cell, text = run(report_2021, "INPUT-UNKNOWN-KEY")
    assert (cell.severity, cell.cells, cell.message) == (
        "error", ("apply.granted.everyone",), "格式gov-2021中没有数据项“apply.granted.everyone”")
    assert (text.cells, text.texts) == ((), ("text.summary",))
    assert "text.summary" in text.message


@pytest.mark.parametrize(
    ("can_make_rules", "issued", "in_force", "warned"),
    [(False, 1, 0, True), (False, 0, 3, True), (False, 0, 0, False), (True, 2, 5, False)],
)
def test_rules_authority(report_2021, can_make_rules, issued, in_force, warned):
    report_2021.cells["active.rules.issued"] = issued
    report_2021.cells["active.rules.in_force"] = in_force
    findings = run(report_2021, "ACTIVE-RULES-AUTHORITY", facts=AgencyFacts(can_make_rules=can_make_rules))
    assert bool(findings) == warned


def test_rules_authority_message_and_no_facts(report_2021):
    report_2021.cells["active.rules.issued"] = 1
    report_2021.cells["active.rules.in_force"] = 4
    assert run(report_2021, "ACTIVE-RULES-AUTHORITY") == []
    (finding,) = run(report_2021, "ACTIVE-RULES-AUTHORITY", facts=AgencyFacts())
    assert finding.cells == ("active.rules.issued", "active.rules.in_force")
    assert finding.message.startswith("规章：本年制发件数（1）、现行有效件数（4），但本机关没有规章制定权")
