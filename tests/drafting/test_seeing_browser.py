"""Seeing a step in Chromium: the table's header in sight, a compact findings dock, help from the format,
last year beside this year, phones and tablets, print."""
import itertools
from pathlib import Path

import pytest

from reports.formats import GOV_2021
from reports.services import report_write
from tests.drafting.conftest import log_in
from tests.drafting.test_pages import SLUGS
from tests.factories import ReportFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/shots-issue-14b")


def cell(key: str) -> str:
    return "#f-" + key.replace(".", "-")


def steps_base(live_server, report) -> str:
    return f"{live_server.url}/reports/{report.agency.code}/{report.year}"


def with_last_year(report):
    last = ReportFactory(agency=report.agency, year=report.year - 1)
    report_write(report=last, cells={"apply.new.natural": 5, "apply.new.business": 2, "appeal.review.upheld": 1},
                 texts={"text.problems": "一是政策解读形式较为单一。\n\n二是答复规范性有待提高。"})
    return last


def test_the_header_of_a_long_table_stays_in_sight(page, live_server, complete_report):
    report, editor = complete_report
    log_in(page, live_server, editor)
    page.goto(f"{steps_base(live_server, report)}/steps/apply/")
    wrap = page.locator(".entry-table-wrap")
    box = wrap.bounding_box()
    assert box["height"] <= 800, "the table scrolls inside a box that fits the screen"
    wrap.evaluate("el => { el.scrollTop = 500; }")
    assert wrap.evaluate("el => el.scrollTop") > 0, "the table is longer than its box"
    header = page.locator(".entry-table thead th", has_text="商业企业")
    top = header.bounding_box()["y"]
    assert box["y"] <= top <= box["y"] + 120, "the column headers stay at the top of the box"
    # The same for 表四.
    page.goto(f"{steps_base(live_server, report)}/steps/appeal/")
    assert page.evaluate("getComputedStyle(document.querySelector('.entry-table thead')).position") == "sticky"


def test_the_findings_dock_takes_at_most_fifteen_percent_of_the_screen(page, live_server, complete_report):
    report, editor = complete_report
    # Break the balance of several columns: many findings.
    report_write(report=report, cells={f"apply.new.{c}": 99 for c in ("natural", "business", "research", "legal")})
    log_in(page, live_server, editor)
    page.goto(f"{steps_base(live_server, report)}/steps/apply/", wait_until="networkidle")
    dock = page.locator(".live-dock")
    assert page.locator("#live-panel .finding").count() >= 4
    assert dock.bounding_box()["height"] <= 0.15 * 800 + 1
    assert "项" in page.locator(".findings-card .card-header").inner_text(), "the count stays in sight"
    toggle = page.locator(".dock-toggle")
    assert toggle.get_attribute("aria-expanded") == "false"
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert dock.bounding_box()["height"] > 0.15 * 800 + 1
    toggle.click()
    assert dock.bounding_box()["height"] <= 0.15 * 800 + 1


def test_rows_and_columns_explain_themselves_from_the_format(page, live_server, complete_report):
    report, editor = complete_report
    log_in(page, live_server, editor)
    page.goto(f"{steps_base(live_server, report)}/steps/apply/")
    table = GOV_2021.table("apply")
    row_help = page.locator("tbody th", has_text="1.属于国家秘密").locator(".help-btn")
    row_help.click()
    note = page.locator("#help-note")
    assert table.row_note("denied.secret").meaning in note.inner_text()
    assert "第十四条" in note.inner_text()
    page.keyboard.press("Escape")
    assert note.count() == 0
    page.locator("thead th", has_text="法律服务机构").locator(".help-btn").click()
    assert table.column_note("legal").meaning in note.inner_text()
    # On a cell, Alt+H tells its row and its column.
    page.locator(cell("apply.partial.natural")).focus()
    page.keyboard.press("Alt+h")
    text = note.inner_text()
    assert "第三十七条" in text and table.column_note("natural").meaning in text
    # Every row of the table has its help.
    rows = {f.row for f in table.fields}
    assert page.locator("tbody .help-btn").count() == len(rows)
    # 表四 too: its rows and its result columns.
    page.goto(f"{steps_base(live_server, report)}/steps/appeal/")
    page.locator("thead th", has_text="尚未审结").locator(".help-btn").click()
    assert "尚未审结" in page.locator("#help-note").inner_text()


