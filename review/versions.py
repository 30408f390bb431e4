"""A report's content at any version, rebuilt from its change history, and the difference of two versions.

Why rebuild rather than snapshot at each transition: every content write goes through
`reports.services.report_write`, which records each changed key with its new value and
the version it produced. Replaying those rows up to version N gives exactly the content
at N, for every version (not only those where the status changed), at no cost on the
write path, and with one query. Values are compared as stored (text), which is how the
history shows them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from html import escape

from django.db.models import QuerySet
from django.utils.safestring import mark_safe

from reports.models import Report, ReportChange

from .sections import section_choices, section_keys

# A sentence ends after 。！？；, their ASCII forms, or a line break; the ending stays with it.
_SENTENCE = re.compile(r"[^。！？；!?;\n]*(?:[。！？；!?;]+|\n+|$)")
# Two changed sentences are compared character by character only while that stays cheap:
# SequenceMatcher's work grows with the product of the lengths.
CHARACTER_DIFF_LIMIT = 200_000


def sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE.findall(text) if s]


def _mark(op: str, old: str, new: str, before: list, after: list) -> None:
    if op == "equal":
        before.append(escape(old))
        after.append(escape(new))
        return
    if old:
        before.append(f"<del>{escape(old)}</del>")
    if new:
        after.append(f"<ins>{escape(new)}</ins>")


def _characters(old: str, new: str, before: list, after: list) -> None:
    if len(old) * len(new) > CHARACTER_DIFF_LIMIT:
        _mark("replace", old, new, before, after)
        return
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        _mark(op, old[i1:i2], new[j1:j2], before, after)


def marked_diff(old: str, new: str) -> tuple[str, str]:
    """Both texts as HTML, changed sentences marked, and within a changed pair of sentences the changed characters.

    Diffing whole narratives character by character is quadratic (20,000 characters took 20 s);
    by sentence, the work is bounded by the number of sentences and the limit above.
    """
    old_parts, new_parts = sentences(old), sentences(new)
    before, after = [], []
    # autojunk: a sentence repeated hundreds of times is no anchor, and would make the matching quadratic.
    matcher = SequenceMatcher(None, old_parts, new_parts)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        old_text, new_text = "".join(old_parts[i1:i2]), "".join(new_parts[j1:j2])
        if op == "replace":
            _characters(old_text, new_text, before, after)
        else:
            _mark(op, old_text, new_text, before, after)
    return mark_safe("".join(before)), mark_safe("".join(after))  # every piece is escaped in _mark


@dataclass(frozen=True)
class DiffRow:
    key: str
    label: str
    old: str | None
    new: str | None

    def marked(self) -> tuple[str, str]:
        """Both sides as HTML with the differences marked (texts are long; a number is one token)."""
        return marked_diff(self.old or "", self.new or "")


@dataclass(frozen=True)
class SectionDiff:
    key: str
    heading: str
    rows: list[DiffRow]


def _replay(changes, version: int) -> dict[str, str | None]:
    content: dict[str, str | None] = {}
    for key, new, change_version in changes:
        if change_version <= version:
            content[key] = new
    return content


def content_at(report: Report, version: int) -> dict[str, str | None]:
    """Every key that ever had a value, with its value at `version` (None: empty)."""
    changes = ReportChange.objects.filter(report=report, version__lte=version).order_by("version", "id")
    return _replay(changes.values_list("key", "new", "version"), version)


def compare(report: Report, older: int, newer: int) -> list[SectionDiff]:
    """The keys whose values differ between two versions, grouped by section in format order."""
    changes = list(
        ReportChange.objects.filter(report=report, version__lte=max(older, newer))
        .order_by("version", "id")
        .values_list("key", "new", "version")
    )
    before, after = _replay(changes, older), _replay(changes, newer)
    fmt = report.format
    differing = {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}
    diffs = []
    for section, heading in section_choices(fmt):
        rows = [
            DiffRow(k, fmt.label_of(k), before.get(k), after.get(k)) for k in section_keys(fmt, section)
            if k in differing
        ]
        if rows:
            diffs.append(SectionDiff(section, heading, rows))
    return diffs


def history(report: Report, *, key: str = "", section: str = "") -> QuerySet[ReportChange]:
    """The changes of one key, or of every key of one section, newest first."""
    changes = ReportChange.objects.filter(report=report).select_related("changed_by")
    if key:
        return changes.filter(key=key)
    if section:
        return changes.filter(key__in=section_keys(report.format, section))
    return changes


def label_changes(report: Report, changes) -> list[tuple[ReportChange, str, str]]:
    """Each change with the label and section of its key."""
    fmt = report.format
    return [(c, fmt.label_of(c.key), fmt.section_of(c.key)) for c in changes]
