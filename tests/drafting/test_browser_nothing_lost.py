"""Nothing typed is lost in Chromium: last year's text as a start, saves racing autosave, people sharing a computer."""
import pytest

from agencies.models import Role
from reports.services import report_data, report_write
from tests.conftest import wait_for_true
from tests.drafting.conftest import log_in
from tests.drafting.test_browser import cell, eventually
from tests.factories import MembershipFactory, ReportFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LAST_YEAR = "一是政策解读形式较为单一。二是依申请公开答复规范性有待提高。"


def step_page(live_server, report, slug: str) -> str:
    return f"{live_server.url}/reports/{report.agency.code}/{report.year}/steps/{slug}/"


def saved(page) -> None:
    wait_for_true(page, "document.getElementById('save-status').textContent.includes('最后保存')")


def test_starting_from_last_years_text_then_editing_keeps_the_edit(page, live_server, complete_report):
    report, editor = complete_report
    last = ReportFactory(agency=report.agency, year=report.year - 1)
    report_write(report=last, texts={"text.problems": LAST_YEAR})
    report_write(report=report, texts={"text.problems": ""})
    log_in(page, live_server, editor)
    page.goto(step_page(live_server, report, "problems"))

    page.click(".copy-last-year")
    page.wait_for_load_state("networkidle")
    assert page.input_value(cell("text.problems")) == LAST_YEAR
    page.wait_for_timeout(1500)  # what a restore would have autosaved by now
    assert page.locator(".conflict-panel").count() == 0
    assert page.locator("#restore-notice:not(.d-none)").count() == 0
    assert report_data(report).texts["text.problems"] == LAST_YEAR

    edited = LAST_YEAR + "三是今年已建立答复复核机制。"
    page.fill(cell("text.problems"), edited)
    page.click("button[value=next]")
    page.wait_for_url("**/steps/other/")
    page.goto(step_page(live_server, report, "problems"))
    page.wait_for_timeout(1500)
    assert page.input_value(cell("text.problems")) == edited
    assert page.locator(".conflict-panel").count() == 0
    assert report_data(report).texts["text.problems"] == edited


@pytest.mark.parametrize("slug,key", [("problems", "text.problems"), ("apply", "apply.new.natural")])
def test_typing_then_saving_at_once_never_conflicts_with_oneself(page, live_server, complete_report, slug, key):
    report, editor = complete_report
    log_in(page, live_server, editor)
    page.goto(step_page(live_server, report, slug))
    for round_ in range(20):
        value = f"第{round_}轮的文字。" if key.startswith("text.") else str(100 + round_)
        page.fill(cell(key), value)
        # Clicking leaves the field: its change event autosaves while the form posts the same input.
        with page.expect_navigation():
            page.click("button[value=save]")
        assert page.locator(".conflict-panel").count() == 0, f"round {round_}"
        assert page.input_value(cell(key)) == value
        got = report_data(report)
        assert (got.texts[key] if key.startswith("text.") else got.cells[key]) == (
            value if key.startswith("text.") else int(value))


def test_two_tabs_of_one_person_still_conflict(browser, live_server, complete_report):
    report, editor = complete_report
    context = browser.new_context(locale="zh-CN")
    try:
        first, second = context.new_page(), context.new_page()
        log_in(first, live_server, editor)
        for tab in (first, second):
            tab.goto(step_page(live_server, report, "problems"))
        first.fill(cell("text.problems"), "第一个标签页写的。")
        assert eventually(lambda: report_data(report).texts["text.problems"] == "第一个标签页写的。")
        second.fill(cell("text.problems"), "第二个标签页写的。")
        second.locator(".conflict-panel").wait_for()
        assert report_data(report).texts["text.problems"] == "第一个标签页写的。"
    finally:
        context.close()


def test_people_sharing_a_browser_never_get_each_others_unsaved_input(page, live_server, complete_report):
    report, editor = complete_report
    other = MembershipFactory(agency=report.agency, role=Role.EDITOR, user__first_name="王芳").user
    log_in(page, live_server, editor)
    page.goto(step_page(live_server, report, "problems"))
    before = report_data(report).texts["text.problems"]
    page.route("**/live/", lambda route: route.abort())  # autosave cannot reach the server: kept in the browser
    page.fill(cell("text.problems"), "李明没有保存的文字。")
    wait_for_true(page, "document.getElementById('save-status').textContent.includes('未保存')")
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('nianbao:draft:'))")
    page.on("dialog", lambda dialog: dialog.accept())
    page.click("nav form[action$='/logout/'] button")
    page.wait_for_load_state()
    assert not page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('nianbao:'))")

    page.unroute("**/live/")
    log_in(page, live_server, other)
    page.goto(step_page(live_server, report, "problems"))
    page.wait_for_timeout(1500)
    assert page.input_value(cell("text.problems")) == before
    assert page.locator("#restore-notice:not(.d-none)").count() == 0
    assert report_data(report).texts["text.problems"] == before


def test_unsaved_input_of_one_person_is_not_offered_to_another_even_without_logging_out(
    page, live_server, complete_report
):
    report, editor = complete_report
    other = MembershipFactory(agency=report.agency, role=Role.EDITOR).user
    log_in(page, live_server, editor)
    page.goto(step_page(live_server, report, "problems"))
    before = report_data(report).texts["text.problems"]
    page.context.clear_cookies(name="sessionid")  # the session ends while the page is open
    page.fill(cell("text.problems"), "李明没有保存的文字。")
    page.locator("#session-expired").wait_for()

    log_in(page, live_server, other)  # someone else logs in at this computer
    page.goto(step_page(live_server, report, "problems"))
    page.wait_for_timeout(1500)
    assert page.input_value(cell("text.problems")) == before
    assert report_data(report).texts["text.problems"] == before

    page.context.clear_cookies(name="sessionid")
    log_in(page, live_server, editor)  # the person who typed it gets it back, and sees what it is
    page.goto(step_page(live_server, report, "problems"))
    page.locator("#restore-notice").wait_for()
    assert "李明没有保存的文字。" in page.inner_text("#restore-notice")
    assert eventually(lambda: report_data(report).texts["text.problems"] == "李明没有保存的文字。")


