"""A region whose published reports carry known defects, and its people."""
from __future__ import annotations

import copy

import pytest

from agencies.models import Role
from reports.models import ReportStatus
from reports.services import report_set_status, report_write
from tests.factories import AgencyFactory, GovernmentFactory, MembershipFactory, ReportFactory, UserFactory

from .corpus import PLACE, defective_reports


def publish(agency, data):
    report = ReportFactory(agency=agency, year=data.year)
    report_write(report=report, cells=data.cells, texts=data.texts, signed_on=data.signed_on)
    return report_set_status(report=report, status=ReportStatus.PUBLISHED)


@pytest.fixture
def published_region(db):
    """The files of the corpus as published reports of one region (the 2023 one as last year's)."""
    region = GovernmentFactory(code="ceshi", name=PLACE + "人民政府")
    reports = defective_reports()
    region.expected = {}
    agencies = {}
    for name, data in reports.items():
        short = data.agency.removeprefix(PLACE)
        agency = agencies.get(short) or AgencyFactory(parent=region, name=data.agency, code=f"ceshi-{len(agencies)}")
        agencies[short] = agency
        publish(agency, copy.deepcopy(data))
        if data.year == 2024:
            region.expected[agency.code] = set(_stored_expectation(name))
    region.people = {
        "overseer": MembershipFactory(agency=region, role=Role.OVERSEER, user=UserFactory(username="q-overseer")).user,
        "editor": MembershipFactory(agency=agencies["甲局"], role=Role.EDITOR, user=UserFactory(username="q-editor")).user,
    }
    other = GovernmentFactory(code="other")
    region.people["overseer_other"] = MembershipFactory(agency=other, role=Role.OVERSEER,
                                                        user=UserFactory(username="q-overseer2")).user
    return region


def _stored_expectation(name):
    from .corpus import EXPECTED

    return EXPECTED[name]
