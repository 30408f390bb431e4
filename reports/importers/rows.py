"""Splitting one line of a table into its label and its values."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .lines import Line

_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")
_WITH_UNIT = re.compile(r"([+-]?\d[\d,]*(?:\.\d+)?)\s*(件|项|个|次|条|宗|万元|元)")
_BLANK_MARKS = {"/", "-", "—", "–", "——", "\\", "无", "―", "--"}
_TRAILING = re.compile(r"^(.*?\S)((?:\s+(?:[+-]?\d[\d,]*(?:\.\d+)?|[/—–\-―]))+)\s*$")
# PDF text sometimes glues the first value to the label: `行政规范性文件4 5 6`.
_GLUED = re.compile(r"^(.*[\u4e00-\u9fff”）)])(\d[\d,]*(?:\.\d+)?(?:\s+(?:\d[\d,]*(?:\.\d+)?|[/—–\-―]))*)\s*$")


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def is_number(text: str) -> bool:
    return bool(_NUMBER.fullmatch(re.sub(r"[,']", "", _fold(text))))


def is_blank_mark(text: str) -> bool:
    return _fold(text) in _BLANK_MARKS


@dataclass(frozen=True)
class Row:
    """`values` holds the raw value text, None for a blank cell; empty when the line has no values."""

    label: str
    values: tuple[str | None, ...]
    broken: bool = False  # text stands between values: the positions cannot be trusted
    layout: int = 0  # leading values that may be empty label columns of a real table
    trailing: int = 0  # empty cells after the last value (tab or `|` separated text)


def _tokens(cell: str) -> list[tuple[str, str | None]]:
    text = cell.strip()
    if not text:
        return [("empty", None)]
    if is_number(text):
        return [("value", _fold(text))]
    with_unit = _WITH_UNIT.fullmatch(_fold(text))
    if with_unit:
        # `12件` is 12; `12元` stays as printed so that it is refused, not read as 万元.
        return [("value", with_unit.group(1) if with_unit.group(2) != "元" else with_unit.group(0))]
    if is_blank_mark(text):
        return [("blank", None)]
    parts = text.split()
    if len(parts) > 1 and all(is_number(p) or is_blank_mark(p) for p in parts):
        return [t for p in parts for t in _tokens(p)]
    match = _TRAILING.match(_fold(text))
    if match and not is_number(match.group(1)):
        return _tokens(match.group(1)) + [t for p in match.group(2).split() for t in _tokens(p)]
    match = _GLUED.match(_fold(text))
    if match and len(match.group(1)) <= 40 and not any(p in match.group(1) for p in "。；;:："):
        return [("text", match.group(1))] + [t for p in match.group(2).split() for t in _tokens(p)]
    return [("text", text)]


def split_row(line: Line) -> Row:
    tokens = [t for cell in line.cells for t in _tokens(cell)]
    positions = [i for i, (kind, _) in enumerate(tokens) if kind in ("value", "blank")]
    if not positions:
        return Row(" ".join(t for kind, t in tokens if kind == "text"), ())
    first, last = positions[0], positions[-1]
    layout = 0
    if line.tabular:
        # Cells of a real table are exact: an empty cell after the label is a blank value, not layout.
        # Without a label, leading empty cells may still be the label columns: `layout` counts them.
        texts = [i for i, (kind, _) in enumerate(tokens) if kind == "text" and i < first]
        start = texts[-1] + 1 if texts else 0
        layout = 0 if texts else first
        first, last = start, len(tokens) - 1
    label = " ".join(t for kind, t in tokens[:first] if kind == "text")
    trailing = 0
    while not line.tabular and last + 1 + trailing < len(tokens) and tokens[last + 1 + trailing][0] == "empty":
        trailing += 1
    span = tokens[first: last + 1]
    broken = any(kind == "text" for kind, _ in span)
    values = tuple(t if kind == "value" else None for kind, t in span)
    return Row(label, values, broken, layout, trailing)
