"""Computed totals for drafting: row totals, （七）总计 and 表四 totals from the entered cells."""
from __future__ import annotations

import functools
from decimal import Decimal

from reports.formats import ReportFormat, get_format


@functools.cache
def _order(format_id: str) -> tuple:
    """The format's sums in an order where every part is entered or already computed."""
    fmt = get_format(format_id)
    pending = list(fmt.sums)
    known = {f.key for f in fmt.fields if not f.computed}
    ordered = []
    while pending:
        ready = [s for s in pending if known.issuperset(s.parts)]
        if not ready:
            raise ValueError(f"{format_id}: circular or incomplete sums")
        for rule in ready:
            pending.remove(rule)
            if rule.target not in known:
                ordered.append(rule)
        known.update(r.target for r in ready)
    return tuple(ordered)


def compute_totals(fmt: ReportFormat, cells: dict) -> dict:
    """The computed cells of `fmt` from the entered ones in `cells` (typed totals are ignored).

    A total is None only when all its parts are blank; otherwise blanks count as 0.
    """
    values = {k: v for k, v in cells.items() if k in fmt.field_map and not fmt.field_map[k].computed}
    totals = {}
    for rule in _order(fmt.id):
        parts = [values.get(k) for k in rule.parts]
        # A value that is not a number is VALUE-INTEGER's business, not a part of the total.
        filled = [v for v in parts if isinstance(v, int | Decimal) and not isinstance(v, bool)]
        totals[rule.target] = values[rule.target] = sum(filled) if filled else None
    return totals
