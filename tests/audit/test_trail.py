"""Every action on a report leaves a record with who did it; the activity page lists them all."""
from __future__ import annotations

import pytest
from django.urls import reverse

from audit.models import AuditAction, AuditEntry
from audit.trail import report_trail
from reports.data import ReportData
from reports.models import ReportStatus
from reports.services import report_create, report_data, report_replace_content, report_write
from review import services
from review.models import Action
from tests.factories import PASSWORD, AgencyFactory

pytestmark = pytest.mark.django_db


def newest(report):
    return report_trail(report)[0]


def test_creating_a_report_is_on_record(world):
    editor = world.user("editor")
    report = report_create(agency=world.agency, year=2025, by=editor)
    row = newest(report)
    assert (row.action, row.actor) == ("创建报告", editor)


def test_saving_is_on_record_with_the_changed_cells(world, report):
    editor2 = world.user("editor2")
    report_write(report=report, by=editor2, cells={"apply.new.natural": 5, "apply.new.total": 5})
    row = newest(report)
    assert row.actor == editor2
    assert row.action == "保存 2 处修改"
    assert row.version == report.version
    assert len(row.details) == 2


def test_importing_is_on_record(world, report):
    data: ReportData = report_data(report)
    data.cells["apply.new.natural"] = 9
    report_replace_content(report=report, data=data, by=world.user("editor"))
    entry = AuditEntry.objects.get(report=report, action=AuditAction.IMPORTED)
    assert entry.actor == world.user("editor") and entry.detail == {"changes": 1}


def test_every_review_step_is_on_record(world, report, findings):
    editor, approver = world.user("editor"), world.user("approver")
    steps = [
        (editor, lambda: services.report_submit(report=report, by=editor)),
        (editor, lambda: services.report_withdraw(report=report, by=editor)),
        (editor, lambda: services.report_submit(report=report, by=editor)),
        (approver, lambda: services.report_return(report=report, by=approver, comment="请补充")),
        (editor, lambda: services.report_submit(report=report, by=editor)),
        (approver, lambda: services.report_comment_add(report=report, by=approver, section="problems", body="可以")),
        (approver, lambda: services.report_approve(report=report, by=approver)),
        (approver, lambda: services.report_publish(report=report, by=approver)),
        (approver, lambda: services.report_start_correction(report=report, by=approver, reason="更正数字")),
    ]
    for actor, act in steps:
        before = len(report_trail(report))
        act()
        assert len(report_trail(report)) == before + 1
        assert newest(report).actor == actor


@pytest.mark.parametrize("name, label", [("preview", "preview"), ("pdf", "pdf"), ("docx", "docx"), ("json", "json")])
def test_each_export_is_on_record_with_the_address(client, world, report, name, label):
    assert client.login(username="approver", password=PASSWORD)
    response = client.get(reverse(f"exports:{name}", args=[report.agency.code, report.year]),
                          REMOTE_ADDR="10.9.8.7")
    assert response.status_code == 200
    entry = AuditEntry.objects.get(report=report, action=AuditAction.EXPORTED)
    assert (entry.actor, entry.detail, entry.address, entry.version) == (
        world.user("approver"), {"format": label}, "10.9.8.7", report.version)


def test_a_reminder_is_on_record(client, world, settings):
    late = AgencyFactory(parent=world.government, code="gulou-late")
    assert client.login(username="overseer", password=PASSWORD)
    year = 2024
    response = client.post(reverse("review:remind", args=[world.government.code, year]), {"agency": [late.pk]})
    assert response.status_code == 302
    assert list(AuditEntry.objects.filter(action=AuditAction.REMINDED).values_list("agency", "actor")) == [
        (late.pk, world.user("overseer").pk)
    ]


def test_audit_entries_are_never_changed_or_deleted(world, report):
    report_create(agency=AgencyFactory(parent=world.government), year=2024, by=world.user("editor"))
    entry = AuditEntry.objects.latest("id")
    with pytest.raises(RuntimeError):
        entry.save()
    with pytest.raises(RuntimeError):
        entry.delete()


def test_the_activity_page_shows_the_trail_to_insiders_only(client, world, report):
    url = reverse("audit:activity", args=[report.agency.code, report.year])
    assert client.login(username="editor_other", password=PASSWORD)
    assert client.get(url).status_code == 404
    assert client.login(username="overseer", password=PASSWORD)
    page = client.get(url).content.decode()
    assert "操作记录" in page and "保存 1 处修改" in page and "editor" in page


def test_a_published_report_trail_is_complete(world, report, findings):
    services.report_submit(report=report, by=world.user("editor"))
    services.report_approve(report=report, by=world.user("approver"))
    services.report_publish(report=report, by=world.user("approver"))
    report.refresh_from_db()
    assert report.status == ReportStatus.PUBLISHED
    actions = [row.action for row in report_trail(report)]
    assert actions[:3] == [str(Action.PUBLISH.label), str(Action.APPROVE.label), str(Action.SUBMIT.label)]
    assert actions[3:] == ["保存 1 处修改"]


def test_the_home_page_links_each_report_to_its_activity(client, world, report):
    assert client.login(username="editor", password=PASSWORD)
    page = client.get(reverse("home")).content.decode()
    assert reverse("audit:activity", args=[report.agency.code, report.year]) in page


def test_the_activity_page_takes_a_fixed_number_of_queries(client, world, report, django_assert_max_num_queries):
    for n in range(30):
        report_write(report=report, by=world.user("editor"), cells={"apply.new.natural": n})
    assert client.login(username="editor", password=PASSWORD)
    url = reverse("audit:activity", args=[report.agency.code, report.year])
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200


def test_publishing_fixes_the_title_as_published(world, report, findings):
    services.report_submit(report=report, by=world.user("editor"))
    services.report_approve(report=report, by=world.user("approver"))
    services.report_publish(report=report, by=world.user("approver"))
    published_title = f"{world.agency.name}2024年政府信息公开工作年度报告"
    world.agency.name = "改组后的新局"
    world.agency.save()
    report.refresh_from_db()
    assert report.display_title == published_title


@pytest.mark.parametrize("name, words", [("preview", "在浏览器中阅读报告"), ("pdf", "导出PDF"),
                                         ("docx", "导出Word文档（DOCX）"), ("json", "导出数据（JSON）")])
def test_the_activity_page_says_each_export_in_words(client, world, report, name, words):
    assert client.login(username="approver", password=PASSWORD)
    assert client.get(reverse(f"exports:{name}", args=[report.agency.code, report.year])).status_code == 200
    page = client.get(reverse("audit:activity", args=[report.agency.code, report.year])).content.decode()
    assert words in page
    assert f"<li>{name}</li>" not in page


def test_replies_and_dealt_with_marks_are_in_the_trail(world, report):
    comment = services.report_comment_add(report=report, by=world.user("approver"), section="problems", body="请补充")
    services.report_comment_reply(report=report, by=world.user("editor"), parent=comment.pk, body="已补充")
    services.report_comment_reply(report=report, by=world.user("editor"), parent=comment.pk, resolves=True)
    actions = [row.action for row in report_trail(report)[:3]]
    assert actions == ["将意见标记为已处理", "回复意见", "添加意见"]
