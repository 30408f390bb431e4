"""The governments below a government, each as one row of counts: a province's dashboard lists its
cities, not its 20,000 agencies, and each city row leads to that city's own dashboard.

Three queries whatever the number of agencies: the governments of the subtree, its agencies'
paths and kinds, and its reports' statuses for the year; everything else is counted in memory.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Case, OuterRef, Subquery, When

from agencies.deadlines import publication_deadline
from agencies.models import Agency, AgencyKind
from reports.models import Report, ReportStatus

from .models import Action, ReportEvent

NOT_STARTED = "missing"


@dataclass
class RegionRollup:
    region: Agency
    agencies: int = 0
    statuses: Counter = field(default_factory=Counter)
    overdue: int = 0
    returned: int = 0  # drafts sent back by their approver (counted among the drafts too)

    def count(self, status: str) -> int:
        return self.statuses.get(status, 0)

    @property
    def not_started(self) -> int:
        return self.count(NOT_STARTED)

    @property
    def drafting(self) -> int:
        return self.count(ReportStatus.DRAFT)

    @property
    def submitted(self) -> int:
        return self.count(ReportStatus.SUBMITTED)

    @property
    def approved(self) -> int:
        return self.count(ReportStatus.APPROVED)

    @property
    def published(self) -> int:
        return self.count(ReportStatus.PUBLISHED)

    @property
    def published_percent(self) -> int:
        return 100 * self.published // self.agencies if self.agencies else 0


def lower_governments(government: Agency, governments: list[Agency]) -> list[Agency]:
    """The governments directly below `government` (none between them), in tree order."""
    below = [g for g in governments if g.path.startswith(government.path) and g.pk != government.pk]
    paths = [g.path for g in below]
    return sorted((g for g in below if not any(g.path != p and g.path.startswith(p) for p in paths)),
                  key=lambda g: g.pk)


def lower_governments_of(government: Agency) -> list[Agency]:
    """The governments directly below `government`, in one query."""
    governments = Agency.objects.filter(path__startswith=government.path, kind=AgencyKind.GOVERNMENT).only("path")
    return lower_governments(government, list(governments))


def region_rollups(government: Agency, year: int, *, today: date) -> tuple[list[RegionRollup], set[int]]:
    """One rollup per government directly below `government`, and the ids of the agencies they cover
    (the rest are the government's own level, listed agency by agency)."""
    governments = list(Agency.objects.filter(path__startswith=government.path, kind=AgencyKind.GOVERNMENT)
                       .only("name", "code", "kind", "path", "parent_id", "deadline_month", "deadline_day",
                             "second_review"))
    lower = {g.pk: g for g in lower_governments(government, governments)}
    if not lower:
        return [], set()
    known = {g.pk: g for g in governments}
    depth = len(government.ancestor_ids)
    rollups = {pk: RegionRollup(g) for pk, g in lower.items()}
    covered: dict[int, RegionRollup] = {}
    deadlines: dict[int, date] = {}
    due: dict[tuple[int, bool], date] = {}  # one deadline per region, and one for a government's own report
    rows = Agency.objects.filter(path__startswith=government.path).values_list("pk", "kind", "path")
    for pk, kind, path in rows.iterator(chunk_size=5000):
        ids = [int(part) for part in path.strip("/").split("/")]
        owner = next((lower[i] for i in ids[depth:] if i in lower), None)
        if owner is None:
            continue
        rollup = rollups[owner.pk]
        rollup.agencies += 1
        covered[pk] = rollup
        region = next(known[i] for i in reversed(ids) if i in known)
        key = (region.pk, kind == AgencyKind.GOVERNMENT)
        if key not in due:
            due[key] = publication_deadline(Agency(kind=kind), year, region=region)
        deadlines[pk] = due[key]
    last_action = ReportEvent.objects.filter(report=OuterRef("pk")).order_by("-at", "-id").values("action")[:1]
    reports = (Report.objects.filter(agency__path__startswith=government.path, year=year)
               # Only a draft's last event tells whether it was returned: the CASE spares the others the lookup.
               .annotate(last_action=Case(When(status=ReportStatus.DRAFT, then=Subquery(last_action))))
               .values_list("agency_id", "status", "last_action"))
    statuses = {agency_id: (status, action) for agency_id, status, action in reports}
    for agency_id, rollup in covered.items():
        status, action = statuses.get(agency_id, (NOT_STARTED, None))
        rollup.statuses[status] += 1
        rollup.returned += action == Action.RETURN
        if status != ReportStatus.PUBLISHED and deadlines[agency_id] < today:
            rollup.overdue += 1
    return list(rollups.values()), set(covered)
