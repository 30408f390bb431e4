"""The wizard in Debian's Chromium: typing, pasting, live cross-checks, autosave, submission."""
import time

import pytest

from reports.models import ReportStatus
from reports.services import report_data
from tests.conftest import wait_for_true
from tests.drafting.conftest import log_in
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

def paste(page, selector: str, text: str):
    page.eval_on_selector(selector, """(el, text) => {
        const data = new DataTransfer();
        data.setData("text/plain", text);
        el.dispatchEvent(new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true}));
    }""", text)


def eventually(check, seconds: float = 10) -> bool:
    """Autosave runs a moment after typing stops: poll the database for its result."""
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def cell(key: str) -> str:
    return "#f-" + key.replace(".", "-")


def balance_error(page):
    """APPLY-BALANCE of the 自然人 column."""
    return page.locator("#live-panel .finding-error", has_text="APPLY-BALANCE").filter(has_text="自然人")


def test_fill_check_and_submit_in_the_browser(page, live_server, complete_report):
    report, editor = complete_report
    before = report_data(report).cells
    base = f"{live_server.url}/reports/{report.agency.code}/{report.year}"
    log_in(page, live_server, editor)
    page.goto(f"{base}/steps/apply/")

    # Typing one more new application breaks the balance of the 自然人 column.
    new_natural = before["apply.new.natural"] + 1
    page.fill(cell("apply.new.natural"), str(new_natural))
    page.press(cell("apply.new.natural"), "Enter")
    error = balance_error(page)
    error.wait_for()
    assert "第一项加第二项之和" in error.inner_text()
    assert page.get_attribute(cell("apply.new.natural"), "aria-invalid") == "true"
    assert page.input_value(cell("apply.new.total")) == str(before["apply.new.total"] + 1)
    assert page.evaluate("document.activeElement.id") == cell("apply.carried_in.natural")[1:]  # Enter moved down

    # Input that is not a number is marked on its cell and kept as typed; the rest still saves.
    page.fill(cell("apply.new.research"), "十二")
    page.press(cell("apply.new.research"), "Tab")
    problem = page.locator(cell("apply.new.research") + "-error")
    problem.wait_for()
    assert "十二" in problem.inner_text()
    assert page.get_attribute(cell("apply.new.research"), "aria-invalid") == "true"
    assert "f-apply-new-research-error" in page.get_attribute(cell("apply.new.research"), "aria-describedby")
    page.fill(cell("apply.new.research"), "0")
    page.press(cell("apply.new.research"), "Tab")
    problem.wait_for(state="detached")

    # Autosaved without a click: a reload shows it.
    wait_for_true(page, "document.getElementById('save-status').textContent.includes('已保存')")
    page.reload()
    assert page.input_value(cell("apply.new.natural")) == str(new_natural)
    balance_error(page).wait_for()

    # Submission is refused while the error stands.
    page.goto(f"{base}/steps/check/")
    assert page.locator(".finding-error", has_text="APPLY-BALANCE").count() >= 1
    for box in page.locator("textarea[name^='explanation:']").all():
        box.fill("已核实，情况属实。")
    page.click(".submit-form button[type=submit]")
    page.wait_for_load_state()
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT

    # A block that does not fit is refused whole.
    page.goto(f"{base}/steps/apply/")
    paste(page, cell("apply.carried_over.legal"), "1\t2\t3\n4\t5\t6")
    page.locator("#paste-message").wait_for()
    assert "未填入任何数据" in page.inner_text("#paste-message")
    assert page.input_value(cell("apply.carried_over.legal")) == str(before["apply.carried_over.legal"])

    # Pasting a block from a spreadsheet (full-width digits) fixes it, and the error goes.
    granted = before["apply.granted.natural"] + 1
    block = f"{str(granted).translate(str.maketrans('0123456789', '０１２３４５６７８９'))}\t{before['apply.granted.business']}"
    paste(page, cell("apply.granted.natural"), block + "\r\n")
    wait_for_true(page, f"document.querySelector('{cell('apply.granted.natural')}').value === '{granted}'")
    balance_error(page).wait_for(state="detached")
    assert page.get_attribute(cell("apply.new.natural"), "aria-invalid") is None
    wait_for_true(page, "document.getElementById('save-status').textContent.includes('已保存')")
    page.reload()
    assert page.input_value(cell("apply.granted.natural")) == str(granted)
    assert report_data(report).cells["apply.total.natural"] == before["apply.total.natural"] + 1

    # Now it can be submitted.
    page.goto(f"{base}/steps/check/")
    assert page.locator(".finding-error").count() == 0
    for box in page.locator("textarea[name^='explanation:']").all():
        box.fill("已核实，情况属实。")
    page.click(".submit-form button[type=submit]")
    page.wait_for_load_state()
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED


