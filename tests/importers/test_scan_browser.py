"""The scan's progress bar in Debian's Chromium, at desktop and phone widths."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from agencies.models import Role
from reports.importers.models import ScanImport, ScanStatus
from tests.conftest import wait_for_true
from tests.factories import PASSWORD, MembershipFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path(os.environ.get("NIANBAO_SCREENSHOTS", "/tmp/nianbao-screens"))


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "zh-CN"}


@pytest.mark.parametrize("size", [(1280, 800), (390, 844)])
def test_the_upload_page_follows_the_recognition_of_a_scan(page, live_server, tmp_path, size):
    membership = MembershipFactory(role=Role.EDITOR)
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", membership.user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    agency = membership.agency
    page.goto(f"{live_server.url}/reports/{agency.code}/2022/import/")
    assert "每页约需一分钟" in page.content()
    scan_file = tmp_path / "scan.png"
    scan_file.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    page.set_input_files("input[type=file]", str(scan_file))
    page.click("button:has-text('读取文件')")
    page.locator("#scan-progress-bar").wait_for()
    scan = ScanImport.objects.get()
    ScanImport.objects.filter(pk=scan.pk).update(status=ScanStatus.RUNNING, done=1, total=3)
    wait_for_true(page, "document.getElementById('scan-progress-bar').value === 1")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"scan-progress-{size[0]}.png"), full_page=True)
    ScanImport.objects.filter(pk=scan.pk).update(status=ScanStatus.FAILED, error="扫描页面上未识别出任何文字。")
    page.wait_for_url(f"**/import/scan/{scan.pk}/")
    page.get_by_text("扫描页面上未识别出任何文字。").wait_for()
