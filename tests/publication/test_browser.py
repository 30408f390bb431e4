"""The public pages in Debian's Chromium: from the region to a report, and the batch export's progress bar."""
from __future__ import annotations

import pytest
from django.test import override_settings

from publication.models import BatchExport, ExportStatus
from tests.conftest import wait_for_true

from .conftest import UNPUBLISHED, YEAR

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def test_from_the_portal_to_a_published_report(page, live_server, region):
    page.goto(f"{live_server.url}/public/")
    page.click("text=测试区人民政府")
    page.click(f"a.btn:has-text('{YEAR}')")
    report = region.published[0]
    page.click(f"a:has-text('{report.display_title}')")
    page.wait_for_url(f"**/public/testqu/{report.agency.code}/{YEAR}/")
    assert page.locator("article.nb-doc table").count() == 3
    assert page.locator("h1.nb-title").inner_text().replace("\n", "") == report.display_title
    assert page.locator("td[data-key='apply.new.natural']").inner_text().strip().isdigit()
    assert page.locator(".nb-watermark").count() == 0
    assert UNPUBLISHED not in page.content()
    with page.expect_download() as download:
        page.click("a:has-text('PDF')")
    assert download.value.suggested_filename == f"{report.display_title}.pdf"


def test_statistics_show_charts_beside_their_tables(page, live_server, region):
    page.goto(f"{live_server.url}/public/testqu/statistics/")
    images = page.locator("figure.nb-chart img")
    assert images.count() == 4
    wait_for_true(page, "[...document.querySelectorAll('figure.nb-chart img')].every(i => i.naturalWidth > 0)")
    assert page.locator("figure.nb-chart table").count() == 4


def test_the_progress_bar_follows_the_export(page, live_server, region):
    export = BatchExport.objects.create(region=region.government, year=YEAR, fingerprint="running", total=7, done=2,
                                        status=ExportStatus.RUNNING)
    page.goto(f"{live_server.url}/public/testqu/{YEAR}/export/{export.pk}/")
    bar = page.locator("#batch-progress-bar")
    assert bar.get_attribute("value") == "2" and bar.get_attribute("max") == "7"
    BatchExport.objects.filter(pk=export.pk).update(done=5)
    wait_for_true(page, "document.getElementById('batch-progress-bar').value === 5")
    BatchExport.objects.filter(pk=export.pk).update(done=7, status=ExportStatus.DONE)
    page.locator("a:has-text('下载 ZIP 压缩包')").wait_for()


def test_asking_for_the_zip_builds_it(page, live_server, region, settings):
    settings.BATCH_EXPORT_WORKERS = 1
    with override_settings(TASKS=IMMEDIATE):
        page.goto(f"{live_server.url}/public/testqu/{YEAR}/")
        page.click("button:has-text('生成全部报告的压缩包')")
        link = page.locator("a:has-text('下载 ZIP 压缩包')")
        link.wait_for()
    assert page.locator("#batch-progress-bar").get_attribute("value") == "7"
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == f"testqu-{YEAR}.zip"


def test_a_report_and_its_region_reflow_on_a_phone(page, live_server, region):
    """390 px: no sideways scrolling of the page; readable body text; each table scrolls in its own box."""
    page.set_viewport_size({"width": 390, "height": 844})
    report = region.published[0]
    page.goto(f"{live_server.url}/public/testqu/{report.agency.code}/{YEAR}/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    body = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.nb-doc p')).fontSize)")
    assert 16 <= body <= 20
    boxes = page.locator(".nb-table-box")
    assert boxes.count() == 3
    widths = boxes.evaluate_all("bs => bs.map(b => [b.clientWidth, b.scrollWidth, getComputedStyle(b).overflowX])")
    assert all(client <= 390 and overflow == "auto" for client, _scroll, overflow in widths)
    assert any(scroll > client for client, scroll, _overflow in widths)  # 表三 is wider than a phone
    page.goto(f"{live_server.url}/public/testqu/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    name = page.locator(f"th[scope='row']:has-text('{report.agency.name}')")
    # The name breaks as words do: no column of one or two characters.
    assert name.evaluate("e => e.getBoundingClientRect().width") >= 130


def test_on_a_desktop_the_report_keeps_its_a4_page(page, live_server, region):
    page.set_viewport_size({"width": 1280, "height": 800})
    report = region.published[0]
    page.goto(f"{live_server.url}/public/testqu/{report.agency.code}/{YEAR}/")
    padding = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.nb-doc')).paddingLeft)")
    assert padding > 80  # 28 mm
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
