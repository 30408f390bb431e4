"""Two people on one step, locked reports, and who may see or change what."""
import pytest

from agencies.models import Role
from reports.models import ReportStatus
from reports.services import SaveOrigin, report_data, report_set_status, report_write
from tests.drafting.conftest import hub_url, step_url
from tests.factories import PASSWORD, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_later_save_over_someone_elses_change_shows_their_value_and_keeps_mine(editor_client, report, agency):
    other = MembershipFactory(agency=agency, role=Role.EDITOR, user__first_name="王芳").user
    loaded_version = report.version
    report_write(report=report, by=other, cells={"apply.new.natural": 7}, expected_version=loaded_version)

    response = editor_client.post(step_url(report, "apply"), {
        "version": loaded_version, "apply.new.natural": "5", "apply.new.business": "2",
    })
    assert response.status_code == 200
    page = response.content.decode()
    assert "他人修改了本步骤" in page
    assert "王芳" in page
    assert '<span class="their-value">7</span>' in page
    assert 'value="5"' in page  # my input stays in the form
    cells = report_data(report).cells
    assert cells["apply.new.natural"] == 7  # nothing overwritten silently
    assert cells["apply.new.business"] == 2  # the rest of my step is saved
    assert cells["apply.new.total"] == 9


def test_keeping_my_input_after_a_conflict_overwrites_deliberately(editor_client, report, agency):
    other = MembershipFactory(agency=agency, role=Role.EDITOR).user
    loaded_version = report.version
    report_write(report=report, by=other, cells={"apply.new.natural": 7}, expected_version=loaded_version)
    report.refresh_from_db()
    response = editor_client.post(step_url(report, "apply"), {
        "version": loaded_version, "overwrite_version": report.version, "apply.new.natural": "5",
    })
    assert response.status_code == 302
    assert report_data(report).cells["apply.new.natural"] == 5


def test_changes_elsewhere_do_not_conflict(editor_client, report, agency):
    other = MembershipFactory(agency=agency, role=Role.EDITOR).user
    loaded_version = report.version
    report_write(report=report, by=other, texts={"text.problems": "别人写的"}, expected_version=loaded_version)
    response = editor_client.post(step_url(report, "apply"), {"version": loaded_version, "apply.new.natural": "5"})
    assert response.status_code == 302
    data = report_data(report)
    assert data.cells["apply.new.natural"] == 5
    assert data.texts["text.problems"] == "别人写的"


def test_a_live_check_reports_the_conflict_too(editor_client, report, agency):
    other = MembershipFactory(agency=agency, role=Role.EDITOR).user
    loaded_version = report.version
    report_write(report=report, by=other, cells={"apply.new.natural": 7}, expected_version=loaded_version)
    response = editor_client.post(step_url(report, "apply", "live/"), {
        "version": loaded_version, "apply.new.natural": "5",
    })
    page = response.content.decode()
    assert "采用对方的值" in page
    assert f"&quot;version&quot;: {loaded_version}" in page  # the form keeps its version until resolved


def test_a_submitted_report_is_read_only_even_for_its_editor(editor_client, report):
    report_set_status(report=report, status=ReportStatus.SUBMITTED)
    page = editor_client.get(step_url(report, "apply")).content.decode()
    assert "只能查看" in page
    assert "hx-post" not in page
    assert editor_client.post(step_url(report, "apply"), {"version": 1, "apply.new.natural": "1"}).status_code == 403
    assert editor_client.post(step_url(report, "apply", "live/"), {"version": 1}).status_code == 403
    assert report_data(report).cells == {}


def test_an_approver_reads_the_steps_but_cannot_save(client, report, agency):
    approver = MembershipFactory(agency=agency, role=Role.APPROVER).user
    client.login(username=approver.username, password=PASSWORD)
    page = client.get(step_url(report, "apply")).content.decode()
    assert "readonly" in page and "hx-post" not in page and "保存并继续" not in page
    assert client.get(hub_url(report)).status_code == 200
    assert client.post(step_url(report, "apply"), {"version": 1, "apply.new.natural": "1"}).status_code == 403
    assert client.post(step_url(report, "apply", "paste/"), {"anchor": "apply.new.natural"}).status_code == 403


