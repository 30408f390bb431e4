"""Scanned reports: PNG or JPEG images, and PDF pages without a text layer, read by text recognition.

RapidOCR (PP-OCR models shipped inside the package, run offline by onnxruntime) reads
the text lines of each page, straightened first; the ruling lines of the tables give
their cells (scan_grid), so that each recognised text lands in the cell it was
printed in. A text read with low confidence marks its row as doubtful: the table
reader asks the editor to confirm the row's cells instead of accepting them silently.
"""
from __future__ import annotations

import functools
import io
import re
from dataclasses import dataclass

import cv2
import numpy as np
from django.utils.translation import gettext as _

from .lines import Line, is_page_number
from .reading import Progress
from .result import ImportRejected
from .scan_grid import Box, deskew, table_cells

LOW_CONFIDENCE = 0.9
RESOLUTION = 150  # dpi at which PDF pages are rendered
MAX_PAGES = 30
_ROW_TOLERANCE = 8  # pixels: cell tops closer than this start the same row



@dataclass(frozen=True)
class Recognised:
    box: Box
    text: str
    score: float

    @property
    def centre(self) -> tuple[float, float]:
        return (self.box.x0 + self.box.x1) / 2, (self.box.y0 + self.box.y1) / 2


@functools.cache
def _engine():
    from rapidocr_onnxruntime import RapidOCR

    return RapidOCR()


def recognise(gray: np.ndarray) -> list[Recognised]:
    # No orientation classifier: the page is straightened already, and it turns a lone 6 into a 9.
    result, _elapsed = _engine()(cv2.cvtColor(gray, cv2.COLOR_GRAY2BGR), use_cls=False)
    found = []
    for points, text, score in result or []:
        xs, ys = [int(p[0]) for p in points], [int(p[1]) for p in points]
        if text.strip():
            found.append(Recognised(Box(min(xs), min(ys), max(xs), max(ys)), text.strip(), float(score)))
    return found


def _cell_text(texts: list[Recognised]) -> str:
    return "".join(t.text for t in sorted(texts, key=lambda t: (t.box.y0 // _ROW_TOLERANCE, t.box.x0)))


def _table_lines(cells: list[Box], texts: list[Recognised]) -> list[Line]:
    """Rows of a ruled table: each band between row rules, its cells left to right; a merged cell's text
    stands in the band where it was printed, the other bands get an empty cell, as a PDF table gives them."""
    held: dict[Box, list[Recognised]] = {}
    for text in texts:
        holders = [c for c in cells if c.holds(*text.centre)]
        cell = min(holders, key=lambda c: (c.x1 - c.x0) * (c.y1 - c.y0)) if holders else text.box
        held.setdefault(cell, []).append(text)
    boxes = list(dict.fromkeys([*cells, *held]))
    tops: list[int] = []
    for top in sorted(b.y0 for b in boxes):
        if not tops or top - tops[-1] > _ROW_TOLERANCE:
            tops.append(top)
    bottom = max(b.y1 for b in boxes)
    lines = []
    for start, end in zip(tops, [*tops[1:], bottom], strict=True):
        row = sorted((b for b in boxes if b.y0 <= start + _ROW_TOLERANCE and b.y1 >= end - _ROW_TOLERANCE),
                     key=lambda b: b.x0)
        cells_text, doubtful = [], []
        for box in row:
            inside = [t for t in held.get(box, []) if start - _ROW_TOLERANCE <= t.centre[1] <= end + _ROW_TOLERANCE]
            cells_text.append(_cell_text(inside))
            doubtful += [t.text for t in inside if t.score < LOW_CONFIDENCE]
        if any(cells_text):
            lines.append(Line(tuple(cells_text), tabular=True, scanned=True, doubtful=tuple(doubtful)))
    return lines


def page_lines(gray: np.ndarray) -> list[tuple[int, str, object]]:
    """(top, "text" | "table", recognised text or table lines) of one page, top to bottom."""
    gray = deskew(gray)
    # Specks of a scan read as dots and digits: a median filter takes them out of what is recognised
    # (the rules, a pixel thin, are found on the page as it is).
    texts = recognise(cv2.medianBlur(gray, 3))
    items: list[tuple[int, str, object]] = []
    taken: set[int] = set()
    for outline, cells in table_cells(gray):
        inside = [t for t in texts if outline.holds(*t.centre)]
        taken |= {id(t) for t in inside}
        items.append((outline.y0, "table", _table_lines(cells, inside)))
    items += [(t.box.y0, "text", t) for t in texts if id(t) not in taken and not is_page_number(t.text)]
    return sorted(items, key=lambda item: item[0])


_HEADING_START = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)")


def _paragraph_lines(items: list[tuple[int, str, object]]) -> list[Line]:
    from .pdf import Paragraphs

    texts = [item for _top, kind, item in items if kind == "text"]
    left = min((t.box.x0 for t in texts), default=0)
    right = max((t.box.x1 for t in texts if t.box.x0 <= left + 10), default=0)
    out = Paragraphs()
    for _top, kind, item in items:
        if kind == "table":
            out.table(item)
            continue
        size = item.box.y1 - item.box.y0
        # A heading (二、… （五）…) starts its own line even where it stands indented like a paragraph.
        starts = item.box.x0 > left + size * 1.5 or _HEADING_START.match(item.text) is not None
        out.add(item.text, starts=starts, full=item.box.x1 >= right - size * 3)
    return out.lines


def _decode(content: bytes) -> np.ndarray:
    image = cv2.imdecode(np.frombuffer(content, np.uint8), cv2.IMREAD_GRAYSCALE)
    if image is None:
        raise ImportRejected(_("The image is damaged and cannot be read."))
    return image


def pdf_page_images(content: bytes) -> list[np.ndarray]:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(content)) as pdf:
        if len(pdf.pages) > MAX_PAGES:
            raise ImportRejected(_("A scanned report of more than %(pages)d pages cannot be recognised.")
                                 % {"pages": MAX_PAGES})
        return [np.asarray(page.to_image(resolution=RESOLUTION).original.convert("L")) for page in pdf.pages]


def read_scan(pages: list[np.ndarray], progress: Progress | None = None) -> list[Line]:
    items: list[tuple[int, str, object]] = []
    offset = 0
    for n, gray in enumerate(pages):
        items += [(offset + top, kind, item) for top, kind, item in page_lines(gray)]
        offset += gray.shape[0]
        if progress is not None:
            progress(n + 1, len(pages))
    lines = _paragraph_lines(items)
    if all(line.is_blank for line in lines):
        raise ImportRejected(_("No text was recognised on the scanned pages."))
    return lines


def read_image(content: bytes, progress: Progress | None = None) -> list[Line]:
    return read_scan([_decode(content)], progress)


def read_scanned_pdf(content: bytes, progress: Progress | None = None) -> list[Line]:
    return read_scan(pdf_page_images(content), progress)
