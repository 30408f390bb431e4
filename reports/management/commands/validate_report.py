"""`manage.py validate_report FILE.json [--last-year FILE.json] [--json]` or `--agency CODE --year N`.

Checks a report against every rule. The report is an interchange JSON file (optionally
with last year's), or a stored report by agency code and year. Exit status: 0 no
error-severity finding, 1 at least one, 2 the input could not be read (one line on
stderr, no traceback).
"""
from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import DatabaseError
from django.utils.translation import gettext as _

from agencies.models import Agency
from reports.interchange import InterchangeError, from_json
from reports.models import Report
from reports.rules import SEVERITIES, STAGES, SUBMIT, evaluate, findings_from_problems, has_errors
from reports.selectors import check_report

UNREADABLE = 2


class Unreadable(Exception):
    """The input cannot be checked; the message is one line for the user."""


class Command(BaseCommand):
    # Checking a file needs neither the URLs nor the rest of the site.
    requires_system_checks = ()

    @property
    def help(self):  # translated when asked for, in the language then active
        return _("Check a report (interchange JSON file, or a stored report) against the cross-check rules.")

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help=_("the report as interchange JSON"))
        parser.add_argument("--last-year", dest="last_year", help=_("last year's report as interchange JSON"))
        parser.add_argument("--agency", help=_("code of the agency of a stored report"))
        parser.add_argument("--year", type=int, help=_("year of the stored report"))
        parser.add_argument("--json", action="store_true", help=_("print the findings as a JSON list only"))
        parser.add_argument(
            "--stage", choices=STAGES, default=SUBMIT,
            help=_("“submit” (default) also requires every value to be filled; “draft” does not"),
        )

    def handle(self, *args, **options):
        try:
            findings = self._findings(options)
        except Unreadable as exc:
            self.stderr.write(str(exc))
            raise SystemExit(UNREADABLE) from None
        if options["json"]:
            self.stdout.write(json.dumps([f.to_json() for f in findings], ensure_ascii=False, indent=2))
        else:
            self._print(findings)
        if has_errors(findings):
            raise SystemExit(1)

    def _findings(self, options):
        if options["file"] and (options["agency"] or options["year"]):
            raise Unreadable(_("Give either a file or --agency and --year, not both."))
        if options["file"]:
            data, problems = _read(options["file"])
            last = _read(options["last_year"])[0] if options["last_year"] else None
            if last is not None and last.year != data.year - 1:
                raise Unreadable(_("The last-year report is for %(found)s, not %(expected)s.")
                                 % {"found": last.year, "expected": data.year - 1})
            return findings_from_problems(problems) + evaluate(data, last_year=last, stage=options["stage"])
        if options["agency"] and options["year"]:
            return _stored(options["agency"], options["year"], options["stage"])
        raise Unreadable(_("Give a report file, or --agency and --year of a stored report."))

    def _print(self, findings):
        for finding in findings:
            self.stdout.write(f"[{finding.severity_label}] {finding.rule}  {finding.message}")
        counts = {s: sum(f.severity == s for f in findings) for s in SEVERITIES}
        if not findings:
            self.stdout.write(_("No findings."))
        else:
            self.stdout.write(_("%(error)s errors, %(warning)s warnings, %(info)s notes.") % counts)


def _read(path: str):
    try:
        doc = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise Unreadable(_("%(path)s does not exist.") % {"path": path}) from None
    except OSError:
        raise Unreadable(_("%(path)s cannot be read.") % {"path": path}) from None
    except UnicodeDecodeError:
        raise Unreadable(_("%(path)s is not UTF-8 text.") % {"path": path}) from None
    except json.JSONDecodeError as exc:
        raise Unreadable(_("%(path)s is not valid JSON (line %(line)s, column %(column)s).")
                         % {"path": path, "line": exc.lineno, "column": exc.colno}) from None
    try:
        return from_json(doc)
    except InterchangeError as exc:
        raise Unreadable(f"{path}: {exc}") from None


def _stored(code: str, year: int, stage: str):
    try:
        report = Report.objects.select_related("agency").filter(agency__code=code, year=year).first()
        if report is None:
            if not Agency.objects.filter(code=code).exists():
                raise Unreadable(_("No agency has the code “%(code)s”.") % {"code": code})
            raise Unreadable(_("%(code)s has no report for %(year)s.") % {"code": code, "year": year})
        return check_report(report, stage=stage)
    except DatabaseError as exc:
        raise Unreadable(_("The database cannot be read: %(reason)s") % {"reason": str(exc).splitlines()[0]}) from None
