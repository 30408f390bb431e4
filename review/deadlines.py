"""Regions without a query per agency: resolved from preloaded agencies."""
from __future__ import annotations

from agencies.models import Agency


def region_of(agency: Agency, known: dict[int, Agency]) -> Agency:
    """The nearest government at or above `agency` among the `known` agencies (by id), without a query."""
    for pk in reversed(agency.ancestor_ids):
        candidate = known.get(pk)
        if candidate is not None and candidate.is_government:
            return candidate
    return agency
