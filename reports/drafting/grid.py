"""Where each cell of a table sits on the entry grid.

Keyboard moves and pasted blocks work on grid positions, so they follow the
official layout with its merged cells. 表四's single long row is entered as one
row per group (the format allows it); printed output keeps the official layout.
"""
from __future__ import annotations

from dataclasses import dataclass

from reports.formats import HEAD, LABEL, VALUE, Cell, Placed, Table, place


@dataclass(frozen=True)
class EntryGrid:
    header: tuple[tuple[Placed, ...], ...]
    body: tuple[tuple[Placed, ...], ...]

    def positions(self) -> dict[tuple[int, int], str]:
        """(body row, column) of the first grid square of every value cell."""
        return {(p.row, p.col): p.key for row in self.body for p in row if p.cell.role == VALUE}


def _is_one_long_row(table: Table) -> bool:
    return len(table.body) == 1 and len({f.row for f in table.fields}) > 1


def _regrouped(table: Table) -> tuple[tuple[tuple[Cell, ...], ...], tuple[tuple[Cell, ...], ...]]:
    rows = list(dict.fromkeys(f.row for f in table.fields))
    columns = list(dict.fromkeys(f.column for f in table.fields))
    by_pos = {(f.row, f.column): f for f in table.fields}
    column_labels = {f.column: f.column_label for f in table.fields}
    header = ((Cell(HEAD),) + tuple(Cell(HEAD, text=column_labels[c]) for c in columns),)
    body = tuple(
        (Cell(LABEL, text=by_pos[(r, columns[0])].row_label),)
        + tuple(Cell(VALUE, key=by_pos[(r, c)].key) for c in columns)
        for r in rows
    )
    return header, body


def entry_grid(table: Table) -> EntryGrid:
    header, body = _regrouped(table) if _is_one_long_row(table) else (table.header, table.body)
    return EntryGrid(header=place(header), body=place(body))
