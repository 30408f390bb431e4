"""Comparisons: one agency's report in two years, and the agencies of a region side by side.

Pure functions on ReportData; the views load the reports.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from reports.data import ReportData
from reports.formats import ReportFormat
from reports.rules.similarity import copied_share, sentences

# A sentence ends at these marks (kept with it) or at a line break.
_SENTENCE_END = re.compile(r"(?<=[。！？；!?;\n])")


@dataclass(frozen=True)
class ValueChange:
    key: str
    row_label: str
    column_label: str
    before: int | Decimal | None
    after: int | Decimal | None

    @property
    def change(self):
        if self.before is None or self.after is None:
            return None
        return self.after - self.before

    @property
    def percent(self) -> float | None:
        """Relative change in per cent; None from zero or a missing value."""
        if self.change is None or not self.before:
            return None
        return float(self.change) / float(self.before) * 100


@dataclass(frozen=True)
class TableChanges:
    key: str
    heading: str
    rows: tuple[ValueChange, ...]

    @property
    def changed(self) -> int:
        return sum(1 for r in self.rows if r.change)


@dataclass(frozen=True)
class Passage:
    text: str
    same: bool  # found word for word (digits aside) in the other year's text


@dataclass(frozen=True)
class TextChanges:
    key: str
    label: str
    similarity: float  # share of this year's characters in sentences copied from the other year
    before: tuple[Passage, ...]
    after: tuple[Passage, ...]


def table_changes(before: ReportData, after: ReportData) -> list[TableChanges]:
    """Every value of `after`'s tables beside `before`'s (keys the earlier format lacks stay empty)."""
    fmt = after.format
    found = []
    for section in fmt.sections:
        if section.table is None:
            continue
        rows = tuple(
            ValueChange(f.key, f.row_label, f.column_label,
                        before.value(f.key) if f.key in before.format.field_map else None, after.value(f.key))
            for f in section.table.fields
        )
        found.append(TableChanges(section.table.key, section.heading, rows))
    return found


def _passages(text: str) -> list[str]:
    return [p for p in _SENTENCE_END.split(text) if p.strip()]


def _marked(passages: list[str], known: set[str]) -> tuple[Passage, ...]:
    return tuple(Passage(p, bool(sentences(p)) and all(s in known for s in sentences(p))) for p in passages)


def text_changes(before: ReportData, after: ReportData) -> list[TextChanges]:
    """Each narrative part of `after` with its similarity to `before`'s same part, sentence by sentence.

    Sentences are compared as the 雷同 rule compares them (no whitespace, any run of digits alike),
    so a sentence that only changed its year or count shows as copied.
    """
    found = []
    for text_field in after.format.text_fields:
        old, new = before.text(text_field.key), after.text(text_field.key)
        if not old and not new:
            continue
        old_known = set(sentences(old))
        new_known = set(sentences(new))
        share, _total = copied_share([new], [old])
        found.append(TextChanges(
            text_field.key, text_field.label, share,
            before=_marked(_passages(old), new_known), after=_marked(_passages(new), old_known),
        ))
    return found


def overall_similarity(before: ReportData, after: ReportData) -> float:
    keys = after.format.text_keys
    share, _total = copied_share([after.text(k) for k in keys], [before.text(k) for k in keys])
    return share


def sentence_diff_ratio(before: str, after: str) -> float:
    """How alike two texts are sentence by sentence (0–1), for sorting."""
    return difflib.SequenceMatcher(a=list(sentences(before)), b=list(sentences(after)), autojunk=False).ratio()


# -- a region's agencies side by side ---------------------------------------------------------------

@dataclass(frozen=True)
class Indicator:
    key: str
    label: str
    numerator: tuple[str, ...]
    denominator: tuple[str, ...] = ()  # a share when given

    @property
    def is_share(self) -> bool:
        return bool(self.denominator)

    def _sum(self, data_cells: dict, keys) -> Decimal | int | None:
        present = [data_cells.get(k) for k in keys if data_cells.get(k) is not None]
        return sum(present) if present else None

    def value(self, cells: dict):
        top = self._sum(cells, self.numerator)
        if not self.is_share:
            return top
        bottom = self._sum(cells, self.denominator)
        if top is None or not bottom:
            return None
        return float(top) / float(bottom) * 100

    def total(self, many: list[dict]):
        """The region's figure: the sum, or for a share the share of the sums."""
        merged: dict = {}
        for cells in many:
            for key in self.numerator + self.denominator:
                if cells.get(key) is not None:
                    merged[key] = merged.get(key, 0) + cells[key]
        return self.value(merged)


_SUITS = ("appeal.suit_direct", "appeal.suit_after_review")
INDICATORS = (
    Indicator("new", _("New applications"), ("apply.new.total",)),
    Indicator("granted", _("Share disclosed in full, per cent"), ("apply.granted.total",), ("apply.total.total",)),
    Indicator("review_corrected", _("Administrative reconsiderations corrected, per cent"),
              ("appeal.review.corrected",), ("appeal.review.total",)),
    Indicator("suit_corrected", _("Administrative lawsuits corrected, per cent"),
              tuple(f"{s}.corrected" for s in _SUITS), tuple(f"{s}.total" for s in _SUITS)),
    Indicator("fees", _("Administrative fees (10,000 yuan)"), ("active.fees.amount",)),
)


def table_indicators(fmt: ReportFormat, table_key: str) -> tuple[Indicator, ...]:
    """Every value of one statutory table as an indicator of its own."""
    return tuple(Indicator(f.key, f.label, (f.key,)) for f in fmt.table(table_key).fields)
