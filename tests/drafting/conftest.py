import pytest

from agencies.models import Role
from tests.factories import PASSWORD, AgencyFactory, MembershipFactory, ReportFactory


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
