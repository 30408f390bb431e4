"""The open government office's view of every agency below a government, in a fixed number of queries.

Agencies come in one query, their reports (with check counts and the last transition) in
another; regions and deadlines are resolved in memory from the agencies' paths.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agencies.deadlines import publication_deadline
from agencies.models import Agency, Membership, Role
from reports.models import Report, ReportStatus

from .deadlines import region_of
from .models import Action, ReportEvent
from .summaries import RECOUNT_INLINE, summaries_refresh_later, summaries_refresh_stale

NOT_STARTED = "missing"
STATUS_FILTERS = [(NOT_STARTED, _("Not started")), *ReportStatus.choices]
SORTS = {
    "name": lambda r: (r.agency.path, r.agency.name),
    "status": lambda r: (r.status_order, r.agency.path),
    "deadline": lambda r: (r.days_left, r.agency.path),
    "errors": lambda r: (-(r.errors or 0), -(r.warnings or 0), r.agency.path),
    "changed": lambda r: (r.last_change.timestamp() if r.last_change else 0, r.agency.path),
}
STATUS_ORDER = {NOT_STARTED: 0, **{s: i + 1 for i, s in enumerate(ReportStatus.values)}}
# Not yet in the approvers' hands: these are the ones a reminder is for.
REMINDABLE = (NOT_STARTED, ReportStatus.DRAFT)


@dataclass
class DashboardRow:
    agency: Agency
    report: Report | None
    deadline: date
    days_left: int
    last_change: datetime | None
    second_review: bool = False
    # Roles nobody active holds in the agency: without a 填报人 nobody writes its report, without a
    # 审核人 the open government office approves it (reports/permissions.py).
    missing_roles: tuple[str, ...] = ()
    returned_by: str = ""

    @property
    def status(self) -> str:
        return self.report.status if self.report else NOT_STARTED

    @property
    def status_label(self) -> str:
        return self.report.get_status_display() if self.report else str(_("Not started"))

    @property
    def status_order(self) -> int:
        return STATUS_ORDER[self.status]

    @property
    def returned(self) -> bool:
        return self.status == ReportStatus.DRAFT and self.report.last_event_action == Action.RETURN

    @property
    def awaiting_acceptance(self) -> bool:
        """Approved in a region with a second review, and not yet accepted by the open government office."""
        return (self.second_review and self.status == ReportStatus.APPROVED
                and self.report.last_event_action != Action.ACCEPT)

    @property
    def overdue(self) -> bool:
        return self.days_left < 0 and self.status != ReportStatus.PUBLISHED

    @property
    def days_late(self) -> int:
        return -self.days_left

    @property
    def remindable(self) -> bool:
        return self.status in REMINDABLE

    @property
    def summary(self):
        return getattr(self.report, "check_summary", None) if self.report else None

    @property
    def errors(self) -> int | None:
        return self.summary.errors if self.summary else None

    @property
    def warnings(self) -> int | None:
        return self.summary.warnings if self.summary else None

    @property
    def counts_stale(self) -> bool:
        return self.summary is not None and self.summary.version != self.report.version

    @property
    def counts_pending(self) -> bool:
        """The counts shown are not those of the current content (a background recount is on its way)."""
        return self.report is not None and (self.summary is None or self.counts_stale)

    # Preformatted for the template: with 2,000 rows, the date filter alone costs a tenth of a second.
    @property
    def last_change_text(self) -> str:
        return timezone.localtime(self.last_change).strftime("%Y-%m-%d %H:%M") if self.last_change else "—"

    @property
    def deadline_text(self) -> str:
        return self.deadline.isoformat()


def dashboard_rows(government: Agency, year: int, *, today: date, without: list[Agency] = ()) -> list[DashboardRow]:
    """One row per agency at or below `government`, in tree order, leaving out the subtrees of `without`
    (the lower governments the dashboard shows as rolled-up counts instead).

    Three queries, and a fixed few more when some check counts are stale (see summaries): at most
    RECOUNT_INLINE of those are recounted here, the rest in the background.
    """
    own = government.descendants()
    for lower in without:
        own = own.exclude(path__startswith=lower.path)
    agencies = list(
        own.order_by("path", "name")
        .only("name", "code", "kind", "level", "path", "parent_id", "deadline_month", "deadline_day", "second_review")
    )
    known = {a.pk: a for a in agencies}
    last_event = ReportEvent.objects.filter(report=OuterRef("pk")).order_by("-at", "-id")
    reports = {
        r.agency_id: r
        for r in Report.objects.filter(agency__in=own, year=year)
        .select_related("check_summary")
        .only("agency_id", "year", "format_id", "status", "version", "title", "signed_on", "updated_at",
              "check_summary__version", "check_summary__errors", "check_summary__warnings")
        .annotate(last_event_at=Subquery(last_event.values("at")[:1]),
                  last_event_action=Subquery(last_event.values("action")[:1]),
                  last_event_family=Subquery(last_event.values("actor__last_name")[:1]),
                  last_event_given=Subquery(last_event.values("actor__first_name")[:1]),
                  last_event_login=Subquery(last_event.values("actor__username")[:1]))
    }
    staffed = staffing(own)
    regions = {a.pk: region_of(a, known) for a in agencies}
    deadlines = {a.pk: publication_deadline(a, year, region=regions[a.pk]) for a in agencies}
    for report in reports.values():
        report.agency = known[report.agency_id]
    summaries_refresh_later(summaries_refresh_stale(list(reports.values()), deadlines, limit=RECOUNT_INLINE))
    rows = []
    for agency in agencies:
        report, deadline = reports.get(agency.pk), deadlines[agency.pk]
        changes = [t for t in (report and report.updated_at, report and report.last_event_at) if t]
        held = staffed.get(agency.pk, set())
        rows.append(DashboardRow(
            agency, report, deadline, (deadline - today).days, max(changes, default=None),
            regions[agency.pk].second_review,
            missing_roles=tuple(role for role in STAFFED_ROLES if role not in held and not agency.is_government),
            returned_by=_returned_by(report),
        ))
    return rows


# Roles an agency needs for its report to reach 已发布; a government's own report is written by its office.
STAFFED_ROLES = (Role.EDITOR, Role.APPROVER)


def staffing(agencies) -> dict[int, set[str]]:
    """Roles held by active people, by agency id, for every agency of the queryset `agencies` (one query)."""
    rows = Membership.objects.filter(
        agency__in=agencies, user__is_active=True, role__in=STAFFED_ROLES
    ).values_list("agency_id", "role").distinct()
    held: dict[int, set[str]] = {}
    for agency_id, role in rows:
        held.setdefault(agency_id, set()).add(role)
    return held


def _returned_by(report: Report | None) -> str:
    if report is None or report.status != ReportStatus.DRAFT or report.last_event_action != Action.RETURN:
        return ""
    return f"{report.last_event_family or ''}{report.last_event_given or ''}" or (report.last_event_login or "")


def filter_and_sort(rows: list[DashboardRow], *, status: str = "", overdue: bool = False,
                    sort: str = "name", missing: str = "") -> list[DashboardRow]:
    if status:
        rows = [r for r in rows if r.status == status]
    if missing:
        rows = [r for r in rows if missing in r.missing_roles]
    if overdue:
        rows = [r for r in rows if r.overdue]
    key = sort.lstrip("-")
    return sorted(rows, key=SORTS.get(key, SORTS["name"]), reverse=sort.startswith("-"))


def agencies_to_remind(year: int, *, today: date, within_days: int, below: Agency | None = None) -> list[DashboardRow]:
    """Rows whose report is not yet submitted and whose deadline is at most `within_days` away (or passed)."""
    governments = [below] if below else list(Agency.objects.filter(parent__isnull=True))
    rows = []
    for government in governments:
        rows += [
            r for r in dashboard_rows(government, year, today=today)
            if r.remindable and r.days_left <= within_days
        ]
    return rows
