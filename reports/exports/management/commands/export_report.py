"""`manage.py export_report --agency CODE --year N --format pdf|docx|html|json -o PATH`.

The same files users download, from the same cache.

`html` is the exact page the PDF is rendered from, `json` the interchange format;
`-o -` (the default) writes to standard output.
"""
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from reports.models import Report

from ...cache import write_atomically
from ...service import FILE_FORMATS, report_export


class Command(BaseCommand):
    @property
    def help(self):
        # argparse needs a real string: translated when the parser is built, in the active language.
        return _("Export a stored report as PDF, DOCX, HTML or interchange JSON.")

    def add_arguments(self, parser):
        parser.add_argument("--agency", required=True, help=_("Agency code."))
        parser.add_argument("--year", required=True, type=int, help=_("Report year."))
        parser.add_argument("--format", required=True, choices=FILE_FORMATS, dest="file_format",
                            help=_("Output format."))
        parser.add_argument("-o", "--output", default="-", help=_("Output file; “-” for standard output."))

    def handle(self, *, agency, year, file_format, output, **options):
        report = Report.objects.select_related("agency").filter(agency__code=agency, year=year).first()
        if report is None:
            raise CommandError(
                _("No report of agency “%(agency)s” for %(year)s.") % {"agency": agency, "year": year}
            )
        content = report_export(report, file_format).content
        if output == "-":
            sys.stdout.buffer.write(content)
            sys.stdout.flush()
            return
        try:
            write_atomically(Path(output), content)
        except OSError as exc:
            raise CommandError(_("Cannot write %(path)s: %(error)s") % {"path": output, "error": exc.strerror}) \
                from None
        if options["verbosity"] > 0:
            self.stderr.write(_("Wrote %(path)s (%(size)d bytes).") % {"path": output, "size": len(content)})
