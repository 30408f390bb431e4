"""Open data: a published report, or all of a region's for a year, as interchange JSON, CSV and XLSX.

One row per value: canonical key, the official row and column labels (from the format
definition), the value as entered (amounts keep their decimals; an unfilled cell is empty).
Column headings are in Chinese, the public's language; the canonical key stays a column of its own.
The region's XLSX also holds each statutory table as printed, one row per agency (opendata_tables).
"""
from __future__ import annotations

import csv
import io
import re
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell

from agencies.models import Agency
from reports.data import ReportData
from reports.interchange import cell_to_json, to_json

from .opendata_tables import append_table_sheets
from .selectors import PublicReport

VALUE_COLUMNS = ("key", "row_label", "column_label", "value")
DATASET_COLUMNS = ("agency_code", "agency", "year", "format") + VALUE_COLUMNS
REPORT_COLUMNS = ("agency_code", "agency", "year", "format", "title", "signed_on")
# The heading of each column (translated when written).
HEADINGS = {
    "agency_code": gettext_noop("Agency code"),
    "agency": gettext_noop("Agency"),
    "year": gettext_noop("Year"),
    "format": gettext_noop("Format"),
    "key": gettext_noop("Canonical key"),
    "row_label": gettext_noop("Row label"),
    "column_label": gettext_noop("Column label"),
    "value": gettext_noop("Value"),
    "title": gettext_noop("Title"),
    "signed_on": gettext_noop("Date signed"),
}
# Excel opens a UTF-8 CSV as Chinese only with the byte order mark.
CSV_ENCODING = "utf-8-sig"
# A spreadsheet runs a cell that starts with one of these as a formula (titles and names are free text).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def value_rows(data: ReportData) -> list[tuple]:
    fmt = data.format
    rows = []
    for f in fmt.fields:
        value = cell_to_json(fmt, f.key, data.value(f.key))
        rows.append((f.key, f.row_label, f.column_label, "" if value is None else value))
    return rows


def report_json(public: PublicReport) -> dict:
    return to_json(public.data)


def headings(columns: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(_(HEADINGS[c]) for c in columns)


def csv_safe(value):
    """A text a spreadsheet shows as text: a leading formula character gets an apostrophe before it."""
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def _csv(columns: tuple, rows) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(headings(columns))
    writer.writerows(tuple(csv_safe(v) for v in row) for row in rows)
    return out.getvalue().encode(CSV_ENCODING)


def report_csv(public: PublicReport) -> bytes:
    return _csv(VALUE_COLUMNS, value_rows(public.data))


def _report_head(public: PublicReport) -> tuple:
    return (public.agency.code, public.data.agency, public.year, public.data.format.id)


def dataset_json(region: Agency, year: int, reports: list[PublicReport]) -> dict:
    return {
        "region": {"code": region.code, "name": region.name},
        "year": year,
        "reports": [{"agency_code": p.agency.code, **to_json(p.data)} for p in reports],
    }


def dataset_rows(reports: list[PublicReport]) -> list[tuple]:
    return [_report_head(p) + row for p in reports for row in value_rows(p.data)]


def dataset_csv(reports: list[PublicReport]) -> bytes:
    return _csv(DATASET_COLUMNS, dataset_rows(reports))


def _amount_cell(sheet, text: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=Decimal(text))
    decimals = len(text.partition(".")[2])
    cell.number_format = "0." + "0" * decimals if decimals else "0"
    return cell


def _xlsx_row(sheet, values) -> list:
    """Cells for `sheet.append`: every text a string cell (openpyxl would make `=…` a live formula)."""
    cells = []
    for value in values:
        if isinstance(value, Cell):  # made already (an amount with its number format)
            cells.append(value)
            continue
        cell = WriteOnlyCell(sheet, value=value)
        if isinstance(value, str):
            cell.data_type = "s"
        cells.append(cell)
    return cells


def dataset_xlsx(reports: list[PublicReport]) -> bytes:
    """The reports; every value in the long layout of the CSV; then each statutory table as printed."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("reports")
    sheet.append(headings(REPORT_COLUMNS))
    for p in reports:
        signed_on = p.data.signed_on.isoformat() if p.data.signed_on else ""
        sheet.append(_xlsx_row(sheet, _report_head(p) + (p.data.display_title, signed_on)))
    values = book.create_sheet("values")
    values.append(headings(DATASET_COLUMNS))
    for row in dataset_rows(reports):
        *head, value = row
        # Amounts are decimal strings in the interchange format; the sheet wants exact numbers,
        # shown with the decimals entered.
        if isinstance(value, str) and value:
            value = _amount_cell(values, value)
        values.append(_xlsx_row(values, (*head, value)))
    append_table_sheets(book, reports)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
