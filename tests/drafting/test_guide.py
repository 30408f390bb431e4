"""The 填报说明 page and the step page's help data come from the format alone."""
import json

import pytest
from django.test import Client
from django.urls import reverse

from reports.drafting.grid import table_guide
from reports.formats import FORMATS, GOV_2019, GOV_2021
from reports.services import report_write
from tests.drafting.conftest import step_url
from tests.factories import ReportFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("fmt", FORMATS.values(), ids=list(FORMATS))
def test_every_row_and_column_of_every_table_has_a_meaning(fmt):
    for table in fmt.tables:
        for axis, notes in (("row", table.row_notes), ("column", table.column_notes)):
            keys = {getattr(f, axis) for f in table.fields}
            assert {k for k, _ in notes} == keys, f"{fmt.id} {table.key} {axis}s without a note"
            assert all(note.meaning for _, note in notes)


def test_rows_of_the_apply_table_carry_their_article():
    table = GOV_2021.table("apply")
    assert "第三十七条" in table.row_note("partial").article
    assert "第十六条第二款" in table.row_note("denied.process").article
    assert "第五十一条" in GOV_2021.table("appeal").row_note("review").article


@pytest.mark.parametrize("fmt", FORMATS.values(), ids=list(FORMATS))
def test_each_row_and_each_column_gets_its_help_button_on_the_entry_grid(fmt):
    for table in fmt.tables:
        guide = table_guide(table)
        rows = [t for t in guide["headers"] if t[2] == "row"]
        assert sorted(t[3] for t in rows) == sorted(guide["rows"])
        columns = {t[3] for t in guide["headers"] if t[2] == "column"}
        assert columns == set(guide["columns"])


def test_the_guide_lists_the_formats_own_words(editor_client):
    for fmt in (GOV_2019, GOV_2021):
        page = editor_client.get(reverse("drafting:guide", args=[fmt.id])).content.decode()
        assert fmt.issued_by in page
        for table in fmt.tables:
            for _, note in table.row_notes + table.column_notes:
                assert note.meaning in page
    # 2019 has its own columns of 表二.
    assert GOV_2019.table("active").column_note("change").meaning in \
        editor_client.get(reverse("drafting:guide", args=[GOV_2019.id])).content.decode()


def test_the_guide_needs_a_login_and_a_known_format(editor_client):
    assert Client().get(reverse("drafting:guide", args=["gov-2021"])).status_code == 302
    assert editor_client.get(reverse("drafting:guide", args=["gov-1999"])).status_code == 404
    assert editor_client.post(reverse("drafting:guide", args=["gov-2021"])).status_code == 405


def compare_data(page: str) -> dict | None:
    if 'id="compare-data"' not in page:
        return None
    return json.loads(page.split('id="compare-data" type="application/json">')[1].split("</script>")[0])


def test_a_step_page_carries_last_years_values_of_the_same_agency(editor_client, report, agency):
    other = ReportFactory(year=report.year - 1)
    report_write(report=other, cells={"apply.new.natural": 7})
    page = editor_client.get(step_url(report, "apply")).content.decode()
    assert compare_data(page) is None, "another agency's report is not last year's"
    assert "没有2023年的报告" in page
    last = ReportFactory(agency=agency, year=report.year - 1)
    report_write(report=last, cells={"apply.new.natural": 3}, texts={"text.problems": "上年的问题"})
    data = compare_data(editor_client.get(step_url(report, "apply")).content.decode())
    assert data["year"] == report.year - 1
    assert data["cells"]["f-apply-new-natural"] == "3"
    assert data["cells"]["f-apply-new-business"] == ""
    texts = compare_data(editor_client.get(step_url(report, "problems")).content.decode())
    assert texts["texts"] == {"f-text-problems": "上年的问题"}
