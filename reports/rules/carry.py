"""Values carried forward from last year's report, derived from the cross-year rules that check them.

APPLY-CARRY-IN says 二、上年结转 equals last year's 四、结转下年度继续办理, ACTIVE-STOCK that
现行有效件数 is last year's stock plus this year's issued less repealed. The form offers those
right-hand sides as values, and the page recomputes an offer from the same formula as people type.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

from reports.data import ReportData
from reports.formats import get_format

from .sums import Compare, Term


@dataclass(frozen=True)
class CarryForward:
    """`target` is offered as (last year's terms) + (this year's terms), never below 0."""

    target: str
    last: tuple[Term, ...]
    this: tuple[Term, ...]

    def base(self, last_year: ReportData) -> int | None:
        """The part last year's report gives; None when it left a cell of it blank."""
        values = [last_year.value(t.key) for t in self.last]
        if any(v is None for v in values):
            return None
        return sum(t.sign * v for t, v in zip(self.last, values))

    def offer(self, base: int, data: ReportData) -> int:
        return max(base + sum(t.sign * (data.value(t.key) or 0) for t in self.this), 0)


@functools.cache
def carry_forwards(format_id: str, last_format_id: str) -> tuple[CarryForward, ...]:
    """What a report of `format_id` carries forward from last year's report of `last_format_id`."""
    from .definitions import RULES

    fmt = get_format(format_id)
    found = []
    for rule in RULES:
        if not (isinstance(rule, Compare) and rule.carries_forward and rule.for_format(fmt)):
            continue
        if rule.last_year_formats and last_format_id not in rule.last_year_formats:
            continue
        for left, right, *_ in rule.plan(fmt):
            (target,) = left
            last, this = tuple(t for t in right if t.last), tuple(t for t in right if not t.last)
            found.append(CarryForward(target.key, last, this))
    return tuple(found)


def _bases(data: ReportData, last_year: ReportData | None):
    if last_year is None:
        return
    for carry in carry_forwards(data.format.id, last_year.format.id):
        base = carry.base(last_year)
        if base is not None:
            yield carry, base


def prefill_offers(*, data: ReportData, last_year: ReportData | None) -> dict[str, int]:
    """Values last year's report suggests for this one, by key."""
    return {carry.target: carry.offer(base, data) for carry, base in _bases(data, last_year)}


def prefill_formulas(*, data: ReportData, last_year: ReportData | None) -> dict[str, dict]:
    """The offers that follow this year's cells, as data for the page:
    {target: {"base": last year's part, "terms": [[sign, key], …]}}."""
    return {
        carry.target: {"base": base, "terms": [[t.sign, t.key] for t in carry.this]}
        for carry, base in _bases(data, last_year)
        if carry.this
    }
