"""`manage.py audit_reports PATH... [--region CODE --year N] [--xlsx OUT] [--json]`.

PATH is a published report file, a folder of them or a ZIP archive; nothing read is stored.
Without PATH, `--region` and `--year` audit the published reports stored in the system.
Exit status 0 whenever the audit ran, whatever it found.
"""
from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from agencies.models import Agency, AgencyKind
from quality.audit import audit_files, audit_stored, rule_summary
from quality.sources import collect_sources
from quality.xlsx import audit_workbook


class Command(BaseCommand):
    @property
    def help(self):  # translated when asked for, in the language then active
        return _("Check many published reports at once: files, folders or ZIP archives, or the reports of a "
                 "region stored in the system.")

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", metavar="PATH", help=_("a report file, a folder or a ZIP archive"))
        parser.add_argument("--region", help=_("code of the people's government whose agencies are audited"))
        parser.add_argument("--year", type=int, help=_("the year of the reports"))
        parser.add_argument("--xlsx", metavar="OUT", help=_("also write the results as an XLSX workbook"))
        parser.add_argument("--json", action="store_true", help=_("print only the results as JSON"))

    def handle(self, *args, **options):
        region = self._region(options["region"])
        if options["paths"]:
            rows = audit_files(collect_sources(options["paths"]), region=region, year=options["year"])
        elif region is not None and options["year"]:
            rows = audit_stored(region=region, year=options["year"])
        else:
            raise CommandError(_("Give report files, folders or ZIP archives, or --region and --year."))
        if options["xlsx"]:
            with open(options["xlsx"], "wb") as out:
                out.write(audit_workbook(rows))
        if options["json"]:
            self.stdout.write(json.dumps([row.to_json() for row in rows], ensure_ascii=False, indent=2))
        else:
            self._print(rows)

    def _region(self, code: str | None) -> Agency | None:
        if not code:
            return None
        region = Agency.objects.filter(code=code, kind=AgencyKind.GOVERNMENT).first()
        if region is None:
            raise CommandError(_("No people's government has the code “%(code)s”.") % {"code": code})
        return region

    def _print(self, rows):
        for row in rows:
            if row.error:
                self.stdout.write(f"{row.source}  {_('not read')}: {row.error}")
                continue
            self.stdout.write(_("%(source)s  %(agency)s %(year)s (%(format)s): %(values)d values, %(unmapped)d "
                                "unplaced, %(errors)d errors, %(warnings)d warnings") % {
                "source": row.source, "agency": row.agency, "year": row.year, "format": row.format,
                "values": row.values, "unmapped": row.unmapped, "errors": row.errors, "warnings": row.warnings,
            })
            for finding in row.findings:
                self.stdout.write(f"    [{finding.severity}] {finding.rule}  {finding.message}")
        self.stdout.write(_("%(count)d reports audited.") % {"count": len(rows)})
        for count in rule_summary(rows):
            self.stdout.write(f"  {count.rule} ({count.severity}): {count.reports}")
