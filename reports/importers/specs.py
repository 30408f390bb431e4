"""What a published table should look like, derived from the format definition.

Each row of a format grid that holds values becomes a RowSpec: its keys in column
order and the labels it may be printed with. Labels that head a group of rows or
columns are context: they may precede a row label on the same line.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from reports.formats import HEAD, LABEL, VALUE, Table, get_format, place

from .lines import norm

_ORDINAL = re.compile(r"^(\d{1,2}\.|\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+、)")


@dataclass(frozen=True)
class RowSpec:
    table: str
    index: int
    keys: tuple[str, ...]
    label: str  # the row label for messages
    variants: tuple[str, ...]  # normalised labels this row may be printed with
    parts: tuple[RowSpec, ...] = ()  # sub-rows a form may print separately (表四 as 3 × 5)


@dataclass
class TableSpecs:
    rows: dict[str, list[RowSpec]] = field(default_factory=dict)
    context: set[str] = field(default_factory=set)
    printed_instead: set[str] = field(default_factory=set)  # cell variants (a region's fee header)
    subtotals: dict[str, tuple[tuple[int, int], ...]] = field(default_factory=dict)
    heads: dict[str, tuple[str, ...]] = field(default_factory=dict)  # column headers per table, longest first

    def all_rows(self):
        for rows in self.rows.values():
            for spec in rows:
                yield spec
                yield from spec.parts

    def known_labels(self) -> set[str]:
        return self.context | self.printed_instead | {v for spec in self.all_rows() for v in spec.variants}


def _parts(table: Table, keys: tuple[str, ...], index: int) -> tuple[RowSpec, ...]:
    by_row: dict[str, list] = {}
    for f in table.fields:
        if f.key in keys:
            by_row.setdefault(f.row, []).append(f)
    if len(by_row) < 2:
        return ()
    parts = []
    for fields in by_row.values():
        row_label = fields[0].row_label
        variants = {norm(row_label)} | {norm(row_label.removeprefix(c.text)) for c in _heads(table)}
        parts.append(RowSpec(table.key, index, tuple(f.key for f in fields), row_label, tuple(sorted(variants))))
    return tuple(parts)


def _heads(table: Table):
    return [c for row in table.rows() for c in row if c.role == HEAD]


def table_specs(table: Table, specs: TableSpecs) -> None:
    fields = {f.key: f for f in table.fields}
    specs.context |= {norm(c.text) for c in _heads(table)}
    specs.printed_instead |= {norm(text) for c in _heads(table) for _, text in c.variants}
    heads = {norm(c.text) for c in _heads(table)} | {norm(text) for c in _heads(table) for _, text in c.variants}
    specs.heads[table.key] = tuple(sorted(heads - {""}, key=len, reverse=True))
    spans: list[list] = []  # [label text, rows left] of label cells merged downwards
    rows: list[RowSpec] = []
    for grid_row in table.body:
        above = [text for text, _ in spans]
        spans = [[t, n - 1] for t, n in spans if n > 1]
        labels = [c for c in grid_row if c.role == LABEL]
        keys = tuple(c.key for c in grid_row if c.role == VALUE)
        if not keys:
            specs.context |= {norm(c.text) for c in labels}
            continue
        own = "".join(c.text for c in labels if c.rowspan == 1)
        groups = [c.text for c in labels if c.rowspan > 1]
        specs.context |= {norm(g) for g in groups}
        spans += [[g.text, g.rowspan - 1] for g in labels if g.rowspan > 1]
        parts = _parts(table, keys, len(rows))
        if parts:
            # 表四 prints no row label: its one row is known by position, or by its parts' labels.
            row_label, variants = "、".join(p.label for p in parts), {norm(own)}
        else:
            row_label = fields[keys[0]].row_label
            variants = {norm(own), norm(row_label), norm("".join(above + groups) + own)}
            # Many tables print `属于国家秘密` or `予以公开` without the official numbering.
            variants.add(_ORDINAL.sub("", norm(own)))
        rows.append(RowSpec(table.key, len(rows), keys, row_label, tuple(sorted(variants - {""})), parts))
    specs.rows[table.key] = rows
    specs.context |= {_ORDINAL.sub("", c) for c in specs.context} - {""}
    specs.subtotals[table.key] = _column_groups(table)


def _column_groups(table: Table) -> tuple[tuple[int, int], ...]:
    """(first value column, span) of header cells that group value columns below the top header row.

    Some published tables add a subtotal column for such a group (法人或其他组织); the
    official table has none, so the reader can recognise and drop it.
    """
    label_columns = table.columns - max(sum(c.colspan for c in row if c.role == VALUE) for row in table.body)
    return tuple(
        (p.col - label_columns, p.cell.colspan)
        for p in (p for row in place(table.header) for p in row)
        if p.row > 0 and p.cell.colspan > 1 and p.col >= label_columns
    )


@functools.cache
def format_specs(format_id: str) -> TableSpecs:
    """The specs of a format, built once: readers only read them."""
    specs = TableSpecs()
    for table in get_format(format_id).tables:
        table_specs(table, specs)
    return specs
