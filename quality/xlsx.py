"""Spreadsheets of the quality audit and the comparisons, laid out for reading (bold frozen headers,
filters, widths). Every text is written as a string, never as a formula."""
from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from reports.rules import INFO, Severity

_MAX_WIDTH = 60


def _put(sheet, row: int, column: int, value):
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        cell.value = value
        cell.data_type = "s"  # a leading "=" stays text
    else:
        cell.value = value
    return cell


def write_sheet(sheet, header: list[str], rows: list[list], *, wrap: tuple[int, ...] = ()) -> None:
    for column, title in enumerate(header, start=1):
        _put(sheet, 1, column, str(title)).font = Font(bold=True)
    widths = [len(str(t)) * 2 for t in header]
    for r, values in enumerate(rows, start=2):
        for c, value in enumerate(values, start=1):
            cell = _put(sheet, r, c, value)
            if c - 1 in wrap:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            widths[c - 1] = max(widths[c - 1], len(str(value or "")) * 2)
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = min(max(width, 8), _MAX_WIDTH)
    sheet.freeze_panes = "A2"
    if rows:
        sheet.auto_filter.ref = sheet.dimensions


def to_bytes(book: Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def audit_workbook(rows) -> bytes:
    """Three sheets: one row per report, one row per finding, and the reports failing each rule."""
    from .audit import rule_summary

    book = Workbook()
    reports = book.active
    reports.title = _("Reports")
    write_sheet(reports, [_("File or agency code"), _("Agency"), _("Year"), _("Format"), _("Values read"),
                          _("Unplaced"), _("Errors"), _("Warnings"), _("Notes"), _("Not read because")], [
        [r.source, r.agency, r.year, r.format, r.values, r.unmapped, r.errors, r.warnings, r.count(INFO), r.error]
        for r in rows
    ])
    findings = book.create_sheet(_("Findings"))
    write_sheet(findings, [_("File or agency code"), _("Agency"), _("Rule"), _("Severity"), _("Where"),
                           _("What stands there"), _("Message")], [
        [r.source, r.agency, f.rule, str(Severity(f.severity).label), "；".join(f.where),
         "\n".join(f.excerpts), f.message]
        for r in rows for f in r.findings
    ], wrap=(4, 5, 6))
    summary = book.create_sheet(_("Rules"))
    write_sheet(summary, [_("Rule"), _("Severity"), _("Reports failing it")], [
        [c.rule, str(Severity(c.severity).label), c.reports] for c in rule_summary(rows)
    ])
    return to_bytes(book)


def region_workbook(table) -> bytes:
    """The agencies side by side: one row per indicator, one column per agency, the region last."""
    book = Workbook()
    sheet = book.active
    sheet.title = _("Comparison")
    header = [_("Indicator")] + [c.agency.name for c in table.columns] + [_("Region total")]
    write_sheet(sheet, header, [
        [str(indicator.label), *values, total] for indicator, values, total in table.rows
    ])
    return to_bytes(book)
