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


def read_csv(response) -> list[dict]:
    text = response.content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


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
    assert header == ("agency_code", "agency", "year", "format", "key", "row_label", "column_label", "value")
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
