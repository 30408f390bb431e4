"""axe-core finds no violation of the WCAG 2.1 A and AA rules on any page a role reaches, at desktop and phone size.

The pages are those of the authorization matrix: every named pattern of the URL configuration, with
its arguments filled by the matrix itself, so a page added later is walked without anyone listing it.
They are filled for the demo region's reports in each state (being filled in, submitted, returned,
published) and, for the wizard, for every step of the report's format. Each role keeps one logged-in
browser context for the whole walk; a URL counts as a page for a role when it answers that role 200
with HTML.
"""
from __future__ import annotations

from types import SimpleNamespace

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from reports.demo.load import PASSWORD
from reports.drafting.steps import steps_for
from reports.formats import get_format
from reports.models import Report
from tests.review.test_authorization_matrix import PATTERNS, urls_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
              "resultTypes": ["violations"]}
VIEWPORTS = {"1280x800": {"width": 1280, "height": 800}, "390x844": {"width": 390, "height": 844}}
# The matrix's roles in the demo region: the agency's editor and approver, the government's overseer,
# an editor of another agency, and the public; editor4's report was returned with comments.
ROLES = ("anonymous", "editor", "approver", "overseer", "editor2", "editor4")
# (agency, year) of the demo's reports in each state.
REPORTS = (("gulou-xinfang", 2026), ("gulou-xinfang", 2025), ("gulou-fgw", 2026), ("gulou-rsj", 2026))

axe = Axe()


@pytest.fixture
def demo():
    call_command("loaddemo", stdout=None)


def candidate_urls() -> list[str]:
    urls = {}
    for code, year in REPORTS:
        report = Report.objects.select_related("agency__parent").get(agency__code=code, year=year)
        world = SimpleNamespace(government=report.agency.parent)
        for name, args in PATTERNS:
            urls.update(dict.fromkeys(url for url, _ in urls_for(world, report, name, args)))
        for step in steps_for(get_format(report.format_id)):
            urls[reverse("drafting:step", args=[code, year, step.slug])] = None
    return list(urls)


def pages_of(role: str, urls: list[str]) -> list[str]:
    client = Client()
    if role != "anonymous":
        client.force_login(get_user_model().objects.get(username=role))
    pages = []
    for url in urls:
        response = client.get(url)
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            pages.append(url)
    return pages


def describe(url: str, size: str, violation: dict) -> str:
    nodes = "; ".join(" ".join(node["target"]) + f" ({node.get('failureSummary', '').splitlines()[-1].strip()})"
                      for node in violation["nodes"][:3])
    more = f" and {len(violation['nodes']) - 3} more" if len(violation["nodes"]) > 3 else ""
    return f"{url} at {size}: {violation['id']} — {nodes}{more}"


def log_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")


def test_every_page_of_every_role_passes_axe(browser, live_server, demo):
    urls = candidate_urls()
    found, walked = [], {}
    for role in ROLES:
        pages = pages_of(role, urls)
        walked[role] = pages
        context = browser.new_context(locale="zh-CN")
        page = context.new_page()
        if role != "anonymous":
            log_in(page, live_server.url, role)
        for size, viewport in VIEWPORTS.items():
            page.set_viewport_size(viewport)
            for url in pages:
                response = page.goto(live_server.url + url)
                assert response.status == 200, f"{url} as {role}: {response.status}"
                results = axe.run(page, options=WCAG_21_AA)
                found += [f"{role}: " + describe(url, size, v) for v in results.response["violations"]]
        context.close()
    print({role: len(pages) for role, pages in walked.items()})
    assert not found, "\n".join(found)
