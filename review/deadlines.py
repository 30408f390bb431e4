"""Publication deadlines without a query per agency: the region is resolved from preloaded agencies."""
from __future__ import annotations

from datetime import date

from agencies.models import Agency
from reports.rules.report_check import publication_deadline


def deadline_for(agency: Agency, region: Agency, year: int) -> date:
    """The day by which `agency` publishes its report for `year`, its region given rather than looked up."""
    return publication_deadline(agency, year, region=region)


def region_of(agency: Agency, known: dict[int, Agency]) -> Agency:
    """The nearest government at or above `agency` among the `known` agencies (by id), without a query."""
    for pk in reversed(agency.ancestor_ids):
        candidate = known.get(pk)
        if candidate is not None and candidate.is_government:
            return candidate
    return agency
