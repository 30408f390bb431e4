"""In Chromium: a public download refused past the export limits shows its page, in Chinese, not a file."""
from __future__ import annotations

import os

import pytest

from .conftest import YEAR

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("SHOTS_DIR")


@pytest.mark.parametrize("size", [(1280, 800), (390, 844)])
def test_a_refused_pdf_shows_the_reason_and_a_way_back(page, live_server, region, settings, size):
    settings.EXPORT_WALL_SECONDS = 0.001  # forced: nothing is made in a millisecond
    page.set_viewport_size({"width": size[0], "height": size[1]})
    report = region.published[0]
    page.goto(f"{live_server.url}/public/testqu/{report.agency.code}/{YEAR}/")
    page.click("a:has-text('PDF')")
    page.wait_for_url(f"**/public/testqu/{report.agency.code}/{YEAR}.pdf")
    alert = page.locator("[role=alert]")
    assert "导出本报告耗时过长" in alert.inner_text()
    assert page.locator("h1").inner_text() == "未能导出"
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/refused-{size[0]}x{size[1]}.png", full_page=True)
    page.click("a:has-text('返回报告')")
    page.wait_for_url(f"**/public/testqu/{report.agency.code}/{YEAR}/")
