"""Mail about the workflow: who hears of what. Sent through Django's mail (console by default)."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail, send_mass_mail
from django.urls import reverse
from django.utils.translation import gettext as _

from agencies.models import Agency, Membership, Role
from agencies.people import person_name
from reports.models import Report

from .models import ReportEvent


def recipients(agency_ids: Iterable[int], role: str) -> dict[int, list[str]]:
    """E-mail addresses of the active holders of `role`, by agency id (one query)."""
    rows = (
        Membership.objects.filter(agency_id__in=list(agency_ids), role=role, user__is_active=True)
        .exclude(user__email="")
        .values_list("agency_id", "user__email")
        .order_by("agency_id", "user__email")
    )
    by_agency: dict[int, list[str]] = {}
    for agency_id, email in rows:
        by_agency.setdefault(agency_id, []).append(email)
    return by_agency


def _send(report: Report, role: str, subject: str, body: str) -> int:
    to = recipients([report.agency_id], role).get(report.agency_id, [])
    if not to:
        return 0
    link = _absolute(reverse("review:report", args=[report.agency.code, report.year]))
    return send_mail(subject, f"{body}\n\n{link}\n", None, to)


def _absolute(path: str) -> str:
    # SITE_URL (e.g. https://nianbao.example.gov.cn) makes links absolute; without it, the path alone.
    return getattr(settings, "SITE_URL", "").rstrip("/") + path


def _actor(event: ReportEvent) -> str:
    user = event.actor
    return person_name(user) if user else _("someone")


def report_submitted(report: Report, event: ReportEvent) -> int:
    return _send(
        report, Role.APPROVER,
        _("To review: %(title)s") % {"title": report.display_title},
        _("%(who)s submitted %(title)s for review.") % {"who": _actor(event), "title": report.display_title},
    )


def report_returned(report: Report, event: ReportEvent) -> int:
    return _send(
        report, Role.EDITOR,
        _("Returned: %(title)s") % {"title": report.display_title},
        _("%(who)s returned %(title)s to draft:\n\n%(comment)s")
        % {"who": _actor(event), "title": report.display_title, "comment": event.comment},
    )


def report_approved(report: Report, event: ReportEvent) -> int:
    return _send(
        report, Role.EDITOR,
        _("Approved: %(title)s") % {"title": report.display_title},
        _("%(who)s approved %(title)s.") % {"who": _actor(event), "title": report.display_title},
    )


@dataclass(frozen=True)
class Reminded:
    """What a round of reminders did: the mails sent, the agencies reached, those nobody could be told in."""

    mails: int
    reached: list[Agency]
    unreached: list[Agency]


def deadline_reminders(agencies: Iterable[Agency], year: int, deadlines: dict[int, object]) -> Reminded:
    """Remind the editors of each agency that its report for `year` is due.

    An agency without an active 填报人 with an e-mail address cannot be reminded; it is named in the result.
    """
    agencies = list(agencies)
    addresses = recipients([a.pk for a in agencies], Role.EDITOR)
    link = _absolute(reverse("home"))
    reached = [agency for agency in agencies if addresses.get(agency.pk)]
    messages = [
        (
            _("Reminder: the %(year)s annual report of %(agency)s") % {"year": year, "agency": agency.name},
            _("The %(year)s annual report of %(agency)s has not been submitted yet. "
              "It must be published by %(deadline)s.")
            % {"year": year, "agency": agency.name, "deadline": deadlines[agency.pk]} + f"\n\n{link}\n",
            None,
            addresses[agency.pk],
        )
        for agency in reached
    ]
    # One connection for all of them: a region can have thousands of agencies.
    sent = send_mass_mail(messages) if messages else 0
    return Reminded(sent, reached, [agency for agency in agencies if not addresses.get(agency.pk)])
