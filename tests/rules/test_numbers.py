"""TEXT-NUMBERS: reading numbers in the narrative and comparing them with the tables."""
import copy

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reports.rules.numbers import chinese_number, read_number

from .conftest import run


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2", 2), ("12", 12), ("1,234", 1234), ("１，２３４", 1234), ("０１２", 12),
        ("零", 0), ("两", 2), ("十", 10), ("十二", 12), ("二十", 20), ("一百零五", 105), ("三百八十一", 381),
        ("两千", 2000), ("一千二百三十四", 1234), ("一万二千", 12000), ("二十万", 200000), ("二〇二四", 2024),
    ],
)
def test_read_number(text, value):
    assert read_number(text) == value


def test_chinese_number_reads_digit_by_digit_without_units():
    assert chinese_number("一二三") == 123


def say(data, text, key="text.overview.on_request"):
    data.texts[key] = text
    return run(data, "TEXT-NUMBERS", last_year=getattr(data, "_last", None))


# case-000: apply.new.total 381, carried_in 12, carried_over 7, appeal.review.total 8, suits 5 + 6.
@pytest.mark.parametrize(
    ("text", "cells"),
    [
        ("2024年共收到政府信息公开申请381件。", []),
        ("2024年共收到政府信息公开申请380件。", [("apply.new.total",)]),
        ("本年度新收政府信息公开申请三百八十一件。", []),
        ("本年度新收政府信息公开申请三百八十件。", [("apply.new.total",)]),
        ("依法受理政府信息公开申请３８１件。", []),
        ("收到政府信息公开申请约400件。", []),  # approximate
        ("收到政府信息公开申请400余件。", []),
        ("收到政府信息公开申请数十件。", []),
        ("收到群众来信举报12件。", []),  # not about applications
        ("收到行政复议申请8件。", []),
        ("上年结转政府信息公开申请12件。", []),
        ("上年结转政府信息公开申请十件。", [("apply.carried_in.total",)]),
        ("结转下年度继续办理7件。", []),
        ("结转下年度继续办理两件。", [("apply.carried_over.total",)]),
        ("结转至2025年继续办理9件。", [("apply.carried_over.total",)]),
        ("发生政府信息公开行政复议8件。", []),
        ("发生政府信息公开行政复议9件。", [("appeal.review.total",)]),
        ("行政复议结果维持3件。", []),  # a breakdown, not the total
        ("行政诉讼11件。", []),
        ("涉及政府信息公开的行政诉讼十二件。", [("appeal.suit_direct.total", "appeal.suit_after_review.total")]),
        ("复议后提起行政诉讼6件。", []),
        ("收到申请381件，上年结转12件，结转下年度7件。", []),
        ("收到申请1,381件。", [("apply.new.total",)]),
    ],
)
def test_claims(report_2021, text, cells):
    findings = say(report_2021, text)
    assert [f.cells for f in findings] == cells
    assert all(f.texts == ("text.overview.on_request",) and f.severity == "warning" for f in findings)


def test_message_quotes_the_text_and_names_the_cell(report_2021):
    (finding,) = say(report_2021, "2024年，我局共收到政府信息公开申请380件，均依法答复。")
    assert finding.message == (
        "（二）依申请公开称“收到政府信息公开申请380件”，但一、本年新收政府信息公开申请数量（总计）为381"
    )


def test_a_blank_table_is_not_contradicted(report_2021):
    report_2021.cells["apply.new.total"] = None
    assert say(report_2021, "收到政府信息公开申请380件。") == []


def test_every_narrative_text_is_read(report_2021):
    (finding,) = say(report_2021, "全年收到政府信息公开申请2件。", key="text.problems")
    assert finding.texts == ("text.problems",)


@pytest.mark.parametrize(
    ("text", "warned"),
    [
        ("收到政府信息公开申请381件，比去年增加81件。", False),
        ("收到政府信息公开申请381件，比去年增加80件。", True),
        ("收到政府信息公开申请381件，较上年同期增长八十一件。", False),
        ("收到政府信息公开申请381件，比去年减少81件。", True),
        ("收到政府信息公开申请381件，同比增加81件。", False),
        ("主动公开信息比去年增加20件。", False),  # not about applications
    ],
)
def test_change_against_last_year(report_2021, text, warned):
    last = copy.deepcopy(report_2021)
    last.year = 2023
    last.cells["apply.new.total"] = 300
    report_2021.texts["text.overview.on_request"] = text
    findings = run(report_2021, "TEXT-NUMBERS", last_year=last)
    assert bool(findings) == warned
    if warned:
        assert "减上年报告的一、本年新收政府信息公开申请数量（总计）为81" in findings[0].message


def test_change_against_last_year_needs_last_year(report_2021):
    assert say(report_2021, "收到政府信息公开申请381件，比去年增加5件。") == []


DIGITS = "零一二三四五六七八九"


def _section(n: int) -> str:
    """1 <= n < 10000 in Chinese numerals, with 零 for inner gaps."""
    out, gap = "", False
    for unit, size in (("千", 1000), ("百", 100), ("十", 10), ("", 1)):
        digit = n // size % 10
        if digit == 0:
            gap = gap or bool(out)
            continue
        out += ("零" if gap else "") + DIGITS[digit] + unit
        gap = False
    return out


def to_chinese(n: int) -> str:
    if n == 0:
        return "零"
    high, low = divmod(n, 10000)
    text = _section(high) + "万" if high else ""
    if low:
        text += ("零" if high and low < 1000 else "") + _section(low)
    return text


@given(st.integers(0, 99_999_999))
def test_chinese_numerals_read_back(n):
    text = to_chinese(n)
    assert read_number(text) == n
    if text.startswith("一十"):
        assert read_number(text[1:]) == n  # 十二 as well as 一十二


@given(st.integers(0, 10**9))
def test_arabic_numbers_with_separators_read_back(n):
    assert read_number(f"{n:,}") == n
    assert read_number(f"{n:,}".translate(str.maketrans("0123456789,", "０１２３４５６７８９，"))) == n


@pytest.mark.parametrize(
    ("stated", "value"),
    [("2", 2), ("两", 2), ("十二", 12), ("1,234", 1234), ("１，２３４", 1234), ("一百零五", 105), ("０", 0)],
)
def test_numbers_are_read_in_every_notation(report_2021, stated, value):
    report_2021.cells["apply.new.total"] = value
    assert say(report_2021, f"本年度共收到政府信息公开申请{stated}件。") == []
    report_2021.cells["apply.new.total"] = value + 1
    (finding,) = say(report_2021, f"本年度共收到政府信息公开申请{stated}件。")
    assert finding.message.endswith(f"为{value + 1}")


def test_the_quote_is_the_text_as_written(report_2021):
    (finding,) = say(report_2021, "本年度共收到政府信息公开申请１，２３４件。")
    assert "“收到政府信息公开申请１，２３４件”" in finding.message
