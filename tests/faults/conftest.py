from dataclasses import dataclass

import pytest

from agencies.models import Role
from reports.services import report_write
from review import services
from tests.factories import PASSWORD, AgencyFactory, MembershipFactory, ReportFactory, UserFactory


@pytest.fixture
def report(db):
    return ReportFactory(agency=AgencyFactory(), year=2024)


@pytest.fixture
def editor_client(client, report):
    editor = MembershipFactory(agency=report.agency, role=Role.EDITOR).user
    client.login(username=editor.username, password=PASSWORD)
    return client


@dataclass(frozen=True)
class Team:
    editor: object
    approver: object
    approver2: object


@pytest.fixture
def team(report) -> Team:
    def member(role, username):
        return MembershipFactory(agency=report.agency, role=role, user=UserFactory(username=username)).user

    return Team(member(Role.EDITOR, "editor"), member(Role.APPROVER, "approver_a"),
                member(Role.APPROVER, "approver_b"))


@pytest.fixture
def submitted(report, team, monkeypatch):
    """The report, submitted by its editor; the cross-checks find nothing (they are tested elsewhere)."""
    monkeypatch.setattr("reports.selectors.check_report", lambda report, *, stage: [])
    report_write(report=report, by=team.editor, texts={"text.problems": "无"})
    services.report_submit(report=report, by=team.editor)
    return report
