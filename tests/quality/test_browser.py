"""The 政务公开办 audits files in Debian's Chromium, on a desktop and on a phone."""
from __future__ import annotations

import pytest

from quality.models import AuditRun, RunStatus
from tests.conftest import wait_for_true
from tests.factories import PASSWORD

from .corpus import EXPECTED, write_corpus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server, username):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")


@pytest.mark.parametrize("width,height", [(1280, 800), (390, 844)])
def test_upload_files_see_the_findings_and_drill_down(page, live_server, published_region, tmp_path, settings,
                                                      width, height):
    settings.MEDIA_ROOT = tmp_path / "media"
    page.set_viewport_size({"width": width, "height": height})
    folder = tmp_path / "files"
    write_corpus(folder)
    log_in(page, live_server, "q-overseer")
    page.goto(f"{live_server.url}/review/dashboard/ceshi/2024/")
    page.click("#dashboard-links >> text=年报质量检查")
    assert page.locator("#audit-rows tbody tr").count() == 4  # the 2024 reports stored
    page.click("text=检查已发布的文件")
    page.set_input_files("input[type=file]", [str(folder / "totals-2024.docx"), str(folder / "nofee-2024.txt")])
    page.click("#audit-upload button[type=submit]")
    page.locator("#audit-rows").wait_for()
    assert "APPLY-ROW-SUM" in page.locator("#audit-rows").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # the page never scrolls sideways
    page.click("#audit-rows >> text=totals-2024.docx")
    findings = page.locator("#findings").inner_text()
    assert all(rule in findings for rule in EXPECTED["totals-2024.docx"])
    page.screenshot(path=str(tmp_path / f"report-{width}.png"), full_page=True)


def test_the_progress_bar_follows_a_background_audit(page, live_server, published_region):
    run = AuditRun.objects.create(region=published_region, year=2024, total=5, done=1, status=RunStatus.RUNNING)
    log_in(page, live_server, "q-overseer")
    page.goto(f"{live_server.url}/quality/ceshi/2024/files/{run.pk}/")
    assert page.locator("#audit-progress-bar").get_attribute("value") == "1"
    AuditRun.objects.filter(pk=run.pk).update(done=4)
    wait_for_true(page, "document.getElementById('audit-progress-bar').value === 4")
    AuditRun.objects.filter(pk=run.pk).update(done=5, total=5, status=RunStatus.DONE)
    page.locator("a:has-text('查看结果')").wait_for()
