"""The entry table's rows as HTML, from a skeleton built once per table of a format.

Labels, merges, classes, input names and the accessibility attributes are the same in every report of a
format: they are rendered once (per table and language, for the life of the process) into fixed pieces of
HTML, and a request only fills in each input's value and state. A template node per cell made this table
the larger part of a step page's cost.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from html import escape  # what conditional_escape does to a plain str, without its lazy-text checks
from typing import NamedTuple

from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext

from reports.formats import AMOUNT, HEAD, LABEL, VALUE, Placed, Table, get_format

from .grid import entry_grid
from .services import display_value
from .steps import dom_id


@dataclass(frozen=True)
class InputSlot:
    """An input cell's fixed pieces; `fill` puts a report's value and state between them."""

    key: str
    id: str
    computed: bool
    help: str  # escaped title text, or ""
    td_open: str  # up to the cell's classes
    before_value: str  # the rest of the cell's classes are added in between
    before_classes: str
    after_classes: str  # inputmode … data-colspan
    # The cell as most cells are (no error, finding or prefill) around its value: (before, after if editable,
    # after if read-only). Filled in by `_with_plain`.
    plain: tuple[str, str, str] = ("", "", "")


class CellState(NamedTuple):
    """What one report shows in one input cell (a named tuple: one per cell and request, made fast)."""

    value: str
    prefilled: bool = False
    unsaved_offer: bool = False
    error: str = ""
    finding_ids: tuple[str, ...] = ()
    error_finding: bool = False


@dataclass(frozen=True)
class Skeleton:
    head: SafeString
    rows: tuple[tuple[str | InputSlot, ...], ...]  # each row: fixed HTML and input slots, in order


def _span_attrs(colspan: int, rowspan: int = 1) -> str:
    return (f' colspan="{colspan}"' if colspan > 1 else "") + (f' rowspan="{rowspan}"' if rowspan > 1 else "")


def _th(placed: Placed, table: Table, in_header: bool) -> str:
    c = placed.cell
    if c.role == HEAD:
        scope, css = ("col" if c.colspan == 1 else "colgroup"), ""
    else:
        assert c.role == LABEL
        subheading = c.colspan > 1 and not in_header and c.colspan == table.columns
        scope = "colgroup" if subheading else "row"
        css = ' class="cell-subheading"' if subheading else ' class="cell-label"'
    return f'<th{_span_attrs(c.colspan, c.rowspan)} scope="{scope}"{css}>{conditional_escape(c.text)}</th>'


def _slot(placed: Placed, field) -> InputSlot:
    c, key, ident = placed.cell, placed.cell.key, dom_id(placed.cell.key)
    return InputSlot(
        key=key, id=ident, computed=field.computed, help=conditional_escape(field.help_text),
        td_open=f'<td{_span_attrs(c.colspan)} class="cell-value' + (" cell-computed" if field.computed else ""),
        before_value=f'">\n      <input type="text" name="{conditional_escape(key)}" id="{ident}" value="',
        before_classes='" autocomplete="off"\n        class="form-control form-control-sm cell-input',
        after_classes=(
            f'"\n        inputmode="{"decimal" if field.kind == AMOUNT else "numeric"}" '
            f'aria-label="{conditional_escape(field.label)}"\n        '
            f'data-row="{placed.row}" data-col="{placed.col}" data-colspan="{c.colspan}"'
        ),
    )


@lru_cache(maxsize=64)
def _skeleton(format_id: str, table_key: str, language: str | None) -> Skeleton:
    table = get_format(format_id).table(table_key)
    fields = {f.key: f for f in table.fields}
    grid = entry_grid(table)
    head = "".join("<tr>" + "".join(_th(p, table, True) for p in row) + "</tr>" for row in grid.header)
    rows = []
    for row in grid.body:
        parts: list[str | InputSlot] = ["<tr>"]
        for p in row:
            if p.cell.role == VALUE:
                parts.append(_with_plain(_slot(p, fields[p.key])))
            else:
                parts.append(_th(p, table, False))
        parts.append("</tr>\n  ")
        rows.append(tuple(_merged(parts)))
    return Skeleton(head=mark_safe(head), rows=tuple(rows))


_MARK = "\x00"  # never in a value: values are escaped text of a cell


def _with_plain(slot: InputSlot) -> InputSlot:
    """`slot` with its plain cell split around the value, rendered by `_fill` itself (so the same HTML)."""
    head, editable = _fill(slot, CellState(_MARK), editable=True, prefilled_text="").split(_MARK)
    read_only = _fill(slot, CellState(_MARK), editable=False, prefilled_text="").split(_MARK)[1]
    return replace(slot, plain=(head, editable, read_only))


def _merged(parts: list[str | InputSlot]) -> list[str | InputSlot]:
    """Adjacent fixed pieces joined into one."""
    out: list[str | InputSlot] = []
    for part in parts:
        if isinstance(part, str) and out and isinstance(out[-1], str):
            out[-1] += part
        else:
            out.append(part)
    return out


def skeleton(format_id: str, table: Table) -> Skeleton:
    return _skeleton(format_id, table.key, get_language())


def _input_classes(state: CellState) -> str:
    if state.error:
        state_class = " is-invalid"
    elif state.error_finding:
        state_class = " has-error"
    else:
        state_class = " has-warning" if state.finding_ids else ""
    return (" prefilled" if state.prefilled else "") + state_class


def _fill(slot: InputSlot, state: CellState, *, editable: bool, prefilled_text: str) -> str:
    described = ([f"{slot.id}-error"] if state.error else []) + list(state.finding_ids)
    described += [f"{slot.id}-prefilled"] if state.prefilled else []
    if state.prefilled:
        title = f'title="{prefilled_text}"'
    else:
        title = f'title="{slot.help}"' if slot.help else ""
    if slot.computed:
        readonly = 'readonly tabindex="-1" aria-readonly="true"'
    else:
        readonly = "" if editable else "readonly"
    return "".join((
        slot.td_open, " cell-prefilled" if state.prefilled else "",
        slot.before_value, escape(state.value),
        slot.before_classes, _input_classes(state), slot.after_classes,
        ' data-unsaved-offer="1"' if state.unsaved_offer else "",
        "\n        ", title,
        "\n        ", readonly,
        "\n        ", 'aria-invalid="true"' if state.error or state.error_finding else "",
        "\n        ", f'aria-describedby="{conditional_escape(" ".join(described))}"' if described else "",
        ">\n      ",
        f'<span class="visually-hidden" id="{slot.id}-prefilled">{prefilled_text}</span>' if state.prefilled else "",
        "\n    </td>",
    ))


def cell_states(
    table: Table, *, values: dict, raw: dict[str, str], errors: dict[str, str], offers: dict, finding_marks: dict,
) -> dict[str, CellState]:
    """Each value cell's state; `raw` holds what was typed where it did not parse."""
    states = {}
    for f in table.fields:
        key = f.key
        stored = values.get(key)
        offered = key in offers and (stored is None or stored == offers[key])
        shown = raw[key] if key in raw else display_value(offers[key] if offered else stored)
        ids, is_error = finding_marks.get(key, ((), False))
        states[key] = CellState(
            value=shown, prefilled=offered, unsaved_offer=offered and stored is None,
            error=errors.get(key, ""), finding_ids=tuple(ids), error_finding=is_error,
        )
    return states


def table_body(format_id: str, table: Table, states: dict[str, CellState], *, editable: bool) -> SafeString:
    """The <tbody> rows of the entry table, each followed by the template's line break."""
    # As {% translate %} prints a literal: not escaped.
    prefilled_text = gettext("Prefilled from last year's report")
    out = []
    for row in skeleton(format_id, table).rows:
        for part in row:
            if isinstance(part, str):
                out.append(part)
                continue
            state = states[part.key]
            if state.error or state.finding_ids or state.prefilled:
                out.append(_fill(part, state, editable=editable, prefilled_text=prefilled_text))
            else:  # the plain cell (unsaved offers and error findings come with a prefill or finding)
                before, after_editable, after_read_only = part.plain
                out += (before, escape(state.value), after_editable if editable else after_read_only)
    return mark_safe("".join(out))  # fixed pieces and escaped values
