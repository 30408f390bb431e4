"""`manage.py import_report PATH [--agency CODE] [--year N] [--dry-run] [--replace] [--json]`.

Published reports (text, markdown, web page, DOCX, DOC, WPS, PDF, JSON) into drafts; also `import_report FOLDER
--region CODE [--year N]` for a folder of past reports.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from agencies.models import Agency

from ...batch import FAILED, IMPORTED, SKIPPED, import_folder
from ...result import ImportRejected
from ...services import NeedsConfirmation, import_check_target, import_parse_path, import_write
from ...summary import result_summary


class Command(BaseCommand):
    help = _("Import a published annual report (text, markdown, web page, DOCX, DOC, WPS, PDF or interchange JSON), "
             "or a folder of them for a region.")

    def add_arguments(self, parser):
        parser.add_argument("path", help=_("A report file, or a folder of reports (with --region)."))
        parser.add_argument("--agency", help=_("Code of the agency whose draft receives the report."))
        parser.add_argument("--region", help=_("Code of the region whose agencies receive a folder of reports."))
        parser.add_argument("--year", type=int, help=_("The report year, when the file does not show it."))
        parser.add_argument("--dry-run", action="store_true", help=_("Read and check only; change nothing."))
        parser.add_argument("--replace", action="store_true",
                            help=_("Replace the content of a draft that already has some."))
        parser.add_argument("--json", action="store_true",
                            help=_("Print only the report as interchange JSON (single file)."))

    def handle(self, *args, **options):
        try:
            self._handle(options)
        except (ImportRejected, NeedsConfirmation, PermissionDenied) as exc:
            message = str(exc)
            if isinstance(exc, NeedsConfirmation):
                message = _("%(reason)s Add --replace to replace it.") % {"reason": message}
            self.stderr.write(message)
            sys.exit(1)

    def _agency(self, code: str | None) -> Agency | None:
        if not code:
            return None
        agency = Agency.objects.filter(code=code).first()
        if agency is None:
            raise ImportRejected(_("No agency has the code “%(code)s”.") % {"code": code})
        return agency

    def _handle(self, options):
        path = Path(options["path"])
        if path.is_dir():
            return self._folder(path, options)
        if not path.is_file():
            raise ImportRejected(_("“%(path)s” is neither a file nor a folder.") % {"path": path})
        agency = self._agency(options["agency"])
        result = import_parse_path(path, year=options["year"], agency=agency)
        if options["json"]:
            self.stdout.write(json.dumps(result.to_json(), ensure_ascii=False, indent=1))
        else:
            for line in result_summary(result):
                self.stdout.write(line)
        if agency is None:
            if not options["json"]:
                self.stdout.write(_("Nothing was written: give --agency to import into a draft."))
            return
        if options["dry_run"]:
            import_check_target(agency=agency, result=result, replace=options["replace"])
            if not options["json"]:
                self.stdout.write(_("Dry run: nothing was written."))
            return
        report = import_write(agency=agency, result=result, replace=options["replace"])
        if not options["json"]:
            self.stdout.write(_("Imported into the %(year)s draft of %(agency)s (version %(version)d).")
                              % {"year": report.year, "agency": agency.name, "version": report.version})

    def _folder(self, folder: Path, options):
        if options["json"]:
            raise ImportRejected(_("--json prints one report; it cannot be used with a folder."))
        region = self._agency(options["region"])
        if region is None:
            raise ImportRejected(_("Importing a folder needs --region CODE."))
        items = import_folder(folder, region=region, year=options["year"], dry_run=options["dry_run"],
                              replace=options["replace"])
        for item in items:
            if item.status == IMPORTED:
                data = item.result.data
                line = _("Would import: %(file)s → %(agency)s %(year)s (%(filled)d values, "
                         "%(unmapped)d not placed, %(findings)d findings)") if options["dry_run"] else _(
                    "Imported: %(file)s → %(agency)s %(year)s (%(filled)d values, "
                    "%(unmapped)d not placed, %(findings)d findings)")
                self.stdout.write(line % {
                    "file": item.path, "agency": item.agency.name, "year": data.year,
                    "filled": item.result.filled_count, "unmapped": len(item.result.unmapped),
                    "findings": len(item.result.findings)})
            elif item.status == FAILED:
                self.stdout.write(_("Failed: %(file)s: %(reason)s") % {"file": item.path, "reason": item.reason})
            else:
                self.stdout.write(_("Skipped: %(file)s: %(reason)s") % {"file": item.path, "reason": item.reason})
        counts = {status: sum(1 for i in items if i.status == status) for status in (IMPORTED, SKIPPED, FAILED)}
        self.stdout.write(_("%(imported)d imported, %(skipped)d skipped, %(failed)d failed.") % {
            "imported": counts[IMPORTED], "skipped": counts[SKIPPED], "failed": counts[FAILED]})
        if options["dry_run"]:
            self.stdout.write(_("Dry run: nothing was written."))
