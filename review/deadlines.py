"""Publication deadlines: a region's setting (default 31 January of the next year)."""
from __future__ import annotations

import calendar
from datetime import date

from agencies.models import Agency


def deadline_for(region: Agency, year: int) -> date:
    """The day by which the report for `year` must be published in `region`."""
    month = region.deadline_month
    day = min(region.deadline_day, calendar.monthrange(year + 1, month)[1])
    return date(year + 1, month, day)


def region_of(agency: Agency, known: dict[int, Agency]) -> Agency:
    """The nearest government at or above `agency` among the `known` agencies (by id), without a query."""
    for pk in reversed(agency.ancestor_ids):
        candidate = known.get(pk)
        if candidate is not None and candidate.is_government:
            return candidate
    return agency
