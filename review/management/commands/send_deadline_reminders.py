"""Cron: remind the editors of every agency whose report is not yet submitted as its deadline nears or passes."""
from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from agencies.models import Agency, AgencyKind
from reports.selectors import current_report_year
from review.dashboard import agencies_to_remind
from review.notifications import deadline_reminders


class Command(BaseCommand):
    help = "E-mail the editors of agencies whose report is not submitted and whose deadline is near or past."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help="Report year (default: the year being reported now).")
        parser.add_argument("--within-days", type=int, default=14,
                            help="Remind when the deadline is at most this many days away (default 14).")
        parser.add_argument("--government", help="Only the agencies below this government (its code).")
        parser.add_argument("--today", type=date.fromisoformat, help="Pretend today is this date (YYYY-MM-DD).")

    def handle(self, *args, year=None, within_days=14, government=None, today=None, **options):
        # The deadlines are days in the site's time zone (China), whatever the server's clock says.
        today = today or timezone.localdate()
        year = year or current_report_year(today)
        below = None
        if government:
            below = Agency.objects.filter(code=government, kind=AgencyKind.GOVERNMENT).first()
            if below is None:
                raise CommandError(f"No government with code {government!r}.")
        rows = agencies_to_remind(year, today=today, within_days=within_days, below=below)
        result = deadline_reminders([r.agency for r in rows], year, {r.agency.pk: r.deadline for r in rows})
        self.stdout.write(f"{len(rows)} agencies due, {result.mails} reminders sent "
                          f"to {len(result.reached)} agencies.")
        for agency in result.unreached:
            self.stdout.write(f"Not reminded (no editor with an e-mail address): {agency.code} {agency.name}")
