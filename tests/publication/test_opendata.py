"""Open data equals the stored values, with the official labels from the format definition."""
from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from reports.models import ReportValue
from reports.services import report_data

from .conftest import YEAR

pytestmark = pytest.mark.django_db


def stored(report) -> dict[str, str]:
    """Every stored value as text: counts as integers, amounts with the decimals they were entered with."""
    return {v.key: format(v.value, "f") if isinstance(v.value, Decimal) else str(v.value)
            for v in ReportValue.objects.filter(report=report)}


# The Chinese headings of the open data, and the canonical column names they stand for.
CANONICAL = {"机关代码": "agency_code", "机关": "agency", "年度": "year", "格式": "format", "标准键名": "key",
             "行名称": "row_label", "列名称": "column_label", "数值": "value", "标题": "title", "成文日期": "signed_on"}


def read_csv(response) -> list[dict]:
    """Rows keyed by canonical column name; every heading must be a Chinese one."""
    header, *rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    names = [CANONICAL[h] for h in header]
    return [dict(zip(names, row, strict=True)) for row in rows]


def test_report_json_is_the_interchange_document(client, region):
    report = region.published[1]
    doc = client.get(reverse("publication:report_json", args=["testqu", report.agency.code, YEAR])).json()
    assert doc["format"] == report.format_id and doc["year"] == YEAR and doc["agency"] == report.agency.name
    assert {k: str(v) for k, v in doc["cells"].items()} == stored(report)
    assert doc["texts"] == {k: v for k, v in report_data(report).texts.items() if v}


def test_report_csv_has_one_row_per_value_with_official_labels(client, region):
    report = region.published[2]
    rows = read_csv(client.get(reverse("publication:report_csv", args=["testqu", report.agency.code, YEAR])))
    fmt = report.format
    assert [r["key"] for r in rows] == list(fmt.keys)
    values = stored(report)
    for row in rows:
        field = fmt.field(row["key"])
        assert (row["row_label"], row["column_label"]) == (field.row_label, field.column_label)
        assert row["value"] == values.get(row["key"], "")


def test_dataset_csv_holds_every_value_of_every_published_report(client, region):
    rows = read_csv(client.get(reverse("publication:dataset_csv", args=["testqu", YEAR])))
    for report in region.published:
        mine = {r["key"]: r["value"] for r in rows if r["agency_code"] == report.agency.code}
        assert {k: v for k, v in mine.items() if v != ""} == stored(report)
        assert {r["agency"] for r in rows if r["agency_code"] == report.agency.code} == {report.agency.name}


def test_dataset_xlsx_equals_the_stored_values(client, region):
    response = client.get(reverse("publication:dataset_xlsx", args=["testqu", YEAR]))
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    header, *rows = list(book["values"].iter_rows(values_only=True))
    assert header == ("机关代码", "机关", "年度", "格式", "标准键名", "行名称", "列名称", "数值")
    for report in region.published:
        mine = {r[4]: r[7] for r in rows if r[0] == report.agency.code and r[7] is not None}
        expected = {k: (Decimal(v) if "." in v else int(v)) for k, v in stored(report).items()}
        assert {k: (Decimal(str(v)) if isinstance(v, float) else v) for k, v in mine.items()} == expected
    reports = list(book["reports"].iter_rows(values_only=True))[1:]
    assert [r[0] for r in reports] == [r.agency.code for r in region.published]


def test_dataset_json_reports_read_back_as_interchange(client, region):
    from reports.interchange import from_json

    doc = client.get(reverse("publication:dataset_json", args=["testqu", YEAR])).json()
    assert doc["region"] == {"code": "testqu", "name": "测试区人民政府"} and doc["year"] == YEAR
    for entry, report in zip(doc["reports"], region.published, strict=True):
        data, problems = from_json(entry)
        assert not problems
        assert data.cells == report_data(report).cells


