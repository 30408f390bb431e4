"""A restored database whose versions count up again never meets files cached from another history."""
import pytest

from reports.exports.service import report_export
from reports.services import report_write
from tests.factories import ReportFactory

pytestmark = pytest.mark.django_db


def test_same_version_with_other_content_is_rendered_anew():
    report = ReportFactory(agency__name="甲局")
    report_write(report=report, texts={"text.other": "第一份内容"})
    first = report_export(report, "html").content.decode()
    assert "第一份内容" in first
    # As after a restore: the same version number, different content, a later save.
    report.agency.name = "乙局"
    report.agency.save()
    report.refresh_from_db()
    second = report_export(report, "html").content.decode()
    assert "乙局" in second and "甲局" not in second
