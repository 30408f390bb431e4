"""Everything done with one report, newest first, from every record that keeps a part of it."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from itertools import groupby

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from reports.models import Report, ReportChange
from review.models import ReportEvent, ReviewComment

from .models import AuditEntry

SHOWN_KEYS = 5
# What an audit entry's detail says worth a line on the page (an export's format, an import's change count).
SHOWN_DETAILS = ("format", "changes")


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


def _comments(report: Report) -> list[TrailRow]:
    return [
        TrailRow(c.at, c.author, _("Commented"), c.version,
                 [f"{report.format.label_of(c.cell)}：{c.body}" if c.cell else c.body])
        for c in ReviewComment.objects.filter(report=report).select_related("author")
    ]


def _entries(report: Report) -> list[TrailRow]:
    rows = []
    for entry in AuditEntry.objects.filter(report=report).select_related("actor"):
        details = [str(v) for k, v in sorted(entry.detail.items()) if k in SHOWN_DETAILS]
        rows.append(TrailRow(entry.at, entry.actor, entry.get_action_display(), entry.version, details))
    return rows


def report_trail(report: Report) -> list[TrailRow]:
    rows = _saves(report) + _events(report) + _comments(report) + _entries(report)
    return sorted(rows, key=lambda r: r.at, reverse=True)