def dataset_book(client, **kwargs):
    response = client.get(reverse("publication:dataset_xlsx", args=["testqu", YEAR]))
    return load_workbook(io.BytesIO(response.content), **kwargs)


def test_dataset_xlsx_holds_each_statutory_table_as_printed_one_row_per_agency(client, region):
    book = dataset_book(client)
    fmt = region.published[0].format
    headings = [s.heading for s in fmt.sections if s.table is not None]
    assert book.sheetnames == ["reports", "values", *headings]
    for heading, table in zip(headings, fmt.tables, strict=True):
        rows = list(book[heading].iter_rows(values_only=True))
        printed_rows, _printed_columns, keys, *agencies = rows
        assert keys == ("agency_code", "agency", *(f.key for f in table.fields))
        assert printed_rows[:2] == ("机关代码", "机关")
        assert [r[0] for r in agencies] == [r.agency.code for r in region.published]
        for report, row in zip(region.published, agencies, strict=True):
            expected = {k: (Decimal(v) if "." in v else int(v)) for k, v in stored(report).items()}
            found = {k: (Decimal(str(v)) if isinstance(v, float) else v) for k, v in zip(keys[2:], row[2:], strict=True)}
            assert found == {k: expected.get(k) for k in keys[2:]}
    apply = book[headings[1]]
    column = 3 + [f.key for f in fmt.table("apply").fields].index("apply.denied.secret.natural")
    # Row 1 holds the printed row with its group headings (merged over its cells), row 2 the printed column.
    assert apply.cell(1, column).value == "三、本年度办理结果 （三）不予公开 1.属于国家秘密"
    assert apply.cell(2, column).value == "自然人"
    appeal = book[headings[2]]
    assert "C1:G1" in {str(r) for r in appeal.merged_cells.ranges}
    assert appeal.cell(1, 3).value == "行政复议" and appeal.cell(2, 7).value == "总计"


def test_text_in_the_tables_stays_text(client, region):
    agency = region.published[0].agency
    agency.name = "=HYPERLINK(\"http://example.com\",\"x\")"
    agency.save()
    book = dataset_book(client)
    sheet = book[book.sheetnames[2]]
    cell = sheet.cell(4, 2)
    assert cell.value == agency.name and cell.data_type == "s"


FORMULAS = ('=HYPERLINK("http://example.com","点击")', "+1+1", "-2+3", "@SUM(1)")


@pytest.fixture
def formula_texts(region):
    """Titles and agency names that a spreadsheet would run as formulas."""
    for report, text in zip(region.published, FORMULAS, strict=False):
        type(report).objects.filter(pk=report.pk).update(title=text)
        type(report.agency).objects.filter(pk=report.agency.pk).update(name=text)
    return region


def test_no_text_of_the_xlsx_is_a_formula(client, formula_texts):
    response = client.get(reverse("publication:dataset_xlsx", args=["testqu", YEAR]))
    book = load_workbook(io.BytesIO(response.content))
    texts = [cell for sheet in book for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert not [cell.coordinate for cell in texts if cell.data_type == "f"]
    titles = [row[4] for row in book["reports"].iter_rows(min_row=2, values_only=True)]
    assert set(FORMULAS[:3]) <= set(titles)  # kept as written, as text


@pytest.mark.parametrize("name", ["dataset_csv", "report_csv"])
def test_no_cell_of_a_csv_starts_a_formula(client, formula_texts, name):
    report = formula_texts.published[0]
    args = ["testqu", YEAR] if name == "dataset_csv" else ["testqu", report.agency.code, YEAR]
    rows = read_csv(client.get(reverse(f"publication:{name}", args=args)))
    cells = [value for row in rows for value in row.values()]
    assert not [v for v in cells if v[:1] in ("=", "+", "@") or v[:1] == "-" and not v[1:].replace(".", "").isdigit()]
    if name == "dataset_csv":
        assert "'" + FORMULAS[0] in {row["agency"] for row in rows}
