"""Input normalisation (reports.normalize.parse_value): what people type becomes the number they mean."""
from decimal import Decimal

import pytest

from reports.formats import GOV_2019, GOV_2021
from reports.normalize import InvalidValue, parse_value
from reports.rules.input import findings_from_problems

COUNT = GOV_2021.field("apply.new.natural")
FEE = GOV_2021.field("active.fees.amount")
CHANGE = GOV_2019.field("active.license.change")
CELL = "一、本年新收政府信息公开申请数量（自然人）"
FEE_CELL = "行政事业性收费（本年收费金额（单位：万元））"


@pytest.mark.parametrize(
    ("field", "raw", "value"),
    [
        (COUNT, "12", 12), (COUNT, 12, 12), (COUNT, "０１２", 12), (COUNT, "1,234", 1234),
        (COUNT, "１，２３４", 1234), (COUNT, " 7 ", 7), (COUNT, "\u30007\u3000", 7), (COUNT, "1 234", 1234),
        (COUNT, "0", 0), (COUNT, Decimal(5), 5), (COUNT, "12,345,678", 12345678),
        (COUNT, None, None), (COUNT, "", None), (COUNT, "  ", None),
        (CHANGE, "-3", -3), (CHANGE, "－3", -3), (CHANGE, "−3", -3), (CHANGE, "+2", 2),
        (FEE, "97.07", Decimal("97.07")), (FEE, "０.５", Decimal("0.5")), (FEE, "1,234.5678", Decimal("1234.5678")),
        (FEE, "1.50000", Decimal("1.5000")), (FEE, 3, Decimal(3)), (FEE, "12。5", Decimal("12.5")),
    ],
)
def test_accepted(field, raw, value):
    parsed = parse_value(field, raw)
    assert parsed == value
    assert type(parsed) is type(value)


@pytest.mark.parametrize(
    ("field", "raw", "message"),
    [
        (COUNT, "abc", f"{CELL}：“abc”不是数字。"),
        (COUNT, "十二", f"{CELL}：“十二”不是数字。"),
        (COUNT, "/", f"{CELL}：“/”不是数字。"),
        (COUNT, "12,34", f"{CELL}：“12,34”不是数字。"),
        (COUNT, "-1", f"{CELL}：数量不能为负数。"),
        (COUNT, "2.5", f"{CELL}：“2.5”不是整数。"),
        (COUNT, 2.0, f"{CELL}：“2.0”不是整数。"),
        (COUNT, True, f"{CELL}：“True”不是数字。"),
        (COUNT, "9" * 13, f"{CELL}：“{'9' * 13}”过大。"),
        (COUNT, 10**15, f"{CELL}：“{10**15}”过大。"),
        (FEE, "1.23456", f"{FEE_CELL}：金额单位为万元，最多保留4位小数。"),
        (FEE, "-0.5", f"{FEE_CELL}：金额不能为负数。"),
        (FEE, "1e3", f"{FEE_CELL}：“1e3”不是金额。"),
        (FEE, "12万", f"{FEE_CELL}：“12万”不是金额。"),
        (FEE, "9" * 14, f"{FEE_CELL}：“{'9' * 14}”过大。"),
    ],
)
def test_refused_with_a_message_naming_the_cell(field, raw, message):
    with pytest.raises(InvalidValue) as caught:
        parse_value(field, raw)
    assert caught.value.message == message
    assert caught.value.field is field


def test_problems_become_findings():
    problems = []
    for field, raw in ((COUNT, "x"), (FEE, "-1")):
        try:
            parse_value(field, raw)
        except InvalidValue as exc:
            problems.append(exc)
    problems.append(InvalidValue(None, "apply.granted.everyone", "未知"))
    problems.append(InvalidValue(None, "text.summary", "未知"))
    findings = findings_from_problems(problems)
    assert [(f.rule, f.severity, f.cells, f.texts) for f in findings] == [
        ("VALUE-INTEGER", "error", ("apply.new.natural",), ()),
        ("VALUE-FEE", "error", ("active.fees.amount",), ()),
        ("INPUT-UNKNOWN-KEY", "error", ("apply.granted.everyone",), ()),
        ("INPUT-UNKNOWN-KEY", "error", (), ("text.summary",)),
    ]
    assert findings[0].message == f"{CELL}：“x”不是数字。"
