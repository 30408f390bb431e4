"""Where the empty cells of a row went, when a copy dropped them: decided by the format's sums or not at all."""
from __future__ import annotations

from decimal import Decimal
from itertools import combinations

from reports.formats import ReportFormat
from reports.normalize import InvalidValue, parse_value

# More ways than this to put the values back is not a question the sums can settle.
MAX_WAYS = 5000


def _holds(rule, known: dict) -> bool:
    def number(key):
        return Decimal(known[key] or 0)

    return number(rule.target) == sum((number(k) for k in rule.parts), Decimal(0))


def vanished_cells_fits(fmt: ReportFormat, cells: dict, keys: tuple[str, ...], values: tuple) -> list[tuple]:
    """The ways of putting `values` back in order among `keys`, the rest blank, that make every sum involving
    the row hold. Sums with a cell not read yet cannot tell; with none that can, nothing fits."""
    try:
        parsed = [None if v is None else parse_value(fmt.field(keys[0]), v) for v in values]
    except InvalidValue:
        return []
    rules = [r for r in fmt.sums if set(keys) & {r.target, *r.parts}]
    known_rules = [r for r in rules if all(k in cells or k in keys for k in (r.target, *r.parts))]
    ways = list(combinations(range(len(keys)), len(values)))
    if not known_rules or len(ways) > MAX_WAYS:
        return []
    fits = []
    for positions in ways:
        row = dict.fromkeys(keys)
        row.update({keys[p]: v for p, v in zip(positions, parsed, strict=True)})
        known = {**cells, **row}
        if all(_holds(r, known) for r in known_rules):
            fits.append(tuple(values[positions.index(i)] if i in positions else None for i in range(len(keys))))
    return fits
