"""The printable report as one document model, read by the HTML and the DOCX renderers.

Everything statutory (headings, table labels, merges) comes from the format
definition; the report contributes only its narrative, its values and its metadata.
Both renderers walk the same blocks in the same order, so PDF and DOCX cannot drift apart.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from datetime import date

from reports.data import ReportData
from reports.formats import AMOUNT, LABEL, PRECISE_FEE, VALUE, Table, place
from reports.normalize import amount_text

# A table opens a page with at least this many body rows, and a header repeated on a new page stands
# above at least this many: never a header over one or two rows at a page end.
FEW_ROWS = 3

HEADING_1 = 1  # 一、… (黑体)
HEADING_2 = 2  # （一）… (楷体)

DATE_INDENT = 4.0  # the date ends four body characters in from the right edge
# Title characters per line: a 22 pt title in the 156 mm text block.
TITLE_LINE = 20.0
_NUMERALS = "一二三四五六七八九十"
# Where an agency name may break: after one of the organs it names.
_ORGAN_END = re.compile(r"人民政府|委员会|办公室|办公厅|中心|[省市县区局厅委部署院]")
_TOPIC_NUMBER = re.compile(r"^（[一二三四五六七八九十]+）")

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
    # The grid row `body[0]` is (a table laid out again from a page where it continues).
    first_row: int = 0

    @property
    def rows(self) -> tuple[tuple[TableCell, ...], ...]:
        return self.header + self.body

    @property
    def body_rows(self):
        """(grid row index, cells, whether the row stays on the page of the row below it) for each body
        row: a 表二 block (an article line, its column headers and a few rows) stays whole, and
        neither the first nor the last FEW_ROWS rows of a table are parted."""
        total = self.first_row + len(self.body)
        blocks = any(self._opens_block(row) for row in self.body)
        for index, row in enumerate(self.body, start=self.first_row):
            following = self.body[index - self.first_row + 1] if index + 1 < total else None
            in_block = blocks and following is not None and not self._opens_block(following)
            parts = in_block or index < FEW_ROWS - 1 or index >= total - FEW_ROWS
            yield index, row, parts and index < total - 1  # the last row leaves what follows free

    def _opens_block(self, row) -> bool:
        return row[0].colspan == self.columns and row[0].role != VALUE


@dataclass(frozen=True)
class Document:
    title: str
    blocks: tuple[Paragraph | Heading | TableBlock, ...]
    agency: str
    signed_on: str
    draft: bool
    # The title as printed, one string per line (broken where real reports break it).
    title_lines: tuple[str, ...] = ()
    # The rest of a document laid out again from a page: the page number it starts on and the index
    # its first block has in the whole document (no title then).
    first_page: int = 1
    first_block: int = 0

    @property
    def signature_indents(self) -> tuple[float, float]:
        """Right indents (in body characters) of the agency name and the date (GB/T 9704-2012 7.3.5):
        the date four characters in from the right edge, the name centred over the date;
        a name longer than that allows ends at the right edge. Undated, the name ends four characters in."""
        if not self.signed_on:
            return DATE_INDENT, 0.0
        date_width, name_width = text_width(self.signed_on), text_width(self.agency)
        return max(0.0, DATE_INDENT + (date_width - name_width) / 2), DATE_INDENT

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


def text_width(text: str) -> float:
    """Printed width in body characters: ASCII (digits, Latin) is half-width, the rest full."""
    return sum(0.5 if ord(ch) < 128 else 1.0 for ch in text)


def title_lines(title: str, agency: str) -> tuple[str, ...]:
    """Where real reports break a long title: after the agency name, else after the year
    (「淮安市人民政府／2024年政府信息公开工作年度报告」), never inside a word; lines as even as
    those places allow, none of one or two characters."""
    if text_width(title) <= TITLE_LINE:
        return (title,)
    breaks = []
    if agency and title.startswith(agency):
        breaks.append(len(agency))
    year = re.search(r"\d{4}年", title)
    if year:
        breaks += [year.start(), year.end()]
    fitting = [b for b in breaks if 3 <= b <= len(title) - 3
               and max(text_width(title[:b]), text_width(title[b:])) <= TITLE_LINE]
    if fitting:
        cut = fitting[0]
        return (title[:cut], title[cut:])
    # An agency name longer than a line: the name in even lines, what follows it on its own.
    head, rest = (agency, title[len(agency):]) if agency and title.startswith(agency) else (title, "")
    if text_width(rest) > TITLE_LINE:
        head, rest = title, ""
    return _even_lines(head) + ((rest,) if rest else ())


def _even_lines(text: str) -> tuple[str, ...]:
    """A long agency name in two lines after one of its own parts (…委员会／…办公室), as even as may be."""
    cuts = sorted({m.end() for m in _ORGAN_END.finditer(text) if 3 <= m.end() <= len(text) - 3},
                  key=lambda cut: abs(text_width(text[:cut]) - text_width(text[cut:])))
    for cut in cuts:
        if max(text_width(text[:cut]), text_width(text[cut:])) <= TITLE_LINE:
            return (text[:cut], text[cut:])
    count = math.ceil(text_width(text) / TITLE_LINE)
    size = math.ceil(len(text) / count)
    return tuple(text[i:i + size] for i in range(0, len(text), size))


def _numbered(label: str, number: int) -> str:
    """A topic heading renumbered in print order, once topics without text are left out."""
    return _TOPIC_NUMBER.sub(f"（{_NUMERALS[number - 1]}）", label) if number <= len(_NUMERALS) else label


def format_value(field, value) -> str:
    """`0` prints as 0; an unfilled cell prints empty; amounts print as entered (96171.6, 0)."""
    if value is None:
        return ""
    if field.kind == AMOUNT:
        return amount_text(value, field.decimals)
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
    """Width a cell asks of its column, in characters: labels up to 21 characters ask for a line
    (表三's third column about 58 mm, as in the 2021 template: 「4.保护第三方合法权益」 on one line),
    headers wrap to two lines (「商业／企业」), and a label merged down many rows (三、本年度办理结果)
    gets a narrow column that still holds a bracketed number such as （四） on one line."""
    if cell.role == VALUE:
        return 4.0  # five digits, or an amount with four decimals, on one line
    if cell.role == LABEL:
        return max(5.0, min(21.0, math.ceil(len(cell.text) / cell.rowspan)))
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
        topics = 0
        for text_field in section.texts:
            text = paragraphs(data.text(text_field.key), text_field.key)
            # Enumerated topics (（一）主动公开 …) are printed sub-headings; a lead paragraph has none.
            # A topic without text prints nothing: no heading followed directly by the next one.
            if text and text_field.label != section.heading and text_field.label.startswith("（"):
                topics += 1
                blocks.append(Heading(_numbered(text_field.label, topics), HEADING_2))
            blocks.extend(text)
        if section.table is not None:
            blocks.append(_table(section.table, data, variant))
    return Document(
        title=data.display_title,
        title_lines=title_lines(data.display_title, data.agency),
        blocks=tuple(blocks),
        agency=data.agency,
        signed_on=format_date(data.signed_on),
        draft=draft,
    )


def table_continued_at(block: TableBlock, starts) -> TableBlock:
    """`block` with each label merged down across a page start cut there, so the rows continuing on
    the new page carry their group label again (「三、本年度办理结果」「（三）不予公开」)."""
    rows = [[(p.col, p.cell) for p in row] for row in place(block.body)]
    changed = False
    for start in sorted(starts):
        for s, row in enumerate(rows[:start]):
            for i, (column, cell) in enumerate(row):
                if cell.role != VALUE and s + cell.rowspan > start:
                    row[i] = (column, replace(cell, rowspan=start - s))
                    rows[start].append((column, replace(cell, rowspan=s + cell.rowspan - start)))
                    rows[start].sort(key=lambda placed: placed[0])
                    changed = True
    if not changed:
        return block
    return replace(block, body=tuple(tuple(cell for _, cell in row) for row in rows))


def document_continued_at(document: Document, starts: dict[str, set[int]]) -> Document:
    """The document with group labels repeated where its tables continue on a new page (`starts`:
    table key -> body rows that begin a page)."""
    blocks = tuple(
        table_continued_at(b, starts[b.key]) if b.kind == "table" and starts.get(b.key) else b
        for b in document.blocks
    )
    return document if blocks == document.blocks else replace(document, blocks=blocks)


def document_from(document: Document, block: int, row: int, page: int) -> Document:
    """What `document` prints from its block `block` (from body row `row` of a table) on: the pages from
    `page` on, laid out again without the pages before."""
    blocks = document.blocks[block:]
    if row:
        table = blocks[0]
        blocks = (replace(table, body=table.body[row:], first_row=table.first_row + row), *blocks[1:])
    return replace(document, blocks=blocks, first_page=page, first_block=document.first_block + block)
