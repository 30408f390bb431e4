"""A region's dataset as the statutory tables print them: one sheet per table, one row per agency.

Each sheet's columns follow the printed table cell by cell (its fields, in the order the format defines
them); three header rows name each column: the printed row (with its group headings, merged over the row's
columns), the printed column, and the canonical key. Text cells are written as strings, never as formulas.
"""
from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange

from reports.formats import LABEL, VALUE, ReportFormat, Table
from reports.interchange import cell_to_json

from .selectors import PublicReport

# Excel refuses these in sheet names, and names longer than 31 characters.
_SHEET_NAME_FORBIDDEN = str.maketrans({c: "_" for c in "[]:*?/\\"})
LEAD_COLUMNS = 2  # agency code, agency name
HEADER_ROWS = 3


def row_paths(table: Table) -> dict[str, str]:
    """Key -> the printed row it sits in, with the group headings spanning it (三、本年度办理结果 （三）不予公开 …).

    Walks the body grid: a label cell with a rowspan heads the rows below it; a label row without values
    (第二十条第（一）项) heads the rows up to the next such row."""
    paths: dict[str, str] = {}
    spanning: list[tuple[int, str]] = []  # (rows left, label) of labels spanning down
    heading = ""
    for row in table.body:
        labels = [text for left, text in spanning]
        spanning = [(left - 1, text) for left, text in spanning if left > 1]
        values = [c.key for c in row if c.role == VALUE]
        own = [c.text for c in row if c.role == LABEL]
        if not values:
            if own:
                heading = " ".join(own)
            continue
        for cell in row:
            if cell.role == LABEL and cell.rowspan > 1:
                spanning.append((cell.rowspan - 1, cell.text))
        path = " ".join(t for t in (heading, *labels, *own) if t)
        for key in values:
            paths[key] = path
    return paths


def _text(sheet, value: str, *, bold: bool = False) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"  # a label or agency name starting with "=" stays text
    if bold:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    return cell


def _number(value):
    # Amounts are decimal strings in the interchange format; the sheet wants exact numbers.
    return Decimal(value) if isinstance(value, str) else value


def _sheet_name(fmt: ReportFormat, table: Table, several_formats: bool) -> str:
    heading = next(s.heading for s in fmt.sections if s.table is table)
    name = f"{fmt.id} {heading}" if several_formats else heading
    return name.translate(_SHEET_NAME_FORBIDDEN)[:31]


def _merge_runs(sheet, row: int, texts: list[str]) -> None:
    """Merges each run of equal neighbouring header texts into one cell, as the printed table does."""
    start = 0
    for i in range(1, len(texts) + 1):
        if i == len(texts) or texts[i] != texts[start]:
            if i - start > 1 and texts[start]:
                first = LEAD_COLUMNS + start + 1
                sheet.merged_cells.add(CellRange(min_col=first, max_col=first + i - start - 1, min_row=row, max_row=row))
            start = i


def append_table_sheets(book, reports: list[PublicReport]) -> None:
    formats: dict[str, ReportFormat] = {}
    for public in reports:
        formats.setdefault(public.data.format.id, public.data.format)
    for fmt in formats.values():
        mine = [p for p in reports if p.data.format.id == fmt.id]
        for table in fmt.tables:
            _table_sheet(book, fmt, table, mine, several_formats=len(formats) > 1)


def _table_sheet(book, fmt: ReportFormat, table: Table, reports: list[PublicReport], *, several_formats: bool):
    sheet = book.create_sheet(_sheet_name(fmt, table, several_formats))
    keys = [f.key for f in table.fields]
    paths = row_paths(table)
    rows = [paths.get(k) or fmt.field(k).row_label for k in keys]
    columns = [fmt.field(k).column_label for k in keys]
    sheet.column_dimensions["B"].width = 28
    for i in range(len(keys)):
        sheet.column_dimensions[get_column_letter(LEAD_COLUMNS + i + 1)].width = 12
    sheet.freeze_panes = f"{get_column_letter(LEAD_COLUMNS + 1)}{HEADER_ROWS + 1}"
    lead_headings = (_("Agency code"), _("Agency"))
    sheet.append([*(_text(sheet, h, bold=True) for h in lead_headings), *(_text(sheet, r, bold=True) for r in rows)])
    sheet.append([_text(sheet, ""), _text(sheet, ""), *(_text(sheet, c, bold=True) for c in columns)])
    sheet.append([_text(sheet, "agency_code"), _text(sheet, "agency"), *(_text(sheet, k) for k in keys)])
    _merge_runs(sheet, 1, rows)
    for lead in range(1, LEAD_COLUMNS + 1):
        sheet.merged_cells.add(CellRange(min_col=lead, max_col=lead, min_row=1, max_row=2))
    for public in reports:
        values = (cell_to_json(fmt, k, public.data.value(k)) for k in keys)
        sheet.append([_text(sheet, public.agency.code), _text(sheet, public.data.agency), *map(_number, values)])
