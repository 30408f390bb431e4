from datetime import date

import pytest
from django.urls import reverse

from tests.drafting.conftest import hub_url, step_url

pytestmark = pytest.mark.django_db

SLUGS = ["cover", "overview", "active", "apply", "appeal", "problems", "other", "check"]


def test_hub_lists_every_step(editor_client, report):
    response = editor_client.get(hub_url(report))
    assert response.status_code == 200
    page = response.content.decode()
    for title in ["封面信息", "一、总体情况", "三、收到和处理政府信息公开申请情况", "检查并提交"]:
        assert title in page
    assert "已完成 0/8" in page
    assert "2025年1月31日" in page


@pytest.mark.parametrize("slug", SLUGS)
def test_every_step_renders(editor_client, report, slug):
    response = editor_client.get(step_url(report, slug))
    assert response.status_code == 200


def test_start_creates_the_report_and_opens_the_hub(editor_client, agency):
    response = editor_client.post(f"/reports/{agency.code}/2024/start/")
    assert response.status_code == 302
    assert response["Location"] == f"/reports/{agency.code}/2024/"
    assert agency.reports.get().year == 2024


def test_start_needs_post(editor_client, agency):
    assert editor_client.get(f"/reports/{agency.code}/2024/start/").status_code == 405


def test_the_deadline_follows_the_region_and_counts_the_days(editor_client, report, agency):
    from django.utils import timezone

    region = agency.parent
    region.deadline_month, region.deadline_day = 1, 15
    region.save()
    page = editor_client.get(hub_url(report)).content.decode()
    assert "2025年1月15日" in page
    days = (date(2025, 1, 15) - timezone.localdate()).days
    assert (f"还剩 {days} 天" if days > 0 else f"已逾期 {-days} 天") in page


def test_the_hub_links_every_step_and_the_downloads(editor_client, report):
    page = editor_client.get(hub_url(report)).content.decode()
    for slug in SLUGS:
        assert f'href="/reports/{report.agency.code}/{report.year}/steps/{slug}/"' in page
    for name in ("exports:pdf", "exports:docx", "exports:json"):
        # A plain link: an export refused past its limits shows its page instead of saving it as the file.
        assert f'href="{reverse(name, args=[report.agency.code, report.year])}">' in page


def test_progress_counts_complete_steps(editor_client, report):
    from reports.services import report_write

    report_write(report=report, texts={"text.problems": "一是解读形式单一。下一步将丰富解读形式，加强培训，规范答复文书。"})
    page = editor_client.get(hub_url(report)).content.decode()
    assert "已完成 1/8" in page


def test_the_check_page_lists_findings_with_links_and_the_submit_form(editor_client, report):
    from reports.services import report_write

    report_write(report=report, cells={"apply.new.natural": 2, "apply.new.total": 2},
                 texts={"text.problems": "无"})
    page = editor_client.get(step_url(report, "check")).content.decode()
    assert "APPLY-BALANCE" in page
    assert f'href="{step_url(report, "apply")}#f-apply-new-natural"' in page
    assert "改正后才能提交" in page
    assert f'action="/review/{report.agency.code}/{report.year}/submit/"' in page
    assert 'name="explanation:TEXT-PROBLEMS-SUBSTANCE"' in page


def test_the_check_page_refuses_a_report_without_a_date(editor_client, report):
    from reports.services import report_write

    page = editor_client.get(step_url(report, "check")).content.decode()
    assert "META-DATE-MISSING" in page and "报告没有落款日期" in page
    report_write(report=report, signed_on=date(2025, 1, 20))
    page = editor_client.get(step_url(report, "check")).content.decode()
    assert "META-DATE-MISSING" not in page


def test_the_check_page_has_no_submit_form_for_readers(client, report, agency):
    from agencies.models import Role
    from tests.factories import PASSWORD, MembershipFactory

    approver = MembershipFactory(agency=agency, role=Role.APPROVER).user
    client.login(username=approver.username, password=PASSWORD)
    page = client.get(step_url(report, "check")).content.decode()
    assert "/submit/" not in page


def test_a_narrative_field_points_at_its_findings(editor_client, report):
    from reports.services import report_write

    report_write(report=report, texts={"text.overview.active": "主动公开了一批文件。"})
    page = editor_client.get(step_url(report, "overview")).content.decode()
    assert "TEXT-OVERVIEW-TOPICS" in page
    assert 'aria-describedby="f-text-overview-on_request_helptext finding-' in page
    assert 'id="f-text-overview-on_request_helptext"' in page


def test_the_last_save_is_shown_by_person_and_local_time_not_as_a_counter(editor_client, report, agency):
    import re

    from django.utils import timezone

    from agencies.models import Role
    from reports.services import report_write
    from tests.factories import MembershipFactory

    other = MembershipFactory(agency=agency, role=Role.EDITOR, user__last_name="王", user__first_name="晓梅").user
    assert "最后保存" not in editor_client.get(step_url(report, "apply")).content.decode()  # nothing saved yet
    report_write(report=report, by=other, cells={"apply.new.natural": 1})
    report.refresh_from_db()
    local = timezone.localtime(report.updated_at)
    shown = f"最后保存：王晓梅，{local.month}月{local.day}日 {local:%H:%M}"
    assert shown in editor_client.get(step_url(report, "apply")).content.decode()
    review = editor_client.get(f"/review/{report.agency.code}/{report.year}/").content.decode()
    assert shown in review
    assert not re.search(r"第 \d+ 版", review)
