"""一键排版: layout fixes offered for narrative text, one paragraph at a time, never applied unasked.

Imported or pasted text often carries list markers of other programs (「- (1)」) and half-width
punctuation or spaces between Chinese characters (「新要求 , 公众关切」). Each fix only touches
characters between two Chinese characters (or a marker at the start of a paragraph), so numbers,
addresses, e-mail and web addresses stay as they are.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# Chinese characters and full-width punctuation: what a fix must find on both sides.
_CJK = "\u3000-\u303f\u3400-\u9fff\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65“”‘’"
_BULLET = re.compile(r"^(?:[-*+]\s+|[•●▪◦]\s*)+(?=\S)")  # "**bold**" is not a bullet
_NUMBER_MARKER = re.compile(r"^\((\d{1,2}|[一二三四五六七八九十]{1,3})\)\s*")
_FULL_WIDTH = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_PUNCTUATION = re.compile(rf"(?<=[{_CJK}])\s*([,;:?!])\s*(?=[{_CJK}])")
_OPEN = re.compile(rf"(?<=[{_CJK}])\s*\((?=[{_CJK}])")
_CLOSE = re.compile(rf"(?<=[{_CJK}])\)\s*(?=[{_CJK}])")
_AND = re.compile(rf"(?<=[{_CJK}])\s+and\s+(?=[{_CJK}])")
_SPACE = re.compile(rf"(?<=[{_CJK}])[ \t\u00a0]+(?=[{_CJK}])")


def paragraph_tidy(paragraph: str) -> str:
    """The paragraph with the layout fixes applied (itself when there is nothing to fix)."""
    text = paragraph.strip()
    text = _BULLET.sub("", text)
    text = _NUMBER_MARKER.sub(lambda m: f"（{m.group(1)}）", text)
    text = _PUNCTUATION.sub(lambda m: _FULL_WIDTH[m.group(1)], text)
    text = _OPEN.sub("（", text)
    text = _CLOSE.sub("）", text)
    text = _AND.sub("和", text)
    text = _SPACE.sub("", text)
    return text if text != paragraph.strip() else paragraph


@dataclass(frozen=True)
class TidyProposal:
    key: str
    index: int  # line of the text, counted from 0
    before: str
    after: str


def text_tidy_proposals(key: str, text: str) -> list[TidyProposal]:
    """One proposal per line of `text` that the fixes would change."""
    proposals = []
    for index, line in enumerate((text or "").split("\n")):
        if line.strip() and paragraph_tidy(line) != line:
            proposals.append(TidyProposal(key, index, line, paragraph_tidy(line)))
    return proposals


def text_tidy_apply(text: str, index: int, expected: str) -> str | None:
    """`text` with line `index` tidied; None when that line is no longer `expected` (changed meanwhile)."""
    lines = (text or "").split("\n")
    if not 0 <= index < len(lines) or lines[index] != expected:
        return None
    lines[index] = paragraph_tidy(lines[index])
    return "\n".join(lines)
