import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from agencies.models import Agency, Membership
from reports.models import Report, ReportChange, ReportStatus, ReportText, ReportValue
from reports.selectors import check_report
from reports.services import report_data
from review.models import Action, ReportEvent

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        list(Agency.objects.values_list("code", "path").order_by("code")),
        list(get_user_model().objects.values_list("username", "password").order_by("username")),
        Membership.objects.count(),
        list(Report.objects.values_list("agency__code", "year", "status", "version").order_by("agency__code", "year")),
        ReportValue.objects.count(),
        ReportText.objects.count(),
        ReportChange.objects.count(),
    )


def test_loaddemo_twice_changes_nothing():
    call_command("loaddemo", stdout=None)
    first = snapshot()
    call_command("loaddemo")
    assert snapshot() == first


def test_demo_region_content():
    call_command("loaddemo")
    government = Agency.objects.get(code="gulou")
    below = government.descendants(include_self=False)
    assert below.count() >= 7
    assert below.filter(name__contains="信访局").exists()
    xinfang = Agency.objects.get(code="gulou-xinfang")
    years = dict(Report.objects.filter(agency=xinfang).values_list("year", "status"))
    assert all(years[y] == ReportStatus.PUBLISHED for y in range(2020, 2026))
    assert years[2026] == ReportStatus.DRAFT
    assert Report.objects.get(agency=xinfang, year=2020).format_id == "gov-2019"
    statuses = set(Report.objects.filter(year=2026).values_list("status", flat=True))
    assert {ReportStatus.DRAFT, ReportStatus.SUBMITTED} <= statuses
    returned = ReportEvent.objects.get(action=Action.RETURN)
    assert returned.report.status == ReportStatus.DRAFT and returned.comment
    # The real example reports are kept with their values.
    example = report_data(Report.objects.get(agency__code="xigong-shequ", year=2021))
    assert len(example.cells) == 200 and set(example.cells.values()) <= {0}
    for username in ("editor", "editor2", "approver", "overseer", "admin", "editor3", "editor4"):
        assert get_user_model().objects.get(username=username).check_password("nianbao-demo")


def test_demo_history_carries_over_between_years():
    call_command("loaddemo")
    for agency in Agency.objects.filter(code__startswith="gulou-"):
        reports = {r.year: report_data(r) for r in Report.objects.filter(agency=agency, year__lte=2025)}
        for year in range(2021, 2026):
            if year in reports and year - 1 in reports:
                assert reports[year].cells["apply.carried_in.total"] == reports[year - 1].cells[
                    "apply.carried_over.total"]


def test_published_demo_reports_pass_the_cross_checks():
    """Generated history is clean; only the two real reports keep the defects they were published with."""
    call_command("loaddemo")
    real = {("gulou-xinfang", 2021), ("xigong-shequ", 2021)}
    for report in Report.objects.filter(status=ReportStatus.PUBLISHED).select_related("agency"):
        findings = [f for f in check_report(report, stage="submit") if f.severity in ("error", "warning")]
        if (report.agency.code, report.year) in real:
            continue
        assert not findings, (report.agency.code, report.year, [f.message for f in findings])
