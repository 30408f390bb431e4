"""The wizard in Debian's Chromium: typing, pasting, live cross-checks, autosave, submission."""
import json
from pathlib import Path

import pytest

from agencies.models import Role
from reports.interchange import from_json
from reports.models import ReportStatus
from reports.services import report_data, report_replace_content
from tests.factories import PASSWORD, AgencyFactory, MembershipFactory, ReportFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EXAMPLE = Path(__file__).resolve().parents[2] / "reports" / "demo" / "examples" / "gulou-xinfang-2021.json"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots" / "drafting"


@pytest.fixture
def browser_context_args(browser_context_args):
    """People here browse in Chinese; the page follows the browser's language."""
    return {**browser_context_args, "locale": "zh-CN", "viewport": {"width": 1280, "height": 800}}


@pytest.fixture
def complete_report():
    """A 2021 report whose content passes every error rule, with an editor of its agency."""
    agency = AgencyFactory()
    editor = MembershipFactory(agency=agency, role=Role.EDITOR, user__first_name="李明").user
    report = ReportFactory(agency=agency, year=2021)
    data, problems = from_json(json.loads(EXAMPLE.read_text()))
    assert not problems
    data.agency = agency.name
    report_replace_content(report=report, data=data)
    return report, editor


def log_in(page, live_server, user):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")


def paste(page, selector: str, text: str):
    page.eval_on_selector(selector, """(el, text) => {
        const data = new DataTransfer();
        data.setData("text/plain", text);
        el.dispatchEvent(new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true}));
    }""", text)


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

    # Autosaved without a click: a reload shows it.
    page.wait_for_function("document.getElementById('save-status').textContent.includes('已保存')")
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
    page.wait_for_function(f"document.querySelector('{cell('apply.granted.natural')}').value === '{granted}'")
    balance_error(page).wait_for(state="detached")
    assert page.get_attribute(cell("apply.new.natural"), "aria-invalid") is None
    page.wait_for_function("document.getElementById('save-status').textContent.includes('已保存')")
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
