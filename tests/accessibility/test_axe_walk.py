"""No page that a role reaches breaks a WCAG 2.1 A or AA rule of axe-core, at 1280×800 and at 390×844.

The pages come from the authorization matrix (tests/review/test_authorization_matrix.py): every
named pattern of the URL configuration with its arguments filled by the matrix itself, so a page
added later is walked without anyone listing it. They are filled for the demo region's reports in
each state (being filled in, submitted, returned, published), and the wizard for every step of the
report's format. A URL is a page for a role when it answers that role 200 with HTML.

Each page is checked once, as the first role below that reaches it: the public first (public
pages as the public sees them), then the editor (the wizard as it is typed into), the editor of
the returned report, the approver, the overseer and an editor of another agency. One browser for
the session, one logged-in context per role.
"""
from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from reports.demo.load import PASSWORD
from reports.drafting.steps import steps_for
from reports.formats import get_format
from reports.models import Report
from tests.review.test_authorization_matrix import PATTERNS, urls_for

from .axe import VIEWPORTS, describe, violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROLES = ("anonymous", "editor", "editor4", "approver", "overseer", "editor2")
# (agency, year): being filled in, published, submitted, returned with comments.
REPORTS = (("gulou-xinfang", 2026), ("gulou-xinfang", 2025), ("gulou-fgw", 2026), ("gulou-rsj", 2026))


@pytest.fixture
def demo():
    call_command("loaddemo", stdout=None)


def matrix_urls() -> list[str]:
    urls: dict[str, None] = {}
    for code, year in REPORTS:
        report = Report.objects.select_related("agency__parent").get(agency__code=code, year=year)
        world = SimpleNamespace(government=report.agency.parent)
        for name, args in PATTERNS:
            urls.update(dict.fromkeys(url for url, _ in urls_for(world, report, name, args)))
        for step in steps_for(get_format(report.format_id)):
            urls[reverse("drafting:step", args=[code, year, step.slug])] = None
    return list(urls)


def pages_for(role: str, urls: list[str]) -> list[str]:
    client = Client()
    if role != "anonymous":
        client.force_login(get_user_model().objects.get(username=role))
    pages = []
    for url in urls:
        response = client.get(url)
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            pages.append(url)
    return pages


def log_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")


def test_every_page_of_every_role_passes_axe(browser, live_server, demo):
    base = live_server.url
    unchecked = matrix_urls()
    found, checked = [], {}
    for role in ROLES:
        pages = pages_for(role, unchecked)
        unchecked = [url for url in unchecked if url not in pages]
        checked[role] = pages
        context = browser.new_context(locale="zh-CN")
        page = context.new_page()
        if role != "anonymous":
            log_in(page, base, role)
        for size, viewport in VIEWPORTS.items():
            page.set_viewport_size(viewport)
            for url in pages:
                response = page.goto(base + url)
                assert response.status == 200, f"{url} as {role}: {response.status}"
                found += [describe(f"{url} as {role} at {size}", v) for v in violations(page)]
        context.close()
    # The walk must reach the pages the issue measured, or a passing walk proves little.
    walked = {url for pages in checked.values() for url in pages}
    print("\n".join(f"axe walk, as {role}: {' '.join(pages)}" for role, pages in checked.items()))
    assert {"/public/", "/public/gulou/statistics/", "/public/gulou/gulou-xinfang/2025/", "/accounts/login/",
            "/reports/gulou-xinfang/2026/steps/apply/", "/review/gulou-fgw/2026/"} <= walked
    assert len(checked["anonymous"]) >= 10 and len(checked["editor"]) >= 20
    assert not found, "\n".join(found)
