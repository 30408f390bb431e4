"""Rule kinds about single values: their domain, plausible size, being filled, being allowed at all."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reports.formats import ReportFormat

from .base import Context, Rule, value_problem
from .labels import enumerate_some, labelled_value, table_heading


@dataclass(frozen=True, kw_only=True, eq=False)
class ValueDomain(Rule):
    """Every filled value of the field `kinds` is valid for its field; one finding per bad value.

    Parsing already refuses such values; this catches what came in another way (API, code).
    `messages` maps the reason (base.NOT_NUMBER, NOT_WHOLE, NEGATIVE, TOO_PRECISE) to its template.
    """

    kinds: tuple[str, ...]
    messages: tuple[tuple[str, Any], ...]

    def plan(self, fmt: ReportFormat):
        return {f.key: f for f in fmt.fields if f.kind in self.kinds}

    def check(self, ctx: Context, plan):
        messages = dict(self.messages)
        for key in sorted(ctx.invalid & plan.keys(), key=list(plan).index):
            field, value = plan[key], ctx.data.cells[key]
            reason = value_problem(field, value)
            yield self.finding((key,), message=messages[reason], cell=field.label, value=str(value)[:40],
                               places=field.decimals)


@dataclass(frozen=True, kw_only=True, eq=False)
class UnknownKeys(Rule):
    """Cells and texts whose key the format does not have: named, never dropped."""

    text_message: Any

    def check(self, ctx: Context, plan):
        for key in ctx.data.cells:
            if key not in ctx.fmt.field_map:
                yield self.finding((key,), key=key, format=ctx.fmt.id)
        for key in ctx.data.texts:
            if key not in ctx.fmt.text_keys:
                yield self.finding((), (key,), message=self.text_message, key=key, format=ctx.fmt.id)


@dataclass(frozen=True, kw_only=True, eq=False)
class Filled(Rule):
    """Every value of the format is filled (one finding per table, listing the blank cells)."""

    def plan(self, fmt: ReportFormat):
        return tuple((table_heading(fmt, t.key), tuple(f.key for f in t.fields)) for t in fmt.tables)

    def check(self, ctx: Context, plan):
        cells = ctx.data.cells
        for heading, keys in plan:
            blank = [k for k in keys if cells.get(k) is None]
            if blank:
                labels = enumerate_some([ctx.fmt.field(k).label for k in blank])
                yield self.finding(blank, table=heading, count=len(blank), labels=labels)


@dataclass(frozen=True, kw_only=True, eq=False)
class Plausible(Rule):
    """Counts of `tables` up to `count_limit`; `amount_keys` up to `amount_limit` at agencies of `levels`."""

    tables: tuple[str, ...]
    count_limit: int
    amount_keys: tuple[str, ...]
    amount_limit: int
    levels: tuple[str, ...]
    amount_message: Any

    def plan(self, fmt: ReportFormat):
        counts = tuple(f for f in fmt.fields if f.table in self.tables and f.kind != "amount")
        amounts = tuple(fmt.field(k) for k in self.amount_keys if k in fmt.field_map)
        return counts, amounts

    def check(self, ctx: Context, plan):
        counts, amounts = plan
        cells, invalid = ctx.data.cells, ctx.invalid
        for field in counts:
            value = cells.get(field.key)
            if value is not None and field.key not in invalid and value > self.count_limit:
                yield self.finding((field.key,), cell=field.label, value=value, limit=self.count_limit)
        if ctx.facts is None or ctx.facts.level not in self.levels:
            return
        for field in amounts:
            value = cells.get(field.key)
            if value is not None and field.key not in invalid and value > self.amount_limit:
                yield self.finding((field.key,), message=self.amount_message, cell=field.label, value=value,
                                   limit=self.amount_limit)


@dataclass(frozen=True, kw_only=True, eq=False)
class NeedsPower(Rule):
    """Values of `row` in `table` above 0 only for an agency whose `power` fact is true."""

    table: str
    row: str
    power: str

    def plan(self, fmt: ReportFormat):
        return tuple(f for f in fmt.fields if f.table == self.table and f.row == self.row)

    def check(self, ctx: Context, plan):
        if ctx.facts is None or getattr(ctx.facts, self.power) or not plan:
            return
        cells, invalid = ctx.data.cells, ctx.invalid
        used = [f for f in plan if f.key not in invalid and (cells.get(f.key) or 0) > 0]
        if used:
            values = enumerate_some([labelled_value(f.column_label, cells[f.key]) for f in used])
            yield self.finding([f.key for f in used], row=plan[0].row_label, values=values)
