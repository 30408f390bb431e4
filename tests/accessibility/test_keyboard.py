"""The wizard by keyboard: a skip link to the content, a visible ring on every focused cell, link and
button, and the live cross-check findings announced to screen readers (and still clean for axe)."""
import json

import pytest

from reports.services import report_data
from tests.conftest import wait_for_true
from tests.drafting.conftest import log_in

from .axe import VIEWPORTS, describe, violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ACTIVE = "document.activeElement"


def tab_to(page, condition: str, limit: int = 300) -> None:
    """Press Tab until the focused element meets the condition (a JS expression on `el`)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => {{ const el = {ACTIVE}; return Boolean({condition}); }}"):
            return
    raise AssertionError(f"Tab never reached an element with {condition}")


def focus_ring() -> str:
    return f"(() => {{ const s = getComputedStyle({ACTIVE}); return [s.outlineStyle, s.outlineWidth]; }})()"


def assert_ringed(page, what: str) -> None:
    style, width = page.evaluate(focus_ring())
    assert style == "solid" and float(width.removesuffix("px")) >= 2, f"{what}: outline {style} {width}"


def test_keyboard_users_skip_to_the_content_and_see_the_focus(page, live_server, complete_report):
    report, editor = complete_report
    log_in(page, live_server, editor)
    page.goto(f"{live_server.url}/reports/{report.agency.code}/{report.year}/steps/apply/")

    page.keyboard.press("Tab")
    assert page.evaluate(f"{ACTIVE}.getAttribute('href')") == "#main"
    box = page.evaluate(f"(() => {{ const r = {ACTIVE}.getBoundingClientRect(); return [r.width, r.height]; }})()")
    assert box[0] > 20 and box[1] > 10, f"the skip link stays hidden when focused: {box}"
    assert_ringed(page, "skip link")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate(f"document.getElementById('main').contains({ACTIVE})")

    tab_to(page, "el.matches('.step-nav a')")
    assert_ringed(page, "step link")
    tab_to(page, "el.matches('.entry-table .cell-input')")
    assert_ringed(page, "table cell")
    tab_to(page, "el.matches('button.btn')")
    assert_ringed(page, "button")


def test_new_findings_are_announced_and_the_page_stays_clean(page, live_server, complete_report):
    report, editor = complete_report
    natural = report_data(report).cells["apply.new.natural"]
    log_in(page, live_server, editor)
    page.goto(f"{live_server.url}/reports/{report.agency.code}/{report.year}/steps/apply/")
    announcer = page.locator("#live-announce")
    assert announcer.get_attribute("aria-live") == "polite"
    assert announcer.inner_text() == ""

    # One more new application breaks the balance of the 自然人 column: the finding is read out.
    page.fill("#f-apply-new-natural", str(natural + 1))
    page.press("#f-apply-new-natural", "Tab")
    wait_for_true(page, "document.getElementById('live-announce').textContent.includes('新的校验提示')")
    said = announcer.text_content()
    assert "第一项加第二项之和" in said and "自然人" in said
    assert page.get_attribute("#f-apply-new-natural", "aria-invalid") == "true"

    found = []
    for size, viewport in VIEWPORTS.items():
        page.set_viewport_size(viewport)
        found += [describe(f"apply step with findings at {size}", v) for v in violations(page)]
    assert not found, "\n".join(found)
    assert json.loads(page.get_attribute("#live-state", "data-state"))["findings"]