def test_the_guide_is_generated_from_the_format(page, live_server, complete_report):
    report, editor = complete_report
    log_in(page, live_server, editor)
    page.goto(f"{steps_base(live_server, report)}/steps/apply/")
    href = page.locator("a", has_text="填报说明").get_attribute("href")
    page.goto(live_server.url + href)
    text = page.locator("main").inner_text()
    for section in GOV_2021.sections:
        assert section.heading in text
    for table in GOV_2021.tables:
        for _, note in table.row_notes + table.column_notes:
            assert note.meaning in text
            assert note.article in text
    for t in GOV_2021.text_fields:
        assert t.guidance in text
    assert page.evaluate("location.hash") == "#section-apply"


def test_last_year_beside_every_cell_and_text(page, live_server, complete_report):
    report, editor = complete_report
    with_last_year(report)
    report_write(report=report, cells={"apply.new.natural": 8, "apply.new.business": 2},
                 texts={"text.problems": "一是政策解读形式较为单一。\n\n二是网站栏目更新不及时。"})
    log_in(page, live_server, editor)
    page.goto(f"{steps_base(live_server, report)}/steps/apply/")
    toggle = page.locator("#compare-toggle")
    assert "2021" in toggle.inner_text()
    assert page.locator(".last-year-value").count() == 0
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "true"
    beside = page.locator(cell("apply.new.natural") + " ~ .last-year-value")
    assert beside.inner_text() == "2021年 5 · +3"
    assert page.locator(cell("apply.new.business") + " ~ .last-year-value").inner_text() == "2021年 2 · 未变"
    assert page.locator(".last-year-value").count() == len(GOV_2021.table("apply").fields)
    # The change follows what is typed.
    page.fill(cell("apply.new.natural"), "4")
    assert beside.inner_text() == "2021年 5 · −1"
    # The choice is kept from step to step; a narrative shows last year's text and what moved.
    page.goto(f"{steps_base(live_server, report)}/steps/problems/")
    old = page.locator(".last-year-text")
    assert "2021年" in old.inner_text()
    assert old.locator("p.kept").inner_text() == "一是政策解读形式较为单一。"
    assert old.locator("p.changed").inner_text() == "二是答复规范性有待提高。"
    toggle = page.locator("#compare-toggle")
    toggle.click()
    assert old.count() == 0


def test_without_last_years_report_the_toggle_says_so(page, live_server, complete_report):
    report, editor = complete_report
    log_in(page, live_server, editor)
    page.goto(f"{steps_base(live_server, report)}/steps/apply/")
    toggle = page.locator("#compare-toggle")
    assert toggle.is_disabled()
    assert "没有2021年的报告" in toggle.inner_text()


def test_on_a_phone_the_table_scrolls_in_its_own_box(page, live_server, complete_report):
    report, editor = complete_report
    empty = ReportFactory(agency=report.agency, year=report.year + 1)  # blank cells, findings, 空白填0
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server, editor)
    for shown, slug in itertools.product((report, empty), SLUGS):
        page.goto(f"{steps_base(live_server, shown)}/steps/{slug}/", wait_until="networkidle")
        width = page.evaluate("document.scrollingElement.scrollWidth")
        assert width <= page.evaluate("innerWidth"), f"{shown.year} {slug} scrolls sideways: {width}"
        if slug in ("apply", "appeal"):
            wrap = page.locator(".entry-table-wrap")
            assert wrap.evaluate("el => el.scrollWidth > el.clientWidth"), "the table scrolls inside its box"


