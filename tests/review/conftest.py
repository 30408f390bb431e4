"""A small region for the review tests: two governments, an agency in each, a person per role."""
from __future__ import annotations

from dataclasses import dataclass

import pytest

from agencies.models import Role
from reports.models import ReportStatus
from reports.services import report_set_status, report_write
from tests.factories import AgencyFactory, GovernmentFactory, MembershipFactory, ReportFactory, UserFactory

SECRET = "草稿机密内容-7f3a9c"


@dataclass(frozen=True)
class FakeFinding:
    rule: str
    severity: str
    message: str = "检查提示"
    cells: tuple = ()
    texts: tuple = ()


class Findings:
    """What the cross-checks answer in a test: set `.current` to a list of FakeFinding."""

    def __init__(self):
        self.current: list[FakeFinding] = []

    def __call__(self, report, *, stage):
        return list(self.current)


@pytest.fixture(autouse=True)
def findings(monkeypatch):
    """The cross-checks are tested with the rules; here they say what each test needs."""
    fake = Findings()
    monkeypatch.setattr("reports.selectors.check_report", fake)
    return fake


@dataclass
class World:
    government: object
    agency: object
    other_government: object
    other_agency: object
    users: dict

    def user(self, name):
        return self.users[name]


def member(agency, role, username):
    return MembershipFactory(agency=agency, role=role, user=UserFactory(username=username)).user


@pytest.fixture
def world(db):
    government = GovernmentFactory(code="gulou")
    agency = AgencyFactory(parent=government, code="gulou-xinfang")
    other_government = GovernmentFactory(code="xigong")
    other_agency = AgencyFactory(parent=other_government, code="xigong-shequ")
    users = {
        "editor": member(agency, Role.EDITOR, "editor"),
        "editor2": member(agency, Role.EDITOR, "editor2"),
        "approver": member(agency, Role.APPROVER, "approver"),
        "approver2": member(agency, Role.APPROVER, "approver2"),
        "overseer": member(government, Role.OVERSEER, "overseer"),
        "editor_other": member(other_agency, Role.EDITOR, "editor_other"),
        "approver_other": member(other_agency, Role.APPROVER, "approver_other"),
        "overseer_other": member(other_government, Role.OVERSEER, "overseer_other"),
    }
    return World(government, agency, other_government, other_agency, users)


@pytest.fixture
def report(world):
    report = ReportFactory(agency=world.agency, year=2024)
    report_write(report=report, by=world.user("editor"), texts={"text.problems": SECRET})
    return report


def with_status(report, status: str):
    return report_set_status(report=report, status=status)


__all__ = ["SECRET", "FakeFinding", "ReportStatus", "with_status"]