def test_input_older_than_the_server_is_not_restored(page, live_server, complete_report):
    report, editor = complete_report
    other = MembershipFactory(agency=report.agency, role=Role.EDITOR).user
    log_in(page, live_server, editor)
    page.goto(step_page(live_server, report, "problems"))
    page.context.clear_cookies(name="sessionid")
    page.fill(cell("text.problems"), "过时的文字。")
    page.locator("#session-expired").wait_for()
    report_write(report=report, by=other, texts={"text.problems": "之后保存的文字。"})

    log_in(page, live_server, editor)
    page.goto(step_page(live_server, report, "problems"))
    page.wait_for_timeout(1500)
    assert page.input_value(cell("text.problems")) == "之后保存的文字。"
    assert report_data(report).texts["text.problems"] == "之后保存的文字。"


def autosaves_settled(page) -> None:
    """Wait until the page has sent its autosaves and none is under way. The test reads the database only then:
    a read of the in-memory SQLite database beside the server's write makes that write fail at once."""
    for _ in range(2):
        page.wait_for_timeout(1300)  # past the input trigger's one-second delay
        wait_for_true(page, "!document.querySelector('.htmx-request')")


def test_fill_empty_cells_with_zero_then_type_over_one(page, live_server, complete_report):
    report, editor = complete_report
    blank = ["appeal.review.upheld", "appeal.review.corrected", "appeal.suit_direct.upheld"]
    report_write(report=report, cells=dict.fromkeys(blank))
    log_in(page, live_server, editor)
    page.goto(step_page(live_server, report, "appeal"))
    page.fill(cell("appeal.review.other"), "1")  # typed just before: saved first, not zeroed over
    with page.expect_navigation():
        page.click("button.fill-zero")
    page.wait_for_load_state("networkidle")
    assert "已将3个空白格填为0" in page.inner_text("main")
    assert [page.input_value(cell(k)) for k in blank] == ["0", "0", "0"]
    assert page.input_value(cell("appeal.review.other")) == "1"
    page.wait_for_timeout(1500)  # what a restore of the page's old input would have autosaved by now
    assert page.locator("#restore-notice:not(.d-none)").count() == 0
    assert all(report_data(report).cells[k] == 0 for k in blank)

    page.fill(cell("appeal.review.corrected"), "2")  # undone by typing
    page.press(cell("appeal.review.corrected"), "Tab")
    autosaves_settled(page)
    assert report_data(report).cells["appeal.review.corrected"] == 2
    page.fill(cell("appeal.review.upheld"), "")  # or back to empty
    page.press(cell("appeal.review.upheld"), "Tab")
    autosaves_settled(page)
    assert "appeal.review.upheld" not in report_data(report).cells
    assert page.locator(".conflict-panel").count() == 0
    page.reload()
    assert page.input_value(cell("appeal.review.corrected")) == "2"
    assert page.input_value(cell("appeal.review.upheld")) == ""


def test_the_step_list_and_the_last_save_follow_each_autosave(page, live_server, complete_report):
    report, editor = complete_report
    report_write(report=report, texts={"text.problems": ""})
    log_in(page, live_server, editor)
    page.goto(step_page(live_server, report, "problems"))
    status = page.locator(".step-nav [data-step=problems] .task-status")
    assert "未开始" in status.inner_text()
    page.fill(cell("text.problems"), "一是公开内容不够全面。二是将加强培训。")
    wait_for_true(page, "document.getElementById('save-status').textContent.includes('已保存')")
    assert "未开始" not in status.inner_text()
    last = page.inner_text("#last-saved")
    assert last.startswith("最后保存：李明，") and "月" in last
    assert "版本" not in page.inner_text("main")


def test_what_is_restored_can_be_declined(page, live_server, complete_report):
    report, editor = complete_report
    log_in(page, live_server, editor)
    page.goto(step_page(live_server, report, "problems"))
    before = report_data(report).texts["text.problems"]
    page.context.clear_cookies(name="sessionid")
    page.fill(cell("text.problems"), "不想要的草稿。")
    page.locator("#session-expired").wait_for()
    log_in(page, live_server, editor)
    page.goto(step_page(live_server, report, "problems"))
    page.locator("#restore-notice").wait_for()
    assert "不想要的草稿。" in page.inner_text("#restore-list")
    page.click("#restore-undo")
    assert page.input_value(cell("text.problems")) == before
    page.wait_for_timeout(1500)
    assert report_data(report).texts["text.problems"] == before
    page.reload()
    assert page.locator("#restore-notice:not(.d-none)").count() == 0


def test_a_press_on_save_that_ends_elsewhere_still_autosaves(page, live_server, complete_report):
    report, editor = complete_report
    log_in(page, live_server, editor)
    page.goto(step_page(live_server, report, "problems"))
    page.fill(cell("text.problems"), "按下保存后移开了鼠标。")
    box = page.locator("button[value=save]").bounding_box()
    page.mouse.move(box["x"] + 5, box["y"] + 5)
    page.mouse.down()
    page.mouse.move(5, 5)
    page.mouse.up()
    assert eventually(lambda: report_data(report).texts["text.problems"] == "按下保存后移开了鼠标。")
    assert "/steps/problems/" in page.url
