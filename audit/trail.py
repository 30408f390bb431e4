"""Everything done with one report, newest first, from every record that keeps a part of it."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from itertools import groupby

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from reports.models import Report, ReportChange
from review.models import ReportEvent, ReviewComment

from .models import AuditEntry

SHOWN_KEYS = 5
# The activity log speaks in words: what an export's `format` detail means to a person.
EXPORTS = {
    "preview": gettext_lazy("Read the report in the browser"),
    "pdf": gettext_lazy("Exported the PDF"),
    "docx": gettext_lazy("Exported the Word document (DOCX)"),
    "json": gettext_lazy("Exported the data (JSON)"),
    "html": gettext_lazy("Exported the web page (HTML)"),
}


@dataclass(frozen=True)
class TrailRow:
    at: datetime
    actor: object
    action: str
    version: int | None
    details: list[str] = field(default_factory=list)


def _saves(report: Report) -> list[TrailRow]:
    changes = ReportChange.objects.filter(report=report).select_related("changed_by").order_by("version", "id")
    rows = []
    for version, group in groupby(changes, key=lambda c: c.version):
        group = list(group)
        labels = [report.format.label_of(c.key) for c in group[:SHOWN_KEYS]]
        if len(group) > SHOWN_KEYS:
            labels.append(_("and %(count)d more") % {"count": len(group) - SHOWN_KEYS})
        action = ngettext("Saved %(count)d change", "Saved %(count)d changes", len(group)) % {"count": len(group)}
        rows.append(TrailRow(group[-1].changed_at, group[-1].changed_by, action, version, labels))
    return rows


def _events(report: Report) -> list[TrailRow]:
    return [
        TrailRow(e.at, e.actor, e.get_action_display(), e.version, [e.comment] if e.comment else [])
        for e in ReportEvent.objects.filter(report=report).select_related("actor")
    ]


def _comment_action(comment: ReviewComment) -> str:
    if comment.parent_id is None:
        return _("Commented")
    return _("Marked a comment as dealt with") if comment.resolves else _("Replied to a comment")


def _comments(report: Report) -> list[TrailRow]:
    rows = []
    for c in ReviewComment.objects.filter(report=report).select_related("author"):
        details = [f"{report.format.label_of(c.cell)}：{c.body}" if c.cell else c.body] if c.body else []
        rows.append(TrailRow(c.at, c.author, _comment_action(c), c.version, details))
    return rows


def _entry_words(entry: AuditEntry) -> tuple[str, list[str]]:
    """An audit entry as a person says it: 「导出PDF」, not `exported` with `format: pdf`."""
    detail = entry.detail or {}
    if entry.action == "exported" and detail.get("format") in EXPORTS:
        return str(EXPORTS[detail["format"]]), []
    if entry.action == "imported" and "changes" in detail:
        count = int(detail["changes"])
        return entry.get_action_display(), [
            ngettext("%(count)d value or text replaced", "%(count)d values and texts replaced", count)
            % {"count": count}]
    return entry.get_action_display(), []


def _entries(report: Report) -> list[TrailRow]:
    rows = []
    for entry in AuditEntry.objects.filter(report=report).select_related("actor"):
        action, details = _entry_words(entry)
        rows.append(TrailRow(entry.at, entry.actor, action, entry.version, details))
    return rows


def report_trail(report: Report) -> list[TrailRow]:
    rows = _saves(report) + _events(report) + _comments(report) + _entries(report)
    return sorted(rows, key=lambda r: r.at, reverse=True)
