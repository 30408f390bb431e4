"""A region with reports in every status, and helpers to correct a published report."""
from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from reports.demo.generate import Profile, generate
from reports.interchange import to_json
from reports.models import Report, ReportStatus
from reports.services import (
    report_create,
    report_data,
    report_replace_content,
    report_set_status,
    report_write,
)
from review.models import ReportRevision
from tests.factories import AgencyFactory, GovernmentFactory

# Narrative that must never leave the project while its report is not public.
UNPUBLISHED = "UNPUBLISHED-NARRATIVE-7c1f"
YEAR = 2024


def store(agency, year: int, status: str, *, applications: int = 10, secret: bool = False) -> Report:
    data = generate(agency=agency.name, year=year, profile=Profile(applications=applications, licenses=20),
                    seed=agency.code, previous=None)
    if secret:
        data.texts["text.problems"] = UNPUBLISHED
    report = report_create(agency=agency, year=year)
    report_replace_content(report=report, data=data)
    return report_set_status(report=report, status=status)


@dataclass
class Region:
    government: object
    published: list = field(default_factory=list)
    hidden: dict = field(default_factory=dict)


@pytest.fixture
def region(db) -> Region:
    government = GovernmentFactory(code="testqu", name="测试区人民政府")
    world = Region(government)
    for i, applications in enumerate((5, 17, 40)):
        agency = AgencyFactory(parent=government, code=f"pub{i}", name=f"测试区公开{i}局")
        world.published.append(store(agency, YEAR, ReportStatus.PUBLISHED, applications=applications))
    for status in (ReportStatus.DRAFT, ReportStatus.SUBMITTED, ReportStatus.APPROVED):
        agency = AgencyFactory(parent=government, code=f"hidden-{status}", name=f"测试区{status}局")
        world.hidden[status] = store(agency, YEAR, status, secret=True)
    return world


def start_correction(report: Report, *, reason: str, new_text: str) -> ReportRevision:
    """What the review workflow does: keep the published content, reopen the report as a draft."""
    number = ReportRevision.objects.filter(report=report).count() + 1
    revision = ReportRevision.objects.create(
        report=report, number=number, reason=reason, previous=to_json(report_data(report)),
        previous_version=report.version,
    )
    report_set_status(report=report, status=ReportStatus.DRAFT)
    report_write(report=report, texts={"text.problems": new_text})
    return revision


def publish_correction(report: Report, revision: ReportRevision) -> None:
    from django.utils import timezone

    report.refresh_from_db()
    report_set_status(report=report, status=ReportStatus.PUBLISHED)
    ReportRevision.objects.filter(pk=revision.pk).update(
        published=to_json(report_data(report)), published_version=report.version, published_at=timezone.now()
    )


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # The public reads the portal in Chinese.
    return {**browser_context_args, "locale": "zh-CN", "viewport": {"width": 1280, "height": 900}}
