"""Importing a folder of past reports for the agencies of a region."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from agencies.models import Agency

from .reading import EXTENSIONS
from .result import ImportRejected, ImportResult
from .services import NeedsConfirmation, import_check_target, import_findings, import_parse_path, import_write

IMPORTED = "imported"
SKIPPED = "skipped"
FAILED = "failed"


@dataclass
class BatchItem:
    path: str
    status: str
    reason: str = ""
    agency: Agency | None = None
    result: ImportResult | None = None


def match_agency(result: ImportResult, agencies: list[Agency]) -> Agency | None:
    """The agency a report belongs to: by full name, short name, or the longest name found in its title."""
    found, title = result.data.agency, result.data.title
    for attribute in ("name", "short_name"):
        exact = [a for a in agencies if found and getattr(a, attribute) == found]
        if len(exact) == 1:
            return exact[0]
    lengths: dict[Agency, int] = {}
    for agency in agencies:
        for name in (agency.name, agency.short_name):
            if name and name in title:
                lengths[agency] = max(lengths.get(agency, 0), len(name))
    if lengths:
        longest = max(lengths.values())
        best = [a for a, n in lengths.items() if n == longest]
        if len(best) == 1:
            return best[0]
    return None


def _import_one(path: Path, *, agencies, year, by, dry_run, replace) -> BatchItem:
    try:
        result = import_parse_path(path, year=year)
    except ImportRejected as exc:
        return BatchItem(path.name, FAILED, str(exc))
    agency = match_agency(result, agencies)
    if agency is None:
        return BatchItem(path.name, SKIPPED, _("No agency of the region is named “%(name)s”.")
                         % {"name": result.data.agency or result.data.title}, result=result)
    result.data.agency = agency.name
    result.findings = import_findings(result, agency)
    try:
        if dry_run:
            import_check_target(agency=agency, result=result, replace=replace)
        else:
            import_write(agency=agency, result=result, by=by, replace=replace)
    except (ImportRejected, NeedsConfirmation, PermissionDenied) as exc:
        return BatchItem(path.name, SKIPPED, str(exc), agency, result)
    return BatchItem(path.name, IMPORTED, "", agency, result)


def import_folder(folder, *, region: Agency, year: int | None = None, by=None, dry_run: bool = False,
                  replace: bool = False) -> list[BatchItem]:
    agencies = list(region.descendants())
    items = []
    for path in sorted(Path(folder).iterdir()):
        if not path.is_file() or path.name.startswith("."):
            continue
        if path.suffix.lower() not in EXTENSIONS:
            items.append(BatchItem(path.name, SKIPPED, _("Not a text, web page, DOCX, PDF or JSON file.")))
            continue
        items.append(_import_one(path, agencies=agencies, year=year, by=by, dry_run=dry_run, replace=replace))
    return items