def test_narratives_are_comfortable_on_a_tablet(page, live_server, complete_report):
    report, editor = complete_report
    page.set_viewport_size({"width": 820, "height": 1180})
    log_in(page, live_server, editor)
    page.goto(f"{steps_base(live_server, report)}/steps/problems/")
    box = page.locator("#f-text-problems")
    assert float(box.evaluate("el => parseFloat(getComputedStyle(el).fontSize)")) >= 16, "no zoom on focus"
    assert box.bounding_box()["width"] >= 0.8 * 820 - 100
    assert page.locator("button[value=next]").bounding_box()["height"] >= 44, "a finger hits the buttons"
    before = box.bounding_box()["height"]
    box.fill("很长的一段文字。\n" * 40)
    assert box.bounding_box()["height"] > before, "the box grows with the text instead of scrolling inside"
    assert box.evaluate("el => el.scrollHeight <= el.clientHeight + 2")
    # Texts already written show whole when the page opens: no scrolling inside a small box.
    page.goto(f"{steps_base(live_server, report)}/steps/overview/", wait_until="load")
    clipped = page.evaluate("""[...document.querySelectorAll('.text-field textarea')]
        .filter(el => el.scrollHeight > el.clientHeight + 2).map(el => el.id)""")
    assert clipped == []


def test_printing_a_step_or_the_preview_prints_the_content_only(page, live_server, complete_report):
    report, editor = complete_report
    log_in(page, live_server, editor)
    page.goto(f"{steps_base(live_server, report)}/steps/apply/")
    page.emulate_media(media="print")
    for hidden in (".navbar", ".step-nav", ".step-actions", ".live-dock", ".view-tools"):
        assert not page.locator(hidden).first.is_visible(), hidden
    assert page.locator("#step-title").is_visible()
    wrap = page.locator(".entry-table-wrap")
    assert wrap.evaluate("el => getComputedStyle(el).overflowY") == "visible"
    assert wrap.evaluate("el => el.scrollHeight <= el.clientHeight + 1"), "the whole table prints"
    assert page.locator(".entry-table").bounding_box()["width"] >= 600, "the table takes the page's width"
    page.goto(f"{steps_base(live_server, report)}/steps/problems/")
    area = page.locator("#f-text-problems")
    assert area.evaluate("el => el.scrollHeight <= el.clientHeight + 2"), "the whole text prints"
    page.goto(f"{steps_base(live_server, report)}/steps/check/")
    assert not page.locator(".step-nav").is_visible()
    assert page.locator("h1").is_visible()
    page.goto(f"{steps_base(live_server, report)}/export/preview/")
    assert not page.locator(".navbar").is_visible()
    assert not page.locator(".preview-tools").first.is_visible()
    assert page.locator(".preview-paper").is_visible()
    page.emulate_media(media="screen")
    assert page.locator(".navbar").is_visible()


@pytest.mark.parametrize("width,height", [(1280, 800), (390, 844)])
def test_screenshots_of_every_step(page, live_server, complete_report, width, height):
    report, editor = complete_report
    with_last_year(report)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": width, "height": height})
    log_in(page, live_server, editor)
    for i, slug in enumerate(SLUGS, 1):
        page.goto(f"{steps_base(live_server, report)}/steps/{slug}/", wait_until="networkidle")
        page.screenshot(path=SHOTS / f"{width}-{i}-{slug}.png")
        if slug == "apply":
            page.locator(".entry-table-wrap").evaluate("el => { el.scrollTop = 400; el.scrollLeft = 200; }")
            page.screenshot(path=SHOTS / f"{width}-{i}-{slug}-scrolled.png")
        if page.locator("#compare-toggle:not([disabled])").count():
            page.locator("#compare-toggle").click()
            page.screenshot(path=SHOTS / f"{width}-{i}-{slug}-compare.png")
            page.locator("#compare-toggle").click()
    page.goto(f"{live_server.url}/reports/guide/{report.format_id}/")
    page.screenshot(path=SHOTS / f"{width}-guide.png", full_page=True)
