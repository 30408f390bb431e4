"""Property-based: consistent tables raise no error; any single changed 表三/表四 cell is caught and named."""
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reports.formats import AMOUNT, SIGNED
from reports.formats.common import APPEAL_GROUPS, APPEAL_RESULTS, APPLICANTS, apply_result_rows
from reports.rules import ERROR, compute_totals, evaluate

from .conftest import FIXTURES, load_case

BASES = {"gov-2021": "case-000.json", "gov-2019": "case-011.json"}
PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def consistent_report(draw, format_id):
    data = load_case(FIXTURES / BASES[format_id])[1]
    fmt = data.format
    cells = {}
    for field in fmt.table("active").fields:
        if field.kind == AMOUNT:
            cells[field.key] = Decimal(draw(st.integers(0, 10**8))).scaleb(-4)
        else:
            cells[field.key] = draw(st.integers(-50, 50) if field.kind == SIGNED else st.integers(0, 5000))
    results = apply_result_rows(fmt.table("apply"))
    for col, _label in APPLICANTS:
        handled = 0
        for row in results:
            cells[f"apply.{row}.{col}"] = value = draw(st.integers(0, 40))
            handled += value
        carried_over = draw(st.integers(0, 30))
        carried_in = draw(st.integers(0, handled + carried_over))
        cells[f"apply.carried_over.{col}"] = carried_over
        cells[f"apply.carried_in.{col}"] = carried_in
        cells[f"apply.new.{col}"] = handled + carried_over - carried_in
    for group, _label in APPEAL_GROUPS:
        for result, _label in APPEAL_RESULTS[:-1]:
            cells[f"appeal.{group}.{result}"] = draw(st.integers(0, 30))
    cells.update(compute_totals(fmt, cells))
    data.cells = cells
    return data


def errors(data):
    return [f for f in evaluate(data, stage="submit") if f.severity == ERROR]


@pytest.mark.parametrize("format_id", sorted(BASES))
def test_consistent_tables_raise_no_error(format_id):
    @PROPERTY
    @given(consistent_report(format_id))
    def check(data):
        assert errors(data) == []

    check()


@pytest.mark.parametrize("format_id", sorted(BASES))
def test_any_single_changed_count_is_caught_and_named(format_id):
    @PROPERTY
    @given(data=consistent_report(format_id), choice=st.data())
    def check(data, choice):
        keys = [f.key for f in data.format.fields if f.table in ("apply", "appeal")]
        key = choice.draw(st.sampled_from(keys), label="key")
        delta = choice.draw(st.integers(1, 50), label="delta")
        old = data.cells[key]
        data.cells[key] = old - delta if old >= delta and choice.draw(st.booleans(), label="down") else old + delta
        found = errors(data)
        assert found
        assert any(key in f.cells for f in found), (key, [f.message for f in found])

    check()
