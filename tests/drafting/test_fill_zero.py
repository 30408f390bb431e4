"""空白填0: one action fills every still-empty cell with 0, through the write service, in the history."""
import pytest

from agencies.models import Role
from reports.models import ReportChange, ReportStatus
from reports.services import report_data, report_set_status, report_write
from tests.drafting.conftest import step_url
from tests.factories import PASSWORD, MembershipFactory, ReportFactory

pytestmark = pytest.mark.django_db


def fill_zero_url(report) -> str:
    return f"/reports/{report.agency.code}/{report.year}/fill-zero/"


def inputs(report, slug):
    from reports.drafting.steps import step_for

    step = step_for(report.format, slug)
    return [k for k in step.input_keys if not report.format.field(k).computed]


def test_the_step_button_saves_what_was_typed_then_fills_the_rest_with_0(editor_client, editor, report):
    page = editor_client.get(step_url(report, "appeal")).content.decode()
    blanks = len(inputs(report, "appeal"))
    assert f"空白填0（{blanks}格）" in page
    response = editor_client.post(step_url(report, "appeal"), {
        "version": report.version, "appeal.review.corrected": "3", "action": "zero",
    }, follow=True)
    assert f"已将{blanks - 1}个空白格填为0" in response.content.decode()
    cells = report_data(report).cells
    assert cells["appeal.review.corrected"] == 3
    assert all(cells[k] == (3 if k == "appeal.review.corrected" else 0) for k in inputs(report, "appeal"))
    assert cells["appeal.review.total"] == 3  # totals recomputed
    assert not any(k.startswith("apply.") for k in cells)  # only this step's table
    zeroed = ReportChange.objects.filter(report=report, key="appeal.review.upheld").get()
    assert (zeroed.old, zeroed.new, zeroed.changed_by) == (None, "0", editor)
    assert "空白填0" not in editor_client.get(step_url(report, "appeal")).content.decode()


def test_cells_already_filled_or_offered_from_last_year_are_left_alone(editor_client, report, agency):
    last = ReportFactory(agency=agency, year=report.year - 1)
    report_write(report=last, cells={"active.normative.in_force": 30})
    report_write(report=report, cells={"active.rules.issued": 2})
    editor_client.post(step_url(report, "active"), {"version": report.version, "action": "zero"})
    cells = report_data(report).cells
    assert cells["active.rules.issued"] == 2
    assert cells["active.rules.repealed"] == 0
    assert "active.normative.in_force" not in cells  # the page shows last year's stock there: not empty


def test_the_check_step_fills_every_table_at_once(editor_client, report):
    page = editor_client.get(step_url(report, "check")).content.decode()
    assert "所有空白格填0" in page
    response = editor_client.post(fill_zero_url(report))
    assert response.status_code == 302 and response["Location"].endswith("/steps/check/")
    cells = report_data(report).cells
    for slug in ("active", "apply", "appeal"):
        assert all(cells.get(k) is not None for k in inputs(report, slug)), slug
    assert "所有空白格填0" not in editor_client.get(step_url(report, "check")).content.decode()


def test_only_editors_of_a_draft_may_fill_zeros(client, report, agency):
    approver = MembershipFactory(agency=agency, role=Role.APPROVER).user
    client.login(username=approver.username, password=PASSWORD)
    assert "所有空白格填0" not in client.get(step_url(report, "check")).content.decode()
    assert client.post(fill_zero_url(report)).status_code == 403
    assert client.post(step_url(report, "apply"), {"version": 0, "action": "zero"}).status_code == 403
    assert report_data(report).cells == {}


def test_a_submitted_report_gets_no_zeros(editor_client, report):
    report_set_status(report=report, status=ReportStatus.SUBMITTED)
    assert editor_client.post(fill_zero_url(report)).status_code == 403
    assert report_data(report).cells == {}


def test_the_dashboard_counts_follow_the_zeros(editor_client, report):
    editor_client.post(fill_zero_url(report))
    report.refresh_from_db()
    assert report.version > 1 and report.check_summary.version == report.version
