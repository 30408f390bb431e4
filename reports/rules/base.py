"""The parts every rule kind shares: the rule's data, the evaluation context, value validity.

A rule kind turns its data into a per-format `plan` once (cached by the evaluator,
so labels and key expansions are not rebuilt on every keystroke), then `check`s a
report against that plan.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from typing import Any

from reports.data import AgencyFacts, ReportData
from reports.formats import AMOUNT, SIGNED, Field, ReportFormat

from .finding import DRAFT, SUBMIT, Finding

# Why a value cannot be used as a number of its field.
NOT_NUMBER = "not_number"
NOT_WHOLE = "not_whole"
NEGATIVE = "negative"
TOO_PRECISE = "too_precise"


def value_problem(field: Field, value) -> str | None:
    """None when `value` is a valid value of `field` (blank included), else the reason."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        return NOT_NUMBER
    if isinstance(value, Decimal):
        if not value.is_finite():
            return NOT_NUMBER
        if field.kind == AMOUNT:
            if value != value.quantize(Decimal(1).scaleb(-field.decimals)):
                return TOO_PRECISE
        elif value != value.to_integral_value():
            return NOT_WHOLE
    if value < 0 and field.kind != SIGNED:
        return NEGATIVE
    return None


def _invalid_keys(fmt: ReportFormat, cells: dict) -> frozenset[str]:
    fields = fmt.field_map
    invalid = []
    for key, value in cells.items():
        # Fast path: a non-negative int is valid for every count field there is.
        if type(value) is int and value >= 0 and key in fields and fields[key].kind != AMOUNT:
            continue
        if value is None and key in fields:
            continue
        if key not in fields or value_problem(fields[key], value) is not None:
            invalid.append(key)
    return frozenset(invalid)


class Context:
    """One evaluation: the report, its neighbours, and values read once."""

    def __init__(self, data: ReportData, last_year: ReportData | None, facts: AgencyFacts | None, stage: str):
        self.data, self.last_year, self.facts, self.stage = data, last_year, facts, stage
        self.fmt: ReportFormat = data.format

    @cached_property
    def invalid(self) -> frozenset[str]:
        """Keys whose value no rule can compute with: unknown, or not a valid value of the field."""
        return _invalid_keys(self.fmt, self.data.cells)

    def value(self, key: str, *, last: bool = False):
        """The number in `key` (None for blank), this year's or last year's."""
        data = self.last_year if last else self.data
        return data.cells.get(key) if data is not None else None

    def usable(self, keys: Iterable[str], *, last: bool = False) -> bool:
        if not last:
            return not self.invalid or self.invalid.isdisjoint(keys)
        if self.last_year is None:
            return True
        fields = self.last_year.format.field_map
        return all(k in fields and value_problem(fields[k], self.last_year.cells.get(k)) is None for k in keys)

    @cached_property
    def is_government(self) -> bool:
        if self.facts is not None:
            return self.facts.kind == "government"
        return self.data.agency.endswith("人民政府")

    @cached_property
    def narrative(self) -> tuple[tuple[str, str], ...]:
        """(key, text) of every non-blank narrative text, in the format's order."""
        return tuple((k, self.data.texts[k]) for k in self.fmt.text_keys if (self.data.texts.get(k) or "").strip())


@dataclass(frozen=True, kw_only=True, eq=False)
class Rule:
    """A rule's data. Kinds add what they compare; `message` is a lazy template."""

    id: str
    severity: str
    message: Any
    formats: tuple[str, ...] = ()  # empty: every format
    stage: str = DRAFT  # SUBMIT: checked only before submission
    # Cross-year rules run only with last year's report, and only in these of its formats.
    last_year_formats: tuple[str, ...] | None = None

    @property
    def cross_year(self) -> bool:
        return self.last_year_formats is not None

    def for_format(self, fmt: ReportFormat) -> bool:
        return not self.formats or fmt.id in self.formats

    def applies(self, ctx: Context) -> bool:
        if self.stage == SUBMIT and ctx.stage != SUBMIT:
            return False
        if self.cross_year:
            last = ctx.last_year
            if last is None or (self.last_year_formats and last.format.id not in self.last_year_formats):
                return False
        return True

    def plan(self, fmt: ReportFormat) -> Any:
        return None

    def check(self, ctx: Context, plan: Any) -> Iterable[Finding]:
        raise NotImplementedError

    def finding(self, cells=(), texts=(), /, *, message=None, **args) -> Finding:
        template = str(message if message is not None else self.message)
        return Finding(self.id, self.severity, tuple(cells), template % args if args else template, tuple(texts))