def test_input_typed_after_the_session_expired_is_restored_after_logging_in(page, live_server, complete_report):
    report, editor = complete_report
    log_in(page, live_server, editor)
    page.goto(f"{live_server.url}/reports/{report.agency.code}/{report.year}/steps/apply/")
    page.context.clear_cookies(name="sessionid")  # the session ends while the page is open

    page.fill(cell("apply.declined.duplicate.natural"), "9")
    page.locator("#session-expired").wait_for()
    assert report_data(report).cells["apply.declined.duplicate.natural"] == 0

    page.click("#session-expired a")
    page.fill("input[name=username]", editor.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/steps/apply/")
    page.locator("#restore-notice").wait_for()
    assert page.input_value(cell("apply.declined.duplicate.natural")) == "9"
    wait_for_true(page, "document.getElementById('save-status').textContent.includes('已保存')")
    assert report_data(report).cells["apply.declined.duplicate.natural"] == 9


def test_leaving_with_unsaved_edits_asks_first(page, live_server, complete_report):
    report, editor = complete_report
    log_in(page, live_server, editor)
    page.goto(f"{live_server.url}/reports/{report.agency.code}/{report.year}/steps/problems/")
    dialogs = []

    def dismiss(dialog):
        dialogs.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", dismiss)
    page.click(cell("text.problems"))
    page.keyboard.type("一是")
    page.evaluate("document.querySelector('.step-nav a').click()")
    page.wait_for_timeout(300)
    assert dialogs == ["beforeunload"]
    assert "/steps/problems/" in page.url


def test_stock_offer_follows_issued_and_repealed_and_arrows_move(page, live_server, complete_report):
    from reports.services import report_write
    from tests.factories import ReportFactory

    report, editor = complete_report
    last = ReportFactory(agency=report.agency, year=report.year - 1)
    report_write(report=last, cells={"active.normative.in_force": 10})
    report_write(report=report, cells={"active.normative.issued": None, "active.normative.repealed": None,
                                       "active.normative.in_force": None})
    log_in(page, live_server, editor)
    page.goto(f"{live_server.url}/reports/{report.agency.code}/{report.year}/steps/active/")
    offer = cell("active.normative.in_force")
    assert page.input_value(offer) == "10"
    assert "据上年报告预填" in page.inner_text(f"{offer}-prefilled")

    page.fill(cell("active.normative.issued"), "3")
    page.press(cell("active.normative.issued"), "ArrowRight")  # caret at the end: next cell
    assert page.evaluate("document.activeElement.id") == cell("active.normative.repealed")[1:]
    page.keyboard.type("1")
    assert page.input_value(offer) == "12"
    page.press(cell("active.normative.repealed"), "ArrowUp")
    assert page.evaluate("document.activeElement.id") == cell("active.rules.repealed")[1:]
    assert eventually(lambda: report_data(report).cells.get("active.normative.in_force") == 12)


def test_every_step_works_without_javascript(browser, live_server, complete_report):
    report, editor = complete_report
    context = browser.new_context(java_script_enabled=False, locale="zh-CN")
    page = context.new_page()
    try:
        log_in(page, live_server, editor)
        page.goto(f"{live_server.url}/reports/{report.agency.code}/{report.year}/steps/apply/")
        page.fill(cell("apply.new.natural"), "abc")
        page.click("button[value=save]")
        assert page.input_value(cell("apply.new.natural")) == "abc"
        assert "abc" in page.inner_text(cell("apply.new.natural") + "-error")
        page.fill(cell("apply.new.natural"), "３")
        page.click("button[value=next]")
        page.wait_for_url("**/steps/appeal/")
        assert report_data(report).cells["apply.new.natural"] == 3
        assert report_data(report).cells["apply.new.total"] == 3
    finally:
        context.close()
