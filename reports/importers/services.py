"""Importing a published report: read, check, and write it into an agency's draft."""
from __future__ import annotations

from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from agencies.models import Agency
from reports.formats import UnknownFormat, format_for_year
from reports.models import Report
from reports.rules import evaluate
from reports.selectors import check_inputs
from reports.services import ReportLocked, report_get_or_create, report_replace_content
from review.summaries import summary_refresh

from .isolation import run_isolated
from .jsondoc import is_json, parse_json
from .normalized import normalize_result
from .parse import parse_lines
from .reading import Progress, check_size, load_path, needs_recognition, read_bytes
from .result import ImportRejected, ImportResult


class NeedsConfirmation(Exception):
    """The draft already has content: replacing it must be confirmed."""


def read_content(content: bytes, *, source: str, year: int | None = None, agency_name: str = "",
                 fallback_year: int | None = None, progress: Progress | None = None) -> ImportResult:
    """A file's content as an ImportResult, without findings; touches no database."""
    if is_json(content):
        result = parse_json(content, source=source)
        if agency_name:
            result.data.agency = agency_name
    else:
        result = parse_lines(read_bytes(content, progress), source=source, year=year, agency=agency_name,
                             fallback_year=fallback_year)
    return normalize_result(result)


def import_parse(content: bytes, *, source: str, year: int | None = None, agency: Agency | None = None,
                 fallback_year: int | None = None, progress: Progress | None = None) -> ImportResult:
    """Read a file's content into an ImportResult with its cross-check findings; writes nothing.

    Every way in (the upload page, `import_report`, folder imports, scans in the background worker)
    comes through here: the file is read in a separate process with memory and time limits
    (isolation.py). `progress` is given for scans, which are read page by page with the larger
    limits of the background worker.
    """
    check_size(len(content))
    result = run_isolated(read_content, content, source=source, year=year, agency_name=agency.name if agency else "",
                          fallback_year=fallback_year, progress=progress,
                          scan=progress is not None or run_isolated(needs_recognition, content))
    result.findings = import_findings(result, agency)
    return result


def import_parse_path(path, *, year: int | None = None, agency: Agency | None = None) -> ImportResult:
    return import_parse(load_path(path), source=Path(path).name, year=year, agency=agency)


def import_findings(result: ImportResult, agency: Agency | None) -> list:
    data = result.data
    if agency is None:
        return evaluate(data)
    inputs = check_inputs(agency, data.year)
    return evaluate(data, last_year=inputs.last_year, facts=inputs.facts)


def report_has_content(report: Report) -> bool:
    return report.values.exists() or report.texts.exclude(body="").exists()


def import_check_target(*, agency: Agency, result: ImportResult, replace: bool) -> Report | None:
    """The existing report the import would replace; raise when it may not."""
    data = result.data
    try:
        expected = format_for_year(data.year)
    except UnknownFormat:
        raise ImportRejected(_("No report format covers the year %(year)s.") % {"year": data.year}) from None
    if expected.id != data.format.id:
        raise ImportRejected(_("The tables are in format %(found)s but a %(year)s report uses %(expected)s.")
                             % {"found": data.format.id, "year": data.year, "expected": expected.id})
    report = Report.objects.filter(agency=agency, year=data.year).first()
    if report is None:
        return None
    if report.is_locked:
        raise ReportLocked(_("The %(year)s report of %(agency)s is %(status)s and cannot be changed.")
                           % {"year": data.year, "agency": agency.name, "status": report.get_status_display()})
    if report_has_content(report) and not replace:
        raise NeedsConfirmation(_("The %(year)s draft of %(agency)s already has content.")
                                % {"year": data.year, "agency": agency.name})
    return report


@transaction.atomic
def import_write(*, agency: Agency, result: ImportResult, by=None, replace: bool = False) -> Report:
    """Write the imported content into the agency's draft for that year, creating it when needed."""
    import_check_target(agency=agency, result=result, replace=replace)
    result.data.agency = agency.name
    report = report_get_or_create(agency=agency, year=result.data.year, by=by)
    report = report_replace_content(report=report, data=result.data, by=by)
    summary_refresh(report)  # the dashboard's counts follow the new content
    return report
