"""The common shape every reader produces: a sequence of lines made of cells.

A plain-text line, a DOCX paragraph, a row of a DOCX or PDF table and a line of
PDF text all become a Line. An empty Line marks a paragraph break.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher


@dataclass(frozen=True)
class Line:
    cells: tuple[str, ...]
    # True for rows of a real table (DOCX, PDF): their cells are exact, nothing to split.
    tabular: bool = False
    # The text line began with an indent (`　　`): in hard-wrapped text, the start of a paragraph.
    indented: bool = False
    # Read by text recognition from a scan; `doubtful` holds the texts of its cells read with low confidence.
    scanned: bool = False
    doubtful: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return " ".join(c for c in self.cells if c).strip()

    @property
    def is_blank(self) -> bool:
        return not self.text


BLANK = Line(())

_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—–－―]+\s*\d{1,4}\s*[-—–－―]+"
    r"|第\s*\d{1,4}\s*页(?:\s*[,，]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4})\s*$"
)
_ORDINAL_DIGIT = re.compile(r"(?<![\d.])(\d{1,2})[、.。](?!\d)")
_SPACES = re.compile(r"\s+")
_QUOTES = str.maketrans("", "", "“”\"'‘’「」*#")


def is_page_number(text: str) -> bool:
    return bool(_PAGE_NUMBER.match(text))


def undouble(text: str) -> str:
    """Undo PDF fake-bold extraction (`总总体体情情况况`) and repeated fragments (`规章规章`)."""
    n = len(text)
    if n >= 4 and n % 2 == 0:
        if text[0::2] == text[1::2]:
            return text[0::2]
        if text[: n // 2] == text[n // 2:]:
            return text[: n // 2]
    return text


def norm(text: str) -> str:
    """A label reduced to what matters for comparing it: width, spaces, quotes and `1、` folded."""
    text = unicodedata.normalize("NFKC", text or "")
    text = _SPACES.sub("", text).translate(_QUOTES)
    text = _ORDINAL_DIGIT.sub(r"\1.", text)
    return undouble(text.lower())


def clean_text(text: str) -> str:
    """Strip the indentation and markdown decoration a narrative line may carry."""
    text = text.replace("\u3000", " ").replace("\xa0", " ").strip()
    text = re.sub(r"^#{1,6}\s*", "", text)
    text = re.sub(r"^[-*+•]\s+", "", text)
    return text.strip()


def similarity(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    return 1.0 if a == b else SequenceMatcher(None, a, b, autojunk=False).ratio()
