"""The printable report as one document model, read by the HTML and the DOCX renderers.

Everything statutory (headings, table labels, merges) comes from the format
definition; the report contributes only its narrative, its values and its metadata.
Both renderers walk the same blocks in the same order, so PDF and DOCX cannot drift apart.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from reports.data import ReportData
from reports.formats import AMOUNT, LABEL, PRECISE_FEE, VALUE, Table, place

HEADING_1 = 1  # 一、… (黑体)
HEADING_2 = 2  # （一）… (楷体)

_BOLD = re.compile(r"\*\*(.+?)\*\*", re.DOTALL)


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False


@dataclass(frozen=True)
class Paragraph:
    runs: tuple[Run, ...]
    kind: str = "paragraph"
    # The narrative text it comes from (the review page comments on it); not printed.
    key: str = ""

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True)
class Heading:
    text: str
    level: int
    kind: str = "heading"


@dataclass(frozen=True)
class TableCell:
    role: str
    text: str
    colspan: int = 1
    rowspan: int = 1
    key: str | None = None

    @property
    def is_value(self) -> bool:
        return self.role == VALUE


@dataclass(frozen=True)
class TableBlock:
    key: str
    columns: int
    header: tuple[tuple[TableCell, ...], ...]
    body: tuple[tuple[TableCell, ...], ...]
    repeat_header: bool
    # Relative column widths in percent of the text block, shared by both renderers.
    widths: tuple[float, ...]
    kind: str = "table"

    @property
    def rows(self) -> tuple[tuple[TableCell, ...], ...]:
        return self.header + self.body


@dataclass(frozen=True)
class Document:
    title: str
    blocks: tuple[Paragraph | Heading | TableBlock, ...]
    agency: str
    signed_on: str
    draft: bool

    @property
    def tables(self) -> tuple[TableBlock, ...]:
        return tuple(b for b in self.blocks if b.kind == "table")


def paragraphs(text: str, key: str = "") -> list[Paragraph]:
    """Narrative text: every non-blank line is a paragraph; `**…**` marks a bold run-in phrase."""
    result = []
    for line in (text or "").replace("\r\n", "\n").split("\n"):
        line = line.strip()
        if line:
            result.append(Paragraph(_runs(line), key=key))
    return result


def _runs(line: str) -> tuple[Run, ...]:
    runs, pos = [], 0
    for match in _BOLD.finditer(line):
        if match.start() > pos:
            runs.append(Run(line[pos:match.start()]))
        runs.append(Run(match.group(1), bold=True))
        pos = match.end()
    if pos < len(line):
        runs.append(Run(line[pos:]))
    return tuple(runs)


def format_value(field, value) -> str:
    """`0` prints as 0; an unfilled cell prints empty; amounts keep their fixed decimals."""
    if value is None:
        return ""
    if field.kind == AMOUNT:
        return f"{Decimal(value):.{field.decimals}f}"
    return str(int(value))


def format_date(day: date | None) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def _cell(cell, data: ReportData, variant: str | None) -> TableCell:
    if cell.role == VALUE:
        text = format_value(data.format.field(cell.key), data.value(cell.key))
    else:
        text = cell.text_in(variant)
    return TableCell(cell.role, text, cell.colspan, cell.rowspan, cell.key)


def _cell_need(cell: TableCell) -> float:
    """Width a cell asks of its column, in characters: long labels wrap, headers wrap to two lines,
    and a label merged down many rows (三、本年度办理结果) gets a narrow column that still holds
    a bracketed number such as （四） on one line."""
    if cell.role == VALUE:
        return 4.0  # five digits, or an amount with four decimals, on one line
    if cell.role == LABEL:
        return max(4.4, min(12.0, math.ceil(len(cell.text) / cell.rowspan)))
    return float(min(4, len(cell.text)))


def column_widths(rows, columns: int) -> tuple[float, ...]:
    """Percent widths from the single-column cells that start in each column."""
    need = [2.0] * columns
    for row in place(rows):
        for p in row:
            if p.cell.colspan == 1:
                need[p.col] = max(need[p.col], _cell_need(p.cell))
    total = sum(need)
    return tuple(round(100 * n / total, 2) for n in need)


def _table(table: Table, data: ReportData, variant: str | None) -> TableBlock:
    header = tuple(tuple(_cell(c, data, variant) for c in row) for row in table.header)
    body = tuple(tuple(_cell(c, data, variant) for c in row) for row in table.body)
    return TableBlock(
        key=table.key,
        columns=table.columns,
        header=header,
        body=body,
        repeat_header=table.repeat_header and bool(header),
        widths=column_widths(header + body, table.columns),
    )


def document_build(data: ReportData, *, draft: bool, fee_header_precise: bool = False) -> Document:
    """The report as blocks in print order: preamble, the six sections, then the signature.

    `fee_header_precise` (the region's choice) prints the format's PRECISE_FEE cell variants.
    """
    variant = PRECISE_FEE if fee_header_precise else None
    blocks: list = paragraphs(data.text(data.format.preamble.key), data.format.preamble.key)
    for section in data.format.sections:
        blocks.append(Heading(section.heading, HEADING_1))
        for text_field in section.texts:
            # Enumerated topics (（一）主动公开 …) are printed sub-headings; a lead paragraph has none.
            if text_field.label != section.heading and text_field.label.startswith("（"):
                blocks.append(Heading(text_field.label, HEADING_2))
            blocks.extend(paragraphs(data.text(text_field.key), text_field.key))
        if section.table is not None:
            blocks.append(_table(section.table, data, variant))
    return Document(
        title=data.display_title,
        blocks=tuple(blocks),
        agency=data.agency,
        signed_on=format_date(data.signed_on),
        draft=draft,
    )
