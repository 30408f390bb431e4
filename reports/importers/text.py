"""Plain text and markdown, as copied from a portal page or extracted from a PDF."""
from __future__ import annotations

import re

from .lines import BLANK, Line

_MD_RULE = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")
_INDENT = re.compile(r"^(\u3000+| {2,}|\t+)\S")
_WIDE_GAP = re.compile(r"(?: {2,}|\u3000+|\xa0{2,})")
# Word's plain-text copy leaves its hidden bookmarks in the text: `[bookmark: _Hlk66973412]`.
_EDITOR_MARKS = re.compile(r"\[bookmark:[^\]\n]*\]")


def split_cells(line: str) -> tuple[str, ...]:
    """Cells of one line: separated by tabs, `|` (markdown tables) or runs of spaces."""
    stripped = line.strip()
    if stripped.count("|") >= 2 or stripped.startswith("|"):
        cells = stripped.strip("|").split("|")
    elif "\t" in line:
        cells = line.rstrip("\n").split("\t")
    else:
        cells = _WIDE_GAP.split(stripped)
    return tuple(c.strip() for c in cells)


def read_text(text: str) -> list[Line]:
    lines: list[Line] = []
    text = _EDITOR_MARKS.sub("", text)
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if _MD_RULE.match(raw) and "-" in raw:
            continue
        cells = split_cells(raw)
        lines.append(Line(cells, indented=bool(_INDENT.match(raw))) if any(cells) else BLANK)
    return lines
