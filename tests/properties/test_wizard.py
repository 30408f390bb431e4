"""The drafting wizard: every step of both formats, posted as a form, autosaved live, pasted into.

A draft always saves what parses (the wizard's promise); so the properties are per cell: a cell
that parses is stored as its normalized value, one that does not keeps exactly what it held, the
totals are recomputed, and a request that is refused as a whole changes nothing at all.
"""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reports.drafting.services import parse_date
from reports.drafting.steps import steps_for
from reports.models import ReportStatus
from reports.normalize import InvalidValue, normalize_text, parse_value
from reports.rules import compute_totals
from reports.services import report_data, report_set_status, report_write

from .conftest import examples, rolled_back
from .state import database_state
from .strategies import date_value, text_value, title_value, typed_value, version_value

pytestmark = pytest.mark.django_db
TITLE_MAX = 200


def url(report, slug: str, suffix: str = "") -> str:
    return f"/reports/{report.agency.code}/{report.year}/steps/{slug}/{suffix}"


def editable_steps(report):
    return [s for s in steps_for(report.format) if not s.is_check]


@st.composite
def step_post(draw, report):
    """A step of `report` and what a browser (or someone with curl) posts to it."""
    step = draw(st.sampled_from(editable_steps(report)))
    keys = draw(st.lists(st.sampled_from(step.input_keys), unique=True, max_size=8)) if step.table else []
    computed = [f.key for f in step.table.fields if f.computed] if step.table else []
    keys += draw(st.lists(st.sampled_from(computed), unique=True, max_size=2)) if computed else []
    post = {key: draw(typed_value) for key in keys}
    for key in step.text_keys:
        if draw(st.booleans()):
            post[key] = draw(text_value)
    if step.has_meta:
        if draw(st.booleans()):
            post["meta.title"] = draw(title_value)
        if draw(st.booleans()):
            post["meta.signed_on"] = draw(date_value)
    post["action"] = draw(st.sampled_from(["", "next", "stay", "copy:text.problems", "copy:nope", "<x>"]))
    return step, post


def expected_cells(fmt, step, before, post) -> dict:
    """What the step's cells hold after a save without conflict: parsed input, else what was there."""
    cells = dict(before.cells)
    for key in step.input_keys:
        if key not in post:
            continue
        try:
            value = parse_value(fmt.field(key), post[key])
        except InvalidValue:
            continue
        if value is None:
            cells.pop(key, None)
        else:
            cells[key] = value
    return cells


def assert_saved_as_normalized(report, step, before, post):
    fmt = report.format
    after = report_data(report)
    typed = expected_cells(fmt, step, before, post)
    for key in step.input_keys:
        assert after.cells.get(key) == typed.get(key), key
    totals = compute_totals(fmt, after.cells)
    for key in step.cell_keys:
        if fmt.field(key).computed:
            assert after.cells.get(key) == totals.get(key), key
    for key in step.text_keys:
        if key in post:
            assert after.text(key) == normalize_text(post[key]), key
    if "meta.title" in post:
        title = " ".join(normalize_text(post["meta.title"]).split())
        if len(title) <= TITLE_MAX:
            assert after.display_title == (title or report.default_title)
        else:
            assert after.title == before.title
    if "meta.signed_on" in post:
        try:
            signed_on = parse_date(post["meta.signed_on"])
        except ValueError:
            signed_on = before.signed_on
        assert after.signed_on == signed_on


# The form post redirects or shows the step again; the live autosave always answers with its fragment.
ENDPOINTS = {"": (200, 302), "live/": (200,)}


@pytest.mark.parametrize("endpoint", sorted(ENDPOINTS))
@examples(50)
@given(data=st.data())
def test_saving_a_step_never_fails_and_stores_the_normalized_input(editor_client, drafts, endpoint, data):
    report = data.draw(st.sampled_from(drafts), label="report")
    step, post = data.draw(step_post(report), label="post")
    with rolled_back():
        report.refresh_from_db()
        before = report_data(report)
        response = editor_client.post(url(report, step.slug, endpoint), {**post, "version": report.version})
        assert response.status_code in ENDPOINTS[endpoint]
        report.refresh_from_db()
        assert_saved_as_normalized(report, step, before, post)


