"""A row printed with one value more than the official table has: which value is extra, decided by the sums.

Published tables add a column now and then (a subtotal of 法人或其他组织, a repeated total, a number from a
merged cell that a PDF reads into the row): the 总计 row of 表三 printed with 8 numbers for 7 cells. Leaving
out each value in turn gives the readings; a reading is kept only when every cell of the row is pinned by a
sum whose other cells were all read (a column sum), and every such sum holds. The row is placed when the readings kept
agree on every cell; otherwise it is not placed at all.
"""
from __future__ import annotations

from reports.formats import ReportFormat
from reports.normalize import InvalidValue, parse_value

from .vanished import sum_holds


def _checks(fmt: ReportFormat, cells: dict, keys: tuple[str, ...]) -> list | None:
    """The sums over the row whose other cells were all read, when they pin every cell of the row: each cell
    is the only one of the row in a sum whose other cells were read (a column sum), so that sum alone says
    what the cell holds. A sum along the row (its total) checks the cells together, not each one."""
    row = set(keys)
    rules = [r for r in fmt.sums if row & {r.target, *r.parts}
             and all(k in cells or k in row for k in (r.target, *r.parts))]
    pinned = {k for r in rules for k in row & {r.target, *r.parts} if len(row & {r.target, *r.parts}) == 1}
    return rules if pinned == row else None


def surplus_value_fits(fmt: ReportFormat, cells: dict, keys: tuple[str, ...], values: tuple) -> list[tuple]:
    """The distinct readings of `values` (one more than `keys`) with one value left out that make every
    checking sum hold, as raw values in the order of `keys`. Empty when the sums cannot check the row."""
    if len(values) != len(keys) + 1:
        return []
    rules = _checks(fmt, cells, keys)
    if not rules:
        return []
    fits: list[tuple] = []
    for left_out in range(len(values)):
        reading = values[:left_out] + values[left_out + 1:]
        try:
            parsed = {k: None if v is None else parse_value(fmt.field(k), v) for k, v in zip(keys, reading, strict=True)}
        except InvalidValue:
            continue
        if all(sum_holds(r, {**cells, **parsed}) for r in rules) and reading not in fits:
            fits.append(reading)
    return fits
