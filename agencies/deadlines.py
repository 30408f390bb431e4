"""When an agency's annual report is due (条例第四十九条 and the region's own deadline)."""
from __future__ import annotations

import calendar
from datetime import date

from .models import Agency

# 第四十九条: the people's government itself publishes its report by 3月31日 of the next year.
GOVERNMENT_DEADLINE = (3, 31)


def publication_deadline(agency: Agency, year: int, *, region: Agency | None = None) -> date:
    """The region's deadline in year Y+1 (a day beyond the month's end means its last day).

    A government's own report has at least until 3月31日. Pass `region` when it is already known,
    to save the query that finds it.
    """
    region = region or agency.region()
    month, day = region.deadline_month, region.deadline_day
    if agency.is_government and (month, day) < GOVERNMENT_DEADLINE:
        month, day = GOVERNMENT_DEADLINE
    day = min(day, calendar.monthrange(year + 1, month)[1])
    return date(year + 1, month, day)
