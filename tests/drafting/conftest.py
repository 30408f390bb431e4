import json
from datetime import date
from pathlib import Path

import pytest

from agencies.models import Role
from reports.interchange import from_json
from reports.services import report_replace_content
from tests.factories import PASSWORD, AgencyFactory, MembershipFactory, ReportFactory

EXAMPLE = Path(__file__).resolve().parents[2] / "reports" / "demo" / "examples" / "gulou-xinfang-2021.json"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots" / "drafting"


@pytest.fixture
def agency(db):
    return AgencyFactory()


@pytest.fixture
def editor(agency):
    return MembershipFactory(agency=agency, role=Role.EDITOR).user


@pytest.fixture
def report(agency):
    return ReportFactory(agency=agency, year=2024)


@pytest.fixture
def editor_client(client, editor):
    client.login(username=editor.username, password=PASSWORD)
    return client


def step_url(report, slug: str, suffix: str = "") -> str:
    return f"/reports/{report.agency.code}/{report.year}/steps/{slug}/{suffix}"


def hub_url(report) -> str:
    return f"/reports/{report.agency.code}/{report.year}/"


@pytest.fixture
def browser_context_args(browser_context_args):
    """People here browse in Chinese; the page follows the browser's language."""
    return {**browser_context_args, "locale": "zh-CN", "viewport": {"width": 1280, "height": 800}}


@pytest.fixture
def complete_report():
    """A report whose content (a real 2021 report) passes every error rule, with an editor of its agency."""
    agency = AgencyFactory()
    editor = MembershipFactory(agency=agency, role=Role.EDITOR, user__first_name="李明").user
    report = ReportFactory(agency=agency, year=2022)
    data, problems = from_json(json.loads(EXAMPLE.read_text()))
    assert not problems
    data.agency, data.title = agency.name, ""
    data.signed_on = date(2023, 1, 20)  # the example has no signature block; submission needs the date
    report_replace_content(report=report, data=data)
    return report, editor


def log_in(page, live_server, user):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
