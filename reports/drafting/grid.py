"""Where each cell of a table sits on the entry grid.

Keyboard moves and pasted blocks work on grid positions, so they follow the
official layout with its merged cells. 表四's single long row is entered as one
row per group (the format allows it); printed output keeps the official layout.
"""
from __future__ import annotations

from dataclasses import dataclass

from reports.formats import HEAD, LABEL, VALUE, Cell, Placed, Table, place

from .steps import dom_id


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



def _note_dict(note) -> dict:
    return {"meaning": note.meaning, "article": note.article} if note else {}


def _help_targets(grid: EntryGrid, fields: dict) -> list[tuple[int, int, str, str]]:
    """(rendered row, cell index, "row"/"column", key): where each row's and column's help goes.

    A row's help sits on the last label of its row; a column's on the header cell above that names
    exactly that one column (a run of header rows names the value rows up to the next run).
    """
    heads, targets, prev_was_head = [], [], False
    for r, row in enumerate(grid.header + grid.body):
        row_heads = [(r, i, p) for i, p in enumerate(row) if p.cell.role == HEAD]
        if row_heads:
            heads = (heads if prev_was_head else []) + row_heads
        prev_was_head = bool(row_heads)
        values = [p for p in row if p.cell.role == VALUE]
        labels = [i for i, p in enumerate(row) if p.cell.role == LABEL]
        if values and labels:
            targets.append((r, labels[-1], "row", fields[values[0].key].row))
        for hr, hi, hp in heads if values else ():
            covered = {fields[v.key].column for v in values if hp.col <= v.col < hp.col + hp.cell.colspan}
            if len(covered) == 1:
                targets.append((hr, hi, "column", covered.pop()))
    return list(dict.fromkeys(targets))


def table_guide(table: Table) -> dict:
    """What the page script needs to show each row's and column's note on demand, as JSON-ready data.

    Derived from the format alone, so the table's markup stays the same for every report: the script
    adds the help buttons where `headers` says.
    """
    fields = {f.key: f for f in table.fields}
    rows = {f.row: f.row_label for f in reversed(table.fields)}
    columns = {f.column: f.column_label for f in reversed(table.fields)}
    return {
        "headers": [list(t) for t in _help_targets(entry_grid(table), fields)],
        "fields": {dom_id(f.key): [f.row, f.column] for f in table.fields},
        "rows": {k: {"label": rows[k], **_note_dict(table.row_note(k))} for k in fields_order(table, "row")},
        "columns": {k: {"label": columns[k], **_note_dict(table.column_note(k))}
                    for k in fields_order(table, "column")},
    }


def fields_order(table: Table, axis: str) -> tuple[str, ...]:
    """The table's row (axis "row") or column keys in the order its fields first name them."""
    return tuple(dict.fromkeys(getattr(f, axis) for f in table.fields))
