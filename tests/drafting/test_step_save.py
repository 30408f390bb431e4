"""Saving a step: valid input, invalid input kept, full-width digits, totals, texts and the cover."""
from datetime import date

import pytest

from reports.services import report_data
from tests.drafting.conftest import step_url

pytestmark = pytest.mark.django_db


def post_step(client, report, slug, data, **extra):
    report.refresh_from_db()
    return client.post(step_url(report, slug), {"version": report.version, **data}, **extra)


def test_valid_table_input_is_saved_with_computed_totals(editor_client, report):
    response = post_step(editor_client, report, "apply", {
        "apply.new.natural": "3", "apply.new.business": "2", "action": "next",
    })
    assert response.status_code == 302
    assert response["Location"] == step_url(report, "appeal")
    cells = report_data(report).cells
    assert cells["apply.new.natural"] == 3
    assert cells["apply.new.total"] == 5


def test_full_width_digits_and_separators_are_understood(editor_client, report):
    post_step(editor_client, report, "apply", {"apply.new.natural": "１，２３４", "apply.new.legal": " 7 "})
    cells = report_data(report).cells
    assert cells["apply.new.natural"] == 1234
    assert cells["apply.new.legal"] == 7


def test_invalid_input_is_shown_and_kept_while_the_rest_is_saved(editor_client, report):
    response = post_step(editor_client, report, "apply", {
        "apply.new.natural": "十二", "apply.new.business": "4",
    })
    assert response.status_code == 200
    page = response.content.decode()
    assert 'value="十二"' in page
    assert "“十二”" in page
    assert 'id="f-apply-new-natural-error"' in page
    assert 'aria-invalid="true"' in page
    cells = report_data(report).cells
    assert "apply.new.natural" not in cells
    assert cells["apply.new.business"] == 4


def test_clearing_a_cell_stores_blank_not_zero(editor_client, report):
    post_step(editor_client, report, "apply", {"apply.new.natural": "5"})
    post_step(editor_client, report, "apply", {"apply.new.natural": ""})
    cells = report_data(report).cells
    assert "apply.new.natural" not in cells
    assert "apply.new.total" not in cells


def test_computed_totals_cannot_be_typed(editor_client, report):
    post_step(editor_client, report, "apply", {"apply.new.natural": "1", "apply.new.total": "99"})
    assert report_data(report).cells["apply.new.total"] == 1


def test_texts_are_saved(editor_client, report):
    post_step(editor_client, report, "problems", {"text.problems": "一是问题。\r\n\r\n二是措施。"})
    assert report_data(report).texts["text.problems"] == "一是问题。\n\n二是措施。"


def test_cover_saves_title_date_and_preamble(editor_client, report):
    response = post_step(editor_client, report, "cover", {
        "meta.title": report.default_title, "meta.signed_on": "2025-01-20", "text.preamble": "本报告依据……",
    })
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.title == ""  # the standard title is not stored, so a renamed agency keeps a correct title
    assert report.signed_on == date(2025, 1, 20)
    page = editor_client.get(step_url(report, "cover")).content.decode()
    assert report.agency.name in page
    assert "本报告依据" in page


def test_an_invalid_date_is_reported_and_kept(editor_client, report):
    response = post_step(editor_client, report, "cover", {"meta.signed_on": "2025-13-40", "text.preamble": "前言"})
    assert response.status_code == 200
    assert "2025-13-40" in response.content.decode()
    assert report_data(report).texts["text.preamble"] == "前言"


def test_live_check_saves_and_returns_findings_and_totals(editor_client, report):
    report.refresh_from_db()
    response = editor_client.post(step_url(report, "apply", "live/"), {
        "version": report.version, "apply.new.natural": "2", "apply.granted.natural": "1",
    }, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    page = response.content.decode()
    assert "APPLY-BALANCE" in page
    assert "&quot;f-apply-new-total&quot;: &quot;2&quot;" in page
    report.refresh_from_db()
    assert report_data(report).cells["apply.granted.total"] == 1
    assert f"&quot;version&quot;: {report.version}" in page


def test_hub_counts_errors_of_a_step(editor_client, report):
    post_step(editor_client, report, "apply", {"apply.new.natural": "2"})
    page = editor_client.get(f"/reports/{report.agency.code}/{report.year}/").content.decode()
    assert "有错误" in page


def test_a_text_over_the_limit_is_refused_and_the_rest_of_the_step_is_saved(editor_client, report):
    from reports.normalize import TEXT_MAX_LENGTH

    page = editor_client.get(step_url(report, "problems")).content.decode()
    assert "最多20,000字" in page and f'maxlength="{TEXT_MAX_LENGTH}"' in page
    post_step(editor_client, report, "problems", {"text.problems": "原有文字。"})
    response = post_step(editor_client, report, "problems", {"text.problems": "长" * (TEXT_MAX_LENGTH + 1)})
    assert response.status_code == 200
    assert "最多20,000字" in response.content.decode()
    assert report_data(report).texts["text.problems"] == "原有文字。"
    post_step(editor_client, report, "problems", {"text.problems": "长" * TEXT_MAX_LENGTH})
    assert len(report_data(report).texts["text.problems"]) == TEXT_MAX_LENGTH