def test_an_editor_of_another_agency_gets_404(client, report):
    stranger = MembershipFactory(role=Role.EDITOR).user
    client.login(username=stranger.username, password=PASSWORD)
    assert client.get(hub_url(report)).status_code == 404
    assert client.get(step_url(report, "apply")).status_code == 404
    assert client.post(step_url(report, "apply"), {"version": 1}).status_code == 404
    assert client.post(f"/reports/{report.agency.code}/2025/start/").status_code == 404


def test_someone_without_any_role_gets_404(client, report):
    client.login(username=UserFactory().username, password=PASSWORD)
    assert client.get(step_url(report, "cover")).status_code == 404


def test_anonymous_people_are_sent_to_log_in(client, report):
    response = client.get(step_url(report, "apply"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.get(hub_url(report)).status_code == 302


def test_an_expired_session_gets_401_on_background_saves(client, report):
    assert client.post(step_url(report, "apply", "live/"), {"version": 1}).status_code == 401
    assert client.post(step_url(report, "apply", "paste/"), {"text": "1"}).status_code == 401


def test_posts_need_the_csrf_token(editor, report):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.login(username=editor.username, password=PASSWORD)
    assert strict.post(step_url(report, "apply"), {"version": 1, "apply.new.natural": "1"}).status_code == 403


def test_an_unknown_step_is_404(editor_client, report):
    assert editor_client.get(step_url(report, "nothing")).status_code == 404


def test_saves_of_one_tab_never_conflict_with_each_other(editor_client, report):
    loaded = report.version
    # The autosave of the tab got in first; the form post of the same tab still carries the version it loaded.
    editor_client.post(step_url(report, "apply", "live/"), {"version": loaded, "tab": "t1:1", "apply.new.natural": "5"})
    response = editor_client.post(step_url(report, "apply"), {
        "version": loaded, "tab": "t1:2", "apply.new.natural": "6", "action": "save",
    })
    assert response.status_code == 302
    assert report_data(report).cells["apply.new.natural"] == 6


def test_an_earlier_save_of_a_tab_arriving_late_does_not_overwrite_its_later_one(editor_client, report):
    loaded = report.version
    editor_client.post(step_url(report, "apply"), {"version": loaded, "tab": "t1:3", "apply.new.natural": "6"})
    response = editor_client.post(step_url(report, "apply", "live/"), {
        "version": loaded, "tab": "t1:2", "apply.new.natural": "5", "apply.new.business": "1",
    })
    assert "他人修改了本步骤" not in response.content.decode()
    cells = report_data(report).cells
    assert cells["apply.new.natural"] == 6
    assert cells["apply.new.business"] == 1  # what only the earlier save held is still saved


def test_another_tab_of_the_same_person_still_conflicts(editor_client, editor, report):
    loaded = report.version
    editor_client.post(step_url(report, "apply", "live/"), {"version": loaded, "tab": "t1:1", "apply.new.natural": "5"})
    response = editor_client.post(step_url(report, "apply"), {
        "version": loaded, "tab": "t2:1", "apply.new.natural": "6",
    })
    assert response.status_code == 200
    assert "他人修改了本步骤" in response.content.decode()
    assert report_data(report).cells["apply.new.natural"] == 5


def test_someone_else_saving_the_value_i_typed_is_no_conflict(editor_client, report, agency):
    other = MembershipFactory(agency=agency, role=Role.EDITOR).user
    loaded = report.version
    report_write(report=report, by=other, cells={"apply.new.natural": 5}, expected_version=loaded)
    response = editor_client.post(step_url(report, "apply"), {
        "version": loaded, "apply.new.natural": "5", "apply.new.business": "2",
    })
    assert response.status_code == 302
    assert report_data(report).cells["apply.new.business"] == 2


def test_a_tab_claimed_by_someone_else_is_still_a_conflict(editor_client, report, agency):
    other = MembershipFactory(agency=agency, role=Role.EDITOR).user
    loaded = report.version
    report_write(report=report, by=other, cells={"apply.new.natural": 7}, expected_version=loaded,
                 origin=SaveOrigin(tab="t1", seq=1))
    response = editor_client.post(step_url(report, "apply"), {
        "version": loaded, "tab": "t1:2", "apply.new.natural": "6",
    })
    assert "他人修改了本步骤" in response.content.decode()
    assert report_data(report).cells["apply.new.natural"] == 7
