"""What the step templates render: findings with their anchors (the entry table: table_html.py)."""
from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _

from agencies.people import person_name
from reports.rules import ERROR, Severity

from .checks import anchor


@dataclass
class FindingView:
    id: str
    rule: str
    severity: str
    message: str
    anchor: str
    keys: tuple[str, ...]

    @property
    def severity_label(self) -> str:
        return Severity(self.severity).label

    @property
    def signature(self) -> str:
        """Identifies a finding across live checks, to announce only new ones."""
        return f"{self.rule}|{','.join(self.keys)}"


def finding_views(findings, prefix: str = "finding") -> list[FindingView]:
    return [
        FindingView(f"{prefix}-{i}", f.rule, f.severity, f.message, anchor(f), f.cells + f.texts)
        for i, f in enumerate(findings, 1)
    ]


def marks(views: list[FindingView]) -> dict[str, tuple[list[str], bool]]:
    """For each key: the ids of the findings about it, and whether one is an error."""
    result: dict[str, tuple[list[str], bool]] = {}
    for v in views:
        for key in v.keys:
            ids, is_error = result.get(key, ([], False))
            result[key] = (ids + [v.id], is_error or v.severity == ERROR)
    return result


def last_saved(report) -> str:
    """「最后保存：王晓梅，11月29日 14:05」: who saved the report last and when, in local time."""
    if report.version <= 1:  # created, nothing written yet
        return ""
    when = timezone.localtime(report.updated_at)
    shown = date_format(when, "n月j日 H:i" if when.year == timezone.localdate().year else "Y年n月j日 H:i")
    person = person_name(report.updated_by)
    if not person:
        return _("Last saved: %(when)s") % {"when": shown}
    return _("Last saved: %(person)s, %(when)s") % {"person": person, "when": shown}
