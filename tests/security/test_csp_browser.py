"""In Debian's Chromium, no page of the app breaks its own Content-Security-Policy.

Chromium reports every refused script, style or image on the console; the pages below cover the
editor's wizard (with a live check), exports, review, the dashboard, the public pages and charts,
and the admin.
"""
import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "nianbao-demo"


@pytest.fixture
def demo():
    call_command("loaddemo", stdout=None)


class Violations:
    def __init__(self, page):
        self.page = page
        self.found: list[str] = []
        page.on("console", self._console)

    def _console(self, message):
        if "Content Security Policy" in message.text:
            self.found.append(f"{self.page.url}: {message.text}")


def log_in(page, base, username):
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")


def visit(page, url):
    response = page.goto(url)
    assert response.status == 200, url
    page.wait_for_load_state("networkidle")


def test_no_page_violates_the_policy(page, live_server, demo):
    base = live_server.url
    violations = Violations(page)

    visit(page, f"{base}/accounts/login/")
    for url in ("/public/", "/public/gulou/", "/public/gulou/statistics/", "/public/gulou/gulou-xinfang/2025/"):
        visit(page, base + url)

    log_in(page, base, "editor")
    hub = f"{base}/reports/gulou-xinfang/2026/"
    visit(page, hub)
    steps = sorted({a.get_attribute("href") for a in page.locator("a[href*='/steps/']").all()})
    assert len(steps) >= 5
    for href in steps:
        visit(page, base + href if href.startswith("/") else href)
    visit(page, base + steps[0] if steps[0].startswith("/") else steps[0])
    field = page.locator("form input[type=text], form input:not([type]), form textarea").first
    with page.expect_response(lambda r: "/live/" in r.url):
        field.fill("12")
    visit(page, f"{hub}export/preview/")

    log_in(page, base, "overseer")
    visit(page, f"{base}/review/")
    visit(page, f"{base}/review/dashboard/gulou/2026/")

    log_in(page, base, "admin")
    visit(page, f"{base}/admin/")
    visit(page, f"{base}/admin/reports/report/")

    assert violations.found == []


def test_the_check_sees_a_violation(page, live_server, demo):
    """An inline script must be reported, or the test above proves nothing."""
    violations = Violations(page)
    visit(page, f"{live_server.url}/accounts/login/")
    page.evaluate("""() => {
        const s = document.createElement('script');
        s.textContent = 'window.ran = 1';
        document.body.appendChild(s);
    }""")
    page.wait_for_timeout(200)
    assert violations.found
    assert page.evaluate("() => window.ran") is None
