"""The cron command that reminds editors of reports not yet submitted."""
from __future__ import annotations

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from reports.models import ReportStatus
from review import services

pytestmark = pytest.mark.django_db


def remind(**options) -> str:
    out = StringIO()
    args = [f"--{name.replace('_', '-')}={value}" for name, value in options.items()]
    call_command("send_deadline_reminders", "--year=2024", *args, stdout=out)
    return out.getvalue()


def test_nothing_is_sent_long_before_the_deadline(world, report):
    assert remind(today="2024-11-01").startswith("0 agencies")
    assert mail.outbox == []


def test_draft_and_missing_reports_are_reminded_near_the_deadline(world, report):
    remind(today="2025-01-25", government="gulou")
    recipients = sorted(address for message in mail.outbox for address in message.to)
    # The agency's draft; the government has no report but no editor either.
    assert recipients == ["editor2@example.org", "editor@example.org"]
    assert "2025-01-31" in mail.outbox[0].body


def test_submitted_reports_are_not_reminded(world, report):
    services.report_submit(report=report, by=world.user("editor"))
    assert report.status == ReportStatus.SUBMITTED
    remind(today="2025-02-10")
    assert all("editor@example.org" not in m.to for m in mail.outbox)
    # The other region's agency has no report at all: its editor is reminded.
    assert any("editor_other@example.org" in m.to for m in mail.outbox)


def test_unknown_government_is_an_error(world):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        remind(government="nowhere")
