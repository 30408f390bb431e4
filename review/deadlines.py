"""Publication deadlines without a query per agency: the region is resolved from preloaded agencies."""
from __future__ import annotations

import calendar
from datetime import date

from agencies.models import Agency
from reports.rules.report_check import GOVERNMENT_DEADLINE


def deadline_for(agency: Agency, region: Agency, year: int) -> date:
    """The day by which `agency` publishes its report for `year`: the region's setting, in year Y+1.

    The same rule as reports.rules.report_check.publication_deadline (a government itself has at
    least until 3月31日), given the region instead of looking it up.
    """
    month, day = region.deadline_month, region.deadline_day
    if agency.is_government and (month, day) < GOVERNMENT_DEADLINE:
        month, day = GOVERNMENT_DEADLINE
    return date(year + 1, month, min(day, calendar.monthrange(year + 1, month)[1]))


def region_of(agency: Agency, known: dict[int, Agency]) -> Agency:
    """The nearest government at or above `agency` among the `known` agencies (by id), without a query."""
    for pk in reversed(agency.ancestor_ids):
        candidate = known.get(pk)
        if candidate is not None and candidate.is_government:
            return candidate
    return agency
