"""A fee entered as 0 prints 0 and 96171.6 prints 96171.6: the entered decimals (up to 4) survive
input, storage and every output (PDF, DOCX, JSON, CSV, XLSX)."""
import csv
import io
import json
from decimal import Decimal

import docx
import pytest
from openpyxl import load_workbook

from publication.opendata import dataset_csv, dataset_xlsx
from publication.selectors import public_reports
from reports.exports.service import report_export
from reports.formats import format_for_year
from reports.models import ReportStatus
from reports.normalize import parse_value
from reports.services import report_data, report_set_status, report_write
from tests.factories import AgencyFactory, ReportFactory

pytestmark = pytest.mark.django_db

FEE = "active.fees.amount"
ENTERED = {"96171.6": "96171.6", "0": "0", "12.50": "12.50", "３.１４１５": "3.1415", "7.00000": "7.0000"}


@pytest.fixture(autouse=True)
def export_cache_dir(settings, tmp_path):
    settings.EXPORT_CACHE_DIR = tmp_path / "exports"


@pytest.mark.parametrize(("typed", "printed"), ENTERED.items())
def test_storage_keeps_the_entered_decimals(typed, printed):
    report = ReportFactory(year=2024)
    report_write(report=report, cells={FEE: parse_value(format_for_year(2024).field(FEE), typed)})
    assert format(report_data(report).cells[FEE], "f") == printed


def test_a_new_scale_of_the_same_amount_is_stored():
    report = ReportFactory(year=2024)
    field = format_for_year(2024).field(FEE)
    report_write(report=report, cells={FEE: parse_value(field, "12.5")})
    report_write(report=report, cells={FEE: parse_value(field, "12.50")})
    assert format(report_data(report).cells[FEE], "f") == "12.50"


def _published(typed: str):
    agency = AgencyFactory()
    report = ReportFactory(agency=agency, year=2024)
    fmt = format_for_year(2024)
    report_write(report=report, cells={FEE: parse_value(fmt.field(FEE), typed),
                                       "apply.new.natural": 3})
    report_set_status(report=report, status=ReportStatus.PUBLISHED)
    report.refresh_from_db()
    return report


@pytest.mark.parametrize(("typed", "printed"), [("96171.6", "96171.6"), ("0", "0")])
def test_every_output_prints_the_amount_as_entered(typed, printed):
    report = _published(typed)
    # Interchange JSON
    assert json.loads(report_export(report, "json").content)["cells"][FEE] == printed
    # DOCX: the cell of the fee
    tables = docx.Document(io.BytesIO(report_export(report, "docx").content)).tables
    cells = {c.text for t in tables for row in t.rows for c in row.cells}
    assert printed in cells and f"{Decimal(typed):.4f}" not in cells - {printed}
    # HTML, the page the PDF is rendered from, and the PDF
    assert f'data-key="{FEE}">{printed}<' in report_export(report, "html").content.decode()
    import pdfplumber

    with pdfplumber.open(io.BytesIO(report_export(report, "pdf").content)) as pdf:
        words = {w["text"] for page in pdf.pages for w in page.extract_words()}
    assert printed in words and f"{Decimal(typed):.4f}" not in words
    # Open data: CSV and XLSX
    public = public_reports(agencies=[report.agency], year=2024)
    rows = list(csv.reader(io.StringIO(dataset_csv(public).decode("utf-8-sig"))))[1:]
    assert next(r[7] for r in rows if r[4] == FEE) == printed  # columns as in the XLSX below
    sheet = load_workbook(io.BytesIO(dataset_xlsx(public))).worksheets[1]
    cell = next(row[7] for row in sheet.iter_rows(min_row=2) if row[4].value == FEE)
    assert Decimal(str(cell.value)) == Decimal(typed)
    assert cell.number_format == ("0.0" if printed == "96171.6" else "0")
