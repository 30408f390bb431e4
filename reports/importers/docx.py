"""DOCX: paragraphs and real tables, in document order, merged cells read once."""
from __future__ import annotations

import io

import docx
from django.utils.translation import gettext as _
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from .lines import BLANK, Line
from .result import ImportRejected


def _paragraph_text(paragraph) -> str:
    """The paragraph's text with bold runs kept as `**…**`, the project's only inline markup."""
    parts, bold = [], []
    for run in paragraph.runs:
        if run.bold and run.text.strip():
            bold.append(run.text)
            continue
        if bold:
            parts.append(f"**{''.join(bold)}**")
            bold = []
        parts.append(run.text)
    if bold:
        parts.append(f"**{''.join(bold)}**")
    text = "".join(parts)
    return text if text.strip() else paragraph.text


def _merged_leftwards(tc) -> bool:
    """A cell that continues the one on its left through a legacy horizontal merge (`w:hMerge`, as WPS
    Office and older Word write it instead of `w:gridSpan`): part of that cell, not a cell of its own."""
    merge = tc.find(f"{qn('w:tcPr')}/{qn('w:hMerge')}")
    return merge is not None and merge.get(qn("w:val"), "continue") != "restart"


def _row_cells(row) -> tuple[str, ...]:
    cells, previous = [], None
    for cell in row.cells:
        if previous is not None and cell._tc is previous or _merged_leftwards(cell._tc):
            continue  # one cell merged across columns is listed once per column
        previous = cell._tc
        cells.append("".join(p.text.strip() for p in cell.paragraphs))
    return tuple(cells)


def read_docx(content: bytes) -> list[Line]:
    try:
        document = docx.Document(io.BytesIO(content))
    except Exception as exc:  # python-docx raises zip, lxml and package errors of many kinds
        raise ImportRejected(_("The DOCX file is damaged and cannot be read.")) from exc
    return _block_lines(document.element.body, document)


def _block_lines(parent, document) -> list[Line]:
    """Paragraphs and tables in order; content controls and one-cell layout tables are looked into."""
    lines: list[Line] = []
    for element in parent.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = _paragraph_text(Paragraph(element, document))
            lines += [Line((text,)), BLANK] if text.strip() else [BLANK]
        elif tag == "sdt":
            content = element.find(qn("w:sdtContent"))
            if content is not None:
                lines += _block_lines(content, document)
        elif tag == "tbl":
            table = Table(element, document)
            cells = element.findall(f"{qn('w:tr')}/{qn('w:tc')}")
            if len(cells) == 1:
                lines += _block_lines(cells[0], document)
                continue
            lines.append(BLANK)
            lines += [Line(_row_cells(row), tabular=True) for row in table.rows]
            lines.append(BLANK)
    return lines
