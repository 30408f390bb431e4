"""Every page of the wizard at 1280×800 and on a tablet, saved under var/screenshots/drafting/ to look at."""
import pytest

from agencies.models import Role
from reports.services import report_write
from tests.drafting.conftest import SCREENSHOTS, log_in
from tests.drafting.test_pages import SLUGS
from tests.factories import MembershipFactory, ReportFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width,height", [(1280, 800), (820, 1180)])
def test_screenshots_of_every_step(page, live_server, complete_report, width, height):
    report, editor = complete_report
    last = ReportFactory(agency=report.agency, year=report.year - 1)
    report_write(report=last, cells={"apply.carried_over.natural": 3, "active.rules.in_force": 0,
                                     "active.normative.in_force": 12},
                 texts={"text.problems": "一是政策解读形式较为单一。二是依申请公开答复规范性有待提高。"})
    report_write(report=report, cells={"apply.carried_in.natural": None, "active.normative.in_force": None,
                                       "apply.new.business": 2},
                 texts={"text.problems": ""})
    page.set_viewport_size({"width": width, "height": height})
    log_in(page, live_server, editor)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    base = f"{live_server.url}/reports/{report.agency.code}/{report.year}"
    assert page.goto(f"{base}/").ok
    page.screenshot(path=SCREENSHOTS / f"{width}-0-hub.png", full_page=True)
    for i, slug in enumerate(SLUGS, 1):
        assert page.goto(f"{base}/steps/{slug}/", wait_until="networkidle").ok
        page.wait_for_timeout(100)  # let the page apply an autosave's answer
        page.screenshot(path=SCREENSHOTS / f"{width}-{i}-{slug}.png", full_page=slug != "apply")
        assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_screenshot_of_a_conflict(page, live_server, complete_report):
    report, editor = complete_report
    other = MembershipFactory(agency=report.agency, role=Role.EDITOR, user__first_name="王芳").user
    log_in(page, live_server, editor)
    page.goto(f"{live_server.url}/reports/{report.agency.code}/{report.year}/steps/problems/")
    report_write(report=report, by=other, texts={"text.problems": "王芳补充的问题和措施。"})
    page.fill("#f-text-problems", "我写的问题和措施。")
    page.locator(".conflict-panel").wait_for()
    assert page.input_value("#f-text-problems") == "我写的问题和措施。"
    page.screenshot(path=SCREENSHOTS / "1280-conflict.png", full_page=True)
