"""Last year's values offered in this year's form, and blocks pasted from a spreadsheet."""
import pytest

from reports.drafting.grid import entry_grid
from reports.drafting.services import PasteRefused, parse_pasted, paste_block
from reports.rules.carry import prefill_offers
from reports.services import report_data, report_write
from tests.drafting.conftest import step_url
from tests.factories import ReportFactory

pytestmark = pytest.mark.django_db

LAST_YEAR_PROBLEMS = (
    "一是政策解读形式较为单一，图解、视频等形式运用不多。二是依申请公开答复的规范性有待提高。"
    "下一步，我局将丰富解读形式，加强业务培训，进一步规范答复文书。"
)


@pytest.fixture
def last_year(agency):
    last = ReportFactory(agency=agency, year=2023)
    report_write(report=last, cells={
        "apply.carried_over.natural": 4, "apply.carried_over.legal": 1, "apply.carried_over.total": 5,
        "active.rules.in_force": 10, "active.normative.in_force": 30,
    }, texts={"text.problems": LAST_YEAR_PROBLEMS})
    return last


def test_carried_in_is_prefilled_from_last_years_carried_over(editor_client, report, last_year):
    page = editor_client.get(step_url(report, "apply")).content.decode()
    assert 'name="apply.carried_in.natural" id="f-apply-carried_in-natural" value="4"' in page
    assert 'id="f-apply-carried_in-natural-prefilled"' in page
    assert "据上年报告预填" in page
    assert 'name="apply.carried_in.business" id="f-apply-carried_in-business" value=""' in page


def test_a_prefilled_value_stays_editable_and_is_saved_as_typed(editor_client, report, last_year):
    editor_client.post(step_url(report, "apply"), {"version": report.version, "apply.carried_in.natural": "6"})
    page = editor_client.get(step_url(report, "apply")).content.decode()
    assert 'id="f-apply-carried_in-natural" value="6"' in page
    assert 'id="f-apply-carried_in-natural-prefilled"' not in page


def test_in_force_is_offered_from_last_years_stock(report, last_year):
    report_write(report=report, cells={"active.rules.issued": 3, "active.rules.repealed": 1})
    offers = prefill_offers(data=report_data(report), last_year=report_data(last_year))
    assert offers["active.rules.in_force"] == 12
    assert offers["active.normative.in_force"] == 30
    assert offers["apply.carried_in.natural"] == 4


def test_no_stock_offer_across_the_format_change(agency):
    old = ReportFactory(agency=agency, year=2020)
    new = ReportFactory(agency=agency, year=2021)
    report_write(report=old, cells={"apply.carried_over.natural": 2})
    offers = prefill_offers(data=report_data(new), last_year=report_data(old))
    assert offers == {"apply.carried_in.natural": 2}


def test_no_offers_without_last_years_report(report):
    assert prefill_offers(data=report_data(report), last_year=None) == {}


def test_a_narrative_can_start_from_last_years_text(editor_client, report, last_year):
    page = editor_client.get(step_url(report, "problems")).content.decode()
    assert "以上年报告的文字为起点" in page
    response = editor_client.post(step_url(report, "problems"), {
        "version": report.version, "text.problems": "", "action": "copy:text.problems",
    })
    assert response.status_code == 302
    assert report_data(report).texts["text.problems"] == LAST_YEAR_PROBLEMS
    page = editor_client.get(step_url(report, "problems")).content.decode()
    assert "以上年报告的文字为起点" not in page
    assert "TEXT-SIMILAR-LAST-YEAR" in page  # how much is still last year's text


def positions(report, table="apply"):
    return entry_grid(report.format.table(table)).positions()


def test_parse_pasted_reads_excel_and_wps_blocks():
    assert parse_pasted("1\t2\r\n3\t\r\n") == [["1", "2"], ["3", ""]]
    assert parse_pasted("5") == [["5"]]


def test_a_block_fills_from_the_anchor_with_normalised_values(report):
    filled = paste_block(report=report, positions=positions(report), anchor="apply.new.natural",
                         text="１,２００\t3\t\t0\n2\t1 000\t\t\r\n")
    assert filled == {
        "apply.new.natural": "1200", "apply.new.business": "3", "apply.new.research": "",
        "apply.new.nonprofit": "0", "apply.carried_in.natural": "2", "apply.carried_in.business": "1000",
        "apply.carried_in.research": "", "apply.carried_in.nonprofit": "",
    }


def test_a_block_over_the_total_column_skips_the_computed_cells(report):
    filled = paste_block(report=report, positions=positions(report), anchor="apply.new.natural",
                         text="1\t1\t1\t1\t1\t1\t6")
    assert "apply.new.total" not in filled
    assert len(filled) == 6


def test_a_block_that_does_not_fit_is_refused_whole(report):
    with pytest.raises(PasteRefused) as refused:
        paste_block(report=report, positions=positions(report), anchor="apply.new.legal", text="1\t2\t3\t4")
    assert "1行×4列" in refused.value.message


def test_a_block_below_the_table_is_refused(report):
    with pytest.raises(PasteRefused):
        paste_block(report=report, positions=positions(report), anchor="apply.carried_over.natural", text="1\n2")


def test_a_block_with_a_non_number_is_refused_whole(report):
    with pytest.raises(PasteRefused) as refused:
        paste_block(report=report, positions=positions(report), anchor="apply.new.natural", text="1\tabc")
    assert "abc" in refused.value.message


def test_appeal_is_entered_as_three_rows_of_five(report):
    grid = entry_grid(report.format.table("appeal"))
    filled = paste_block(report=report, positions=grid.positions(), anchor="appeal.review.upheld",
                         text="1\t2\t3\t4\n5\t6\t7\t8\n9\t10\t11\t12")
    assert filled["appeal.suit_after_review.pending"] == "12"
    assert [c.cell.text for c in grid.header[0]][1:] == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]


def test_the_paste_endpoint_answers_json(editor_client, report):
    response = editor_client.post(step_url(report, "apply", "paste/"), {
        "anchor": "apply.new.natural", "text": "1\t2",
    })
    assert response.json() == {"values": {"f-apply-new-natural": "1", "f-apply-new-business": "2"}}
    refused = editor_client.post(step_url(report, "apply", "paste/"), {"anchor": "apply.new.total", "text": "1\t2"})
    assert "error" in refused.json()


def test_copying_a_text_of_another_step_is_ignored(editor_client, report, last_year):
    response = editor_client.post(step_url(report, "other"), {
        "version": report.version, "text.other": "未收取信息处理费。", "action": "copy:text.problems",
    })
    assert response.status_code == 302
    texts = report_data(report).texts
    assert texts["text.other"] == "未收取信息处理费。"
    assert "text.problems" not in texts
