"""Help derived from the format: the 填报说明 page, per-table notes for the step page, last year's values.

Nothing here is typed for one format: labels, meanings and 条例 articles come from `reports/formats`.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from django.utils.html import json_script
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from reports.formats import get_format
from reports.formats.base import Note, TextField

from .grid import fields_order, table_guide
from .services import display_value
from .steps import Step, dom_id, steps_for


@dataclass(frozen=True)
class NoteRow:
    label: str
    note: Note | None


@dataclass(frozen=True)
class GuideSection:
    slug: str
    title: str
    texts: tuple[TextField, ...]
    rows: tuple[NoteRow, ...]
    columns: tuple[NoteRow, ...]


@cache
def step_table_guide(format_id: str, table_key: str) -> dict:
    return table_guide(get_format(format_id).table(table_key))


@lru_cache(maxsize=64)
def _table_guide_script(format_id: str, table_key: str, language: str | None) -> SafeString:
    return json_script(step_table_guide(format_id, table_key), "table-guide")


def table_guide_script(format_id: str, table_key: str) -> SafeString:
    """The table guide as the step page's JSON script element, built once per table and language."""
    return _table_guide_script(format_id, table_key, get_language())


@cache
def _known_keys(format_id: str) -> frozenset[str]:
    fmt = get_format(format_id)
    return frozenset(fmt.keys) | frozenset(fmt.text_keys)


def _axis(table, axis: str) -> tuple[NoteRow, ...]:
    fields = table.fields
    note = table.row_note if axis == "row" else table.column_note
    result = []
    for key in fields_order(table, axis):
        first = next(f for f in fields if getattr(f, axis) == key)
        label = first.row_label if axis == "row" else first.column_label
        result.append(NoteRow(label, note(key)))
    return tuple(result)


@cache
def format_guide(format_id: str) -> tuple[GuideSection, ...]:
    """Every step that holds content, with its texts' guidance and its table's row and column notes."""
    sections = []
    for step in steps_for(get_format(format_id)):
        if step.is_check:
            continue
        table = step.table
        sections.append(GuideSection(
            step.slug, str(step.title), step.texts,
            _axis(table, "row") if table else (), _axis(table, "column") if table else (),
        ))
    return tuple(sections)


def compare_data(step: Step, last_year) -> dict | None:
    """Last year's value of every cell and text of the step, by element id; None without last year's report.

    A key last year's format did not have is left out: the page shows nothing beside it.
    """
    if last_year is None:
        return None
    known = _known_keys(last_year.format.id)
    return {
        "year": last_year.year,
        "cells": {dom_id(k): display_value(last_year.value(k)) for k in step.cell_keys if k in known},
        "texts": {dom_id(k): last_year.text(k) for k in step.text_keys if k in known},
    }
