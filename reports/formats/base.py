"""Building blocks of a statutory format definition.

A format is pure data: sections, tables drawn as grids of cells (with their
merges), and the value fields those grids contain. Forms, rules, exporters and
importers read it; nothing else holds a statutory label.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

COUNT = "count"  # non-negative integer
SIGNED = "signed"  # integer that may be negative (本年增/减)
AMOUNT = "amount"  # non-negative decimal, up to 4 places

HEAD = "head"  # column header cell, repeated when a table breaks across pages
LABEL = "label"  # row label or in-table sub-heading
VALUE = "value"  # a cell holding the value of one field

# Cell variants: a text some regions print instead of the official one (the fee header with its decimals).
PRECISE_FEE = "precise_fee"

# A report's metadata: its title and signature date, with the preamble on the wizard's first step.
META_TITLE = "meta.title"
META_SIGNED_ON = "meta.signed_on"
META_KEYS = (META_TITLE, META_SIGNED_ON)
# Where metadata and the preamble belong: no numbered section; the wizard calls its step "cover".
META_SECTION = "cover"
META_LABELS = {META_TITLE: _("Title"), META_SIGNED_ON: _("Signature date")}


@dataclass(frozen=True)
class Field:
    """One value of the report, addressed by its canonical key."""

    key: str
    table: str
    row: str
    column: str
    row_label: str
    column_label: str
    kind: str = COUNT
    computed: bool = False
    help_text: str = ""
    decimals: int = 0

    @property
    def label(self) -> str:
        """Row and column labels as printed in messages: `一、本年新收…（自然人）`."""
        return f"{self.row_label}（{self.column_label}）"

    def parse_stored(self, value):
        if value is None:
            return None
        return Decimal(value) if self.kind == AMOUNT else int(value)


@dataclass(frozen=True)
class Cell:
    """A cell of a table grid: a label (`text`) or a value (`key`), with its merge."""

    role: str
    text: str = ""
    key: str | None = None
    colspan: int = 1
    rowspan: int = 1
    variants: tuple[tuple[str, str], ...] = ()  # (variant, text printed instead of `text`)

    def text_in(self, variant: str | None) -> str:
        """The text printed where `variant` is chosen (None: the official text)."""
        return dict(self.variants).get(variant, self.text)


def head(text: str, colspan: int = 1, rowspan: int = 1, variants: tuple[tuple[str, str], ...] = ()) -> Cell:
    return Cell(HEAD, text=text, colspan=colspan, rowspan=rowspan, variants=variants)


def label(text: str, colspan: int = 1, rowspan: int = 1) -> Cell:
    return Cell(LABEL, text=text, colspan=colspan, rowspan=rowspan)


def value(key: str, colspan: int = 1) -> Cell:
    return Cell(VALUE, key=key, colspan=colspan)


@dataclass(frozen=True)
class Placed:
    """A cell with the grid row and column where it starts."""

    cell: Cell
    row: int
    col: int

    @property
    def key(self) -> str | None:
        return self.cell.key


def place(rows) -> tuple[tuple[Placed, ...], ...]:
    """Each cell of a grid at the first grid square its merges leave free, row by row.

    The one walk over merged cells: entry grids, column widths, DOCX merges and importers
    all start from it. Any cell with `rowspan` and `colspan` will do (the document model's too).
    """
    taken: set[tuple[int, int]] = set()
    placed_rows = []
    for r, cells in enumerate(rows):
        col, placed = 0, []
        for cell in cells:
            while (r, col) in taken:
                col += 1
            placed.append(Placed(cell, r, col))
            taken.update((r + dr, col + dc) for dr in range(cell.rowspan) for dc in range(cell.colspan))
            col += cell.colspan
        placed_rows.append(tuple(placed))
    return tuple(placed_rows)


@dataclass(frozen=True)
class Note:
    """What a row or column of a table counts, and the 条例 article behind it: the wizard's help, 填报说明."""

    meaning: str
    article: str = ""


@dataclass(frozen=True)
class Table:
    key: str
    columns: int
    header: tuple[tuple[Cell, ...], ...]
    body: tuple[tuple[Cell, ...], ...]
    fields: tuple[Field, ...]
    # Tables printed as several blocks (表二) have no repeating header.
    repeat_header: bool = True
    # (row key, note) and (column key, note) of the fields' rows and columns.
    row_notes: tuple[tuple[str, Note], ...] = ()
    column_notes: tuple[tuple[str, Note], ...] = ()

    def row_note(self, row: str) -> Note | None:
        return dict(self.row_notes).get(row)

    def column_note(self, column: str) -> Note | None:
        return dict(self.column_notes).get(column)

    def rows(self):
        return self.header + self.body

    def placed(self) -> tuple[tuple[Placed, ...], ...]:
        """Header and body rows with each cell's grid position."""
        return place(self.rows())


@dataclass(frozen=True)
class TextField:
    key: str
    label: str
    guidance: str = ""
    required: bool = False


@dataclass(frozen=True)
class Section:
    key: str
    heading: str
    texts: tuple[TextField, ...] = ()
    table: Table | None = None


@dataclass(frozen=True)
class SumRule:
    """`target` equals the sum of `parts`; drives computed totals and sum checks."""

    target: str
    parts: tuple[str, ...]


@dataclass(frozen=True)
class ReportFormat:
    id: str
    name: str
    issued_by: str
    first_year: int
    last_year: int | None
    sections: tuple[Section, ...]
    preamble: TextField
    sums: tuple[SumRule, ...] = ()
    field_map: dict[str, Field] = field(default_factory=dict, compare=False, repr=False)
    # Value, text and table key -> key of the section it belongs to.
    section_map: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def __reduce__(self):
        # A format is defined once, as data: it crosses a process boundary by its id.
        from . import get_format

        return get_format, (self.id,)

    def __post_init__(self):
        for table in self.tables:
            for f in table.fields:
                if f.key in self.field_map:
                    raise ValueError(f"duplicate key {f.key} in {self.id}")
                self.field_map[f.key] = f
        for section in self.sections:
            if section.table is not None:
                self.section_map[section.table.key] = section.key
                self.section_map.update((f.key, section.key) for f in section.table.fields)
            self.section_map.update((t.key, section.key) for t in section.texts)

    @property
    def tables(self) -> tuple[Table, ...]:
        return tuple(s.table for s in self.sections if s.table is not None)

    @property
    def fields(self) -> tuple[Field, ...]:
        return tuple(self.field_map.values())

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(self.field_map)

    @property
    def text_fields(self) -> tuple[TextField, ...]:
        return (self.preamble,) + tuple(t for s in self.sections for t in s.texts)

    @property
    def text_keys(self) -> tuple[str, ...]:
        return tuple(t.key for t in self.text_fields)

    def field(self, key: str) -> Field:
        return self.field_map[key]

    def table(self, key: str) -> Table:
        return next(t for t in self.tables if t.key == key)

    def section(self, key: str) -> Section:
        return next(s for s in self.sections if s.key == key)

    def section_of(self, key: str) -> str:
        """The section a value, text or table key belongs to; META_SECTION for metadata, the preamble
        and keys the format does not have."""
        return self.section_map.get(key, META_SECTION)

    def label_of(self, key: str) -> str:
        """How messages name a key: a cell by its row and column labels, a text by its heading."""
        if key in self.field_map:
            return self.field_map[key].label
        text = next((t for t in self.text_fields if t.key == key), None)
        if text is not None:
            return text.label
        return str(META_LABELS.get(key, key))

    def covers(self, year: int) -> bool:
        return year >= self.first_year and (self.last_year is None or year <= self.last_year)
