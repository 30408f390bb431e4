"""Where the empty cells of rows went, when a copy dropped them: decided by the format's sums or not at all."""
from __future__ import annotations

from decimal import Decimal
from itertools import combinations, product
from math import comb, prod

from reports.formats import ReportFormat
from reports.normalize import InvalidValue, parse_value

# More ways than this to put the values back is not a question the sums can settle.
MAX_WAYS = 20000


def sum_holds(rule, known: dict) -> bool:
    """Whether `rule` holds over `known` cells (a blank counts as 0)."""
    def number(key):
        return Decimal(known[key] or 0)

    return number(rule.target) == sum((number(k) for k in rule.parts), Decimal(0))


def _row_ways(fmt: ReportFormat, keys: tuple[str, ...], values: tuple) -> list[tuple[dict, tuple]]:
    """Each way of putting `values` back in order among `keys`: (parsed cells, raw values by position)."""
    parsed = [None if v is None else parse_value(fmt.field(keys[0]), v) for v in values]
    ways = []
    for positions in combinations(range(len(keys)), len(values)):
        cells = dict.fromkeys(keys)
        cells.update({keys[p]: v for p, v in zip(positions, parsed, strict=True)})
        ways.append((cells, tuple(values[positions.index(i)] if i in positions else None for i in range(len(keys)))))
    return ways


def vanished_cells_fits(fmt: ReportFormat, cells: dict, rows: list[tuple[tuple[str, ...], tuple]]) -> list[list]:
    """The ways of putting each short row's values back in order, the rest blank, that make every sum over
    known cells hold, as lists of raw values per row. Sums with a cell never read cannot tell; with none
    that can, nothing fits."""
    if prod(comb(len(keys), len(values)) for keys, values in rows) > MAX_WAYS:
        return []
    try:
        per_row = [_row_ways(fmt, keys, values) for keys, values in rows]
    except InvalidValue:
        return []
    short_keys = {k for keys, _ in rows for k in keys}
    rules = [r for r in fmt.sums if short_keys & {r.target, *r.parts}
             and all(k in cells or k in short_keys for k in (r.target, *r.parts))]
    if not rules:
        return []
    fits = []
    for choice in product(*per_row):
        known = dict(cells)
        for row_cells, _raw in choice:
            known.update(row_cells)
        if all(sum_holds(r, known) for r in rules):
            fits.append([raw for _cells, raw in choice])
    return fits
