"""PDF: its text layer through pdfplumber; ruled tables as real rows, the rest as paragraphs.

Paragraphs are rebuilt from the layout: a line starts a paragraph when it is
indented or when the line before it stopped short of the right margin.
"""
from __future__ import annotations

import io
import re
from itertools import islice

from django.utils.translation import gettext as _

from .lines import BLANK, Line, is_page_number
from .pdf_streams import check_pdf_streams
from .result import ImportRejected
from .rows import split_row

MAX_PAGES = 200
_FRAME_TEXT = 60
_SPACED_NUMBER = re.compile(r"\s[+-]?\d[\d,.]*\s*$")


def _rotated(char) -> bool:
    matrix = char.get("matrix") or (1, 0, 0, 1, 0, 0)
    return not char.get("upright", True) or abs(matrix[1]) > 0.01 or abs(matrix[2]) > 0.01


def _inside(obj, boxes) -> bool:
    x = (obj["x0"] + obj["x1"]) / 2
    y = (obj["top"] + obj["bottom"]) / 2
    return any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)


def _running_text(row) -> str | None:
    """The text of a row that is a ruled box around running text, not a row of a table (WPS exports
    some templates so: the narrative of a section framed, its box sharing rules with the table below)."""
    filled = [c for c in row if c and c.strip()]
    if len(filled) == 1 and ("。" in filled[0] or len("".join(filled[0].split())) > _FRAME_TEXT):
        return filled[0]
    return None


def _table_lines(table) -> list[Line]:
    lines = []
    for row in table.extract():
        if (text := _running_text(row)) is not None:
            lines += [BLANK, *(Line((t.strip(),)) for t in text.split("\n") if t.strip()), BLANK]
            continue
        # None marks the columns a merged cell covers; "" is a real, empty cell.
        cells = tuple("".join(c.split()) for c in row if c is not None)
        if any(cells):
            lines.append(Line(cells, tabular=True))
    return lines


class Paragraphs:
    """Joins the text lines of consecutive pages into paragraphs."""

    def __init__(self):
        self.lines: list[Line] = []
        self.open = False  # the last paragraph may continue on the next line

    def add(self, text: str, *, starts: bool, full: bool) -> None:
        # A line ending in spaced numbers is a row of a table drawn without rules: never part of a paragraph.
        values = split_row(Line((text,))).values
        row = len(values) > 1 or bool(values) and bool(_SPACED_NUMBER.search(text))
        if starts or row or not self.open or not self.lines:
            self.lines += [BLANK, Line((text,))]
        else:
            self.lines[-1] = Line((self.lines[-1].cells[0] + text,))
        self.open = full and not row

    def table(self, lines: list[Line]) -> None:
        self.lines += [BLANK, *lines, BLANK]
        self.open = False


def _page_items(page) -> list[tuple[str, object]]:
    """The page's text lines (outside tables) and tables, top to bottom."""
    # Rotated characters are watermarks (草稿, DRAFT), not text of the report.
    page = page.dedupe_chars().filter(lambda obj: obj.get("object_type") != "char" or not _rotated(obj))
    tables = page.find_tables()
    boxes = [t.bbox for t in tables]
    items = [
        (line["top"], "text", line) for line in page.extract_text_lines(layout=False, strip=True, x_tolerance=1.5)
        if line["text"].strip() and not _inside(line, boxes) and not is_page_number(line["text"])
    ]
    items += [(t.bbox[1], "table", t) for t in tables]
    return [(kind, item) for _top, kind, item in sorted(items, key=lambda i: i[0])]


def _paragraphs(items: list[tuple[str, object]]) -> list[Line]:
    texts = [item for kind, item in items if kind == "text"]
    left = min((line["x0"] for line in texts), default=0)
    # Lines that start at the margin are wrapped lines: where they end is the right margin.
    right = max((line["x1"] for line in texts if line["x0"] <= left + 4), default=0)
    out = Paragraphs()
    for kind, item in items:
        if kind == "table":
            out.table(_table_lines(item))
            continue
        size = item["chars"][0]["size"] if item.get("chars") else 12
        out.add(item["text"], starts=item["x0"] > left + size * 1.5, full=item["x1"] >= right - size * 3)
    return out.lines


def _page_count_over(pdf, limit: int) -> bool:
    """Whether the page tree holds more than `limit` pages, walking no further than that."""
    from pdfminer.pdfpage import PDFPage

    return sum(1 for _page in islice(PDFPage.create_pages(pdf.doc), limit + 1)) > limit


def read_pdf(content: bytes) -> list[Line]:
    import pdfplumber

    check_pdf_streams(content)
    try:
        pdf = pdfplumber.open(io.BytesIO(content))
    except Exception as exc:  # pdfminer raises many kinds of errors on damaged files
        raise ImportRejected(_("The PDF file is damaged and cannot be read.")) from exc
    items: list[tuple[str, object]] = []
    try:
        if _page_count_over(pdf, MAX_PAGES):
            raise ImportRejected(_("The PDF has more than %(pages)d pages; that is not an annual report.")
                                 % {"pages": MAX_PAGES})
        for page in pdf.pages:
            items += _page_items(page)
    except ImportRejected:
        raise
    except Exception as exc:
        raise ImportRejected(_("The PDF file is damaged and cannot be read.")) from exc
    finally:
        pdf.close()
    lines = _paragraphs(items)
    return [] if all(line.is_blank for line in lines) else lines  # no text layer: a scan


def pdf_has_text(content: bytes) -> bool:
    try:
        return bool(read_pdf(content))
    except ImportRejected:
        return True  # refused for what it is: no recognition will help