@examples(30)
@given(data=st.data(), version=version_value)
def test_a_stale_version_never_overwrites_what_someone_else_saved(editor_client, editor, drafts, data, version):
    report = data.draw(st.sampled_from(drafts), label="report")
    step = data.draw(st.sampled_from([s for s in editable_steps(report) if s.text_keys]), label="step")
    key = data.draw(st.sampled_from(step.text_keys), label="key")
    mine = data.draw(text_value, label="mine")
    with rolled_back():
        report.refresh_from_db()
        seen = report.version
        report_write(report=report, by=editor, texts={key: "别人刚保存的文字。"})
        response = editor_client.post(url(report, step.slug), {key: mine, "version": str(seen)})
        assert response.status_code in (200, 302)
        if normalize_text(mine) != "别人刚保存的文字。":
            assert report_data(report).text(key) == "别人刚保存的文字。"
        # Whatever version the page claims, the stored one only moves forward.
        editor_client.post(url(report, step.slug, "live/"), {key: mine, "version": version})
        report.refresh_from_db()
        assert report.version >= seen + 1


@examples(30)
@given(data=st.data())
def test_a_locked_report_refuses_every_post_and_keeps_everything(editor_client, drafts, data):
    report = data.draw(st.sampled_from(drafts), label="report")
    step, post = data.draw(step_post(report), label="post")
    status = data.draw(st.sampled_from([ReportStatus.SUBMITTED, ReportStatus.APPROVED, ReportStatus.PUBLISHED]))
    suffix = data.draw(st.sampled_from(["", "live/", "paste/"]), label="endpoint")
    with rolled_back():
        report_set_status(report=report, status=status)
        before = database_state()
        response = editor_client.post(url(report, step.slug, suffix), {**post, "version": report.version})
        assert response.status_code in (403, 404)
        assert database_state() == before


@examples(50)
@given(data=st.data(), text=st.one_of(text_value, st.lists(st.lists(typed_value, min_size=1, max_size=5),
                                                           min_size=1, max_size=6)
                                                  .map(lambda rows: "\r\n".join("\t".join(r) for r in rows))))
def test_a_paste_never_fails_never_writes_and_offers_only_valid_values(editor_client, drafts, data, text):
    report = data.draw(st.sampled_from(drafts), label="report")
    step = data.draw(st.sampled_from([s for s in editable_steps(report) if s.table]), label="step")
    anchor = data.draw(st.sampled_from(step.input_keys) | text_value, label="anchor")
    with rolled_back():
        before = database_state()
        response = editor_client.post(url(report, step.slug, "paste/"), {"anchor": anchor, "text": text})
        assert response.status_code == 200
        assert database_state() == before
        answer = response.json()
        assert set(answer) in ({"error"}, {"values"})
        keys = {f"f-{k.replace('.', '-')}": k for k in step.input_keys}
        for dom, shown in answer.get("values", {}).items():
            parse_value(report.format.field(keys[dom]), shown)


@examples(25)
@given(slug=st.text(min_size=1, max_size=30), version=version_value)
def test_unknown_steps_and_odd_urls_are_not_found(editor_client, drafts, slug, version):
    report = drafts[1]
    with rolled_back():
        before = database_state()
        response = editor_client.post(f"/reports/{report.agency.code}/{report.year}/steps/x{slug}/",
                                      {"version": version})
        assert response.status_code == 404
        assert database_state() == before


@examples(30)
@given(year=st.integers(0, 10**30) | st.sampled_from([2018, 2019, 2020, 2021, 2100, 2101, 32767, 32768, 2**63]))
def test_starting_a_report_for_any_year_creates_one_only_for_a_year_with_a_format(editor_client, agency, year):
    with rolled_back():
        before = database_state()
        response = editor_client.post(f"/reports/{agency.code}/{year}/start/")
        assert response.status_code in (302, 404)
        if response.status_code == 404:
            assert database_state() == before
        else:
            assert agency.reports.get(year=year).format.covers(year)
        for suffix in ("", "steps/cover/", "import/"):
            assert editor_client.get(f"/reports/{agency.code}/{year}/{suffix}").status_code in (200, 404)
