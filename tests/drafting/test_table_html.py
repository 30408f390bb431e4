"""The entry table built from its cached skeleton is the HTML the per-cell template gave, byte for byte."""
import random
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from reports.drafting.steps import steps_for
from reports.drafting.table_html import cell_states, skeleton, table_body
from reports.formats import AMOUNT, get_format
from tests.drafting.reference_table import render_reference, table_rows

FORMATS = ("gov-2019", "gov-2021")
TABLE_STEPS = [(f, s.slug) for f in FORMATS for s in steps_for(get_format(f)) if s.table]


def _content(table, seed: int):
    """Values, typed input that did not parse, errors, offers and findings over a table's cells."""
    rnd = random.Random(seed)
    values, raw, errors, offers, marks = {}, {}, {}, {}, {}
    for i, f in enumerate(table.fields):
        kind = rnd.randrange(8)
        number = Decimal(f"{rnd.randrange(10000)}.{rnd.randrange(100):02d}") if f.kind == AMOUNT \
            else rnd.randrange(-5, 5000)
        if kind in (0, 1):  # empty
            pass
        elif kind == 2 and not f.computed:  # typed, not understood (with characters to escape)
            raw[f.key] = f'<b>"{i}"&\'x'
            errors[f.key] = "请输入数字"
        elif kind == 3 and not f.computed:  # offered into a blank cell
            offers[f.key] = number
        elif kind == 4 and not f.computed:  # offered and already saved as offered
            values[f.key] = offers[f.key] = number
        elif kind == 5 and not f.computed:  # offered, but changed since
            values[f.key], offers[f.key] = number, 7
        else:
            values[f.key] = number
        if rnd.random() < 0.3:
            marks[f.key] = ([f"finding-{n}" for n in range(1, rnd.randrange(2, 4))], rnd.random() < 0.5)
    return {"values": values, "raw": raw, "errors": errors, "offers": offers, "finding_marks": marks}


def _common(step, editable: bool) -> dict:
    return {"step": step, "editable": editable, "paste_url": "/paste/", "prefill_formulas": '{"a": 1}',
            "blank_count": 3 if editable else 0}


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("editable", [True, False])
@pytest.mark.parametrize(("format_id", "slug"), TABLE_STEPS)
@pytest.mark.parametrize("seed", [1, 2])
def test_same_html_as_the_per_cell_template(format_id, slug, editable, language, seed):
    step = next(s for s in steps_for(get_format(format_id)) if s.slug == slug)
    content = _content(step.table, seed)
    with translation.override(language):
        header, body = table_rows(step.table, **content)
        old = render_reference({
            **_common(step, editable), "header_rows": header, "body_rows": body,
            "has_prefill": any(c.input and c.input.prefilled for row in body for c in row),
        })
        states = cell_states(step.table, **content)
        new = render_to_string("drafting/_table.html", {
            **_common(step, editable), "table_head": skeleton(format_id, step.table).head,
            "table_body": table_body(format_id, step.table, states, editable=editable),
            "has_prefill": any(s.prefilled for s in states.values()),
        })
    assert content["raw"] and content["offers"] and content["finding_marks"]  # every state is exercised
    assert new == old


@pytest.mark.parametrize(("format_id", "slug"), TABLE_STEPS)
def test_empty_table_is_the_same_too(format_id, slug):
    step = next(s for s in steps_for(get_format(format_id)) if s.slug == slug)
    content = {"values": {}, "raw": {}, "errors": {}, "offers": {}, "finding_marks": {}}
    header, body = table_rows(step.table, **content)
    old = render_reference({**_common(step, True), "header_rows": header, "body_rows": body, "has_prefill": False})
    new = render_to_string("drafting/_table.html", {
        **_common(step, True), "table_head": skeleton(format_id, step.table).head,
        "table_body": table_body(format_id, step.table, cell_states(step.table, **content), editable=True),
        "has_prefill": False,
    })
    assert new == old


def test_the_skeleton_is_built_once_per_table_and_language():
    table = get_format("gov-2021").table("apply")
    with translation.override("zh-hans"):
        assert skeleton("gov-2021", table) is skeleton("gov-2021", table)
