"""The document model: statutory structure from the format, content from the report."""
from datetime import date
from decimal import Decimal

import pytest

from reports.data import ReportData
from reports.exports.document import HEADING_1, HEADING_2, document_build, format_date, paragraphs
from reports.formats import GOV_2019, GOV_2021
from reports.formats.gov2021 import FEE_HEADER, FEE_HEADER_PRECISE

from .conftest import ZERO_KEY, distinct_data


@pytest.mark.parametrize("year, fmt", [(2024, GOV_2021), (2020, GOV_2019)])
def test_tables_are_the_format_grids_with_values_in_place(year, fmt):
    data = distinct_data(year)
    document = document_build(data, draft=False)
    assert [t.key for t in document.tables] == [t.key for t in fmt.tables]
    for block, table in zip(document.tables, fmt.tables):
        assert block.columns == table.columns
        assert len(block.header) == len(table.header) and len(block.body) == len(table.body)
        for printed_row, grid_row in zip(block.rows, table.rows()):
            assert [(c.role, c.colspan, c.rowspan, c.key) for c in printed_row] == [
                (c.role, c.colspan, c.rowspan, c.key) for c in grid_row
            ]
            for printed, cell in zip(printed_row, grid_row):
                if cell.key:
                    field = fmt.field(cell.key)
                    expected = f"{data.cells[cell.key]:.4f}" if field.decimals else str(data.cells[cell.key])
                    assert printed.text == expected
                else:
                    assert printed.text == cell.text
        assert abs(sum(block.widths) - 100) < 0.1


def test_headings_follow_the_format_in_order():
    document = document_build(distinct_data(2024), draft=True)
    headings = [(b.text, b.level) for b in document.blocks if b.kind == "heading"]
    level1 = [h for h, level in headings if level == HEADING_1]
    assert level1 == [s.heading for s in GOV_2021.sections]
    level2 = [h for h, level in headings if level == HEADING_2]
    assert level2 == [t.label for t in GOV_2021.section("overview").texts[1:]]


def test_zero_prints_and_unfilled_is_blank():
    data = ReportData(format=GOV_2021, year=2024, agency="某局",
                      cells={ZERO_KEY: 0, "active.fees.amount": Decimal(0)})
    document = document_build(data, draft=True)
    cells = {c.key: c.text for t in document.tables for row in t.rows for c in row if c.key}
    assert cells[ZERO_KEY] == "0"
    assert cells["active.fees.amount"] == "0"  # as entered
    assert cells["apply.new.business"] == ""


def test_fee_header_variant():
    data = distinct_data(2024)
    texts = lambda doc: {c.text for t in doc.tables for row in t.rows for c in row}
    assert FEE_HEADER in texts(document_build(data, draft=True))
    precise = texts(document_build(data, draft=True, fee_header_precise=True))
    assert FEE_HEADER_PRECISE in precise and FEE_HEADER not in precise


def test_paragraphs_split_on_lines_and_mark_bold_runs():
    result = paragraphs("**一是加强领导。**全年开会两次。\n\n  第二段。  \r\n")
    assert [p.text for p in result] == ["一是加强领导。全年开会两次。", "第二段。"]
    assert [(r.text, r.bold) for r in result[0].runs] == [("一是加强领导。", True), ("全年开会两次。", False)]


def test_title_signature_and_date_without_leading_zeros():
    data = distinct_data(2024)
    document = document_build(data, draft=False)
    assert document.title == "测试市某某局2024年政府信息公开工作年度报告"
    assert document.agency == "测试市某某局"
    assert document.signed_on == "2025年2月3日"
    assert format_date(date(2025, 1, 20)) == "2025年1月20日"
    assert document.blocks[0].text.startswith("本报告根据")
