"""年报质量检查: every cross-check run over many published reports at once.

Two kinds of input give the same rows: reports stored in the system (the published ones of a
region and year) and published files (whatever the importers read), which are parsed and
checked but never stored. A row says what was found in one report; `rule_summary` counts the
reports failing each rule.
"""
from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from agencies.deadlines import publication_deadline
from agencies.models import Agency, AgencyKind
from reports.data import AgencyFacts, ReportData
from reports.formats import get_format
from reports.importers.batch import match_agency
from reports.importers.result import ImportRejected
from reports.importers.services import import_parse
from reports.rules import DRAFT, ERROR, INFO, SUBMIT, WARNING, Finding, evaluate

from .sources import Source

logger = logging.getLogger(__name__)

SEVERITY_ORDER = {ERROR: 0, WARNING: 1, INFO: 2}
_EXCERPT = 80

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class AuditFinding:
    rule: str
    severity: str
    message: str
    keys: tuple[str, ...]
    # Where it is: the printed labels of the cells and narrative parts the finding names.
    where: tuple[str, ...]
    # What stands there: `label：value` for a cell, the start of the text for a narrative part.
    excerpts: tuple[str, ...]

    def to_json(self) -> dict:
        return {"rule": self.rule, "severity": self.severity, "message": self.message,
                "keys": list(self.keys), "where": list(self.where)}


@dataclass
class AuditRow:
    source: str  # the file's name (inside a ZIP: archive/member), or the agency code of a stored report
    agency: str
    year: int | None
    format: str
    values: int
    unmapped: int
    findings: list[AuditFinding] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)  # source lines no cell could take
    error: str = ""  # the file could not be read at all
    agency_code: str = ""
    is_file: bool = True
    number: int = 0  # position in the audit it belongs to, from 1


    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    @property
    def errors(self) -> int:
        return self.count(ERROR)

    @property
    def warnings(self) -> int:
        return self.count(WARNING)

    @property
    def rules(self) -> list[str]:
        return sorted({f.rule for f in self.findings})

    def to_json(self) -> dict:
        doc = {
            "file": self.source if self.is_file else None,
            "agency_code": self.agency_code or None,
            "agency": self.agency,
            "year": self.year,
            "format": self.format or None,
            "values": self.values,
            "unmapped": self.unmapped,
            "findings": [f.to_json() for f in self.findings],
        }
        if self.error:
            doc["error"] = self.error
        return doc

    def to_record(self) -> dict:
        """Everything, for keeping the rows of a file audit (the files themselves are not kept)."""
        return asdict(self)

    @classmethod
    def from_record(cls, record: dict) -> AuditRow:
        findings = [AuditFinding(**{k: tuple(v) if isinstance(v, list) else v for k, v in f.items()})
                    for f in record["findings"]]
        return cls(**{**record, "findings": findings})


@dataclass(frozen=True)
class RuleCount:
    rule: str
    severity: str
    reports: int


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _EXCERPT else text[:_EXCERPT] + "…"


def describe(finding: Finding, data: ReportData) -> AuditFinding:
    fmt = data.format
    keys = tuple(finding.cells) + tuple(finding.texts)
    where, excerpts = [], []
    for key in finding.cells:
        label = fmt.label_of(key)
        where.append(label)
        if key in fmt.field_map:
            value = data.value(key)
            excerpts.append(f"{label}：{'' if value is None else value}")
    for key in finding.texts:
        label = fmt.label_of(key)
        where.append(label)
        if data.text(key):
            excerpts.append(f"{label}：{_excerpt(data.text(key))}")
    return AuditFinding(finding.rule, finding.severity, finding.message, keys, tuple(dict.fromkeys(where)),
                        tuple(excerpts))


def _sorted(findings: Iterable[AuditFinding]) -> list[AuditFinding]:
    return sorted(findings, key=lambda f: SEVERITY_ORDER.get(f.severity, 9))


def audit_data(data: ReportData, *, source: str, last_year: ReportData | None = None,
               facts: AgencyFacts | None = None, stage: str = DRAFT, unmapped=(), agency_code: str = "",
               is_file: bool = True) -> AuditRow:
    findings = evaluate(data, last_year=last_year, facts=facts, stage=stage)
    return AuditRow(
        source=source, agency=data.agency, year=data.year, format=data.format.id,
        values=sum(1 for v in data.cells.values() if v is not None),
        unmapped=len(unmapped), unplaced=list(unmapped),
        findings=_sorted(describe(f, data) for f in findings),
        agency_code=agency_code, is_file=is_file,
    )


def rule_summary(rows: Iterable[AuditRow]) -> list[RuleCount]:
    """Reports failing each rule, most failed first."""
    counts: Counter = Counter()
    severities: dict[str, str] = {}
    for row in rows:
        for finding in row.findings:
            severities.setdefault(finding.rule, finding.severity)
        counts.update(row.rules)
    return [RuleCount(rule, severities[rule], n)
            for rule, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]


# -- reports stored in the system -------------------------------------------------------------

def _nearest_governments(agencies: list[Agency]) -> dict[int, Agency]:
    """Each agency's own people's government (itself for a government), with one query."""
    ids = {int(part) for a in agencies for part in a.path.strip("/").split("/") if part}
    governments = {g.path: g for g in Agency.objects.filter(pk__in=ids, kind=AgencyKind.GOVERNMENT)}
    found = {}
    for agency in agencies:
        paths = [p for p in governments if agency.path.startswith(p)]
        if paths:
            found[agency.pk] = governments[max(paths, key=len)]
    return found


def _facts(agency: Agency, year: int, region: Agency | None) -> AgencyFacts:
    deadline = publication_deadline(agency, year, region=region) if region is not None else None
    return AgencyFacts(kind=agency.kind, level=agency.level, can_make_rules=agency.can_make_rules,
                       deadline=deadline)


def audit_stored(*, region: Agency, year: int, agency_code: str | None = None) -> list[AuditRow]:
    """The published reports of `region`'s agencies (every level below it; or the one agency named)
    for `year`, in a constant number of queries however many reports."""
    from publication.selectors import public_reports

    agencies = region.descendants()
    if agency_code is not None:
        agencies = agencies.filter(code=agency_code)
    current = [p for p in public_reports(agencies=agencies, year=year) if not p.correcting]
    previous = {p.report.agency_id: p.data for p in public_reports(agencies=agencies, year=year - 1)}
    governments = _nearest_governments([p.agency for p in current])
    rows = []
    for public in current:
        agency = public.agency
        last = previous.get(agency.pk)
        rows.append(audit_data(
            public.data, source=agency.code, agency_code=agency.code, is_file=False, stage=SUBMIT,
            last_year=last if last is not None and last.format.id == public.data.format.id else None,
            facts=_facts(agency, year, governments.get(agency.pk)),
        ))
    return rows


# -- published files ----------------------------------------------------------------------------

@dataclass
class ParsedFile:
    """One file read: its content, or why it could not be read. Kept as a record between the reading
    (one task per file) and the checks (once every file of the audit is read)."""

    name: str
    data: ReportData | None = None
    unmapped: list[str] = field(default_factory=list)  # source lines no cell could take
    agency: Agency | None = None  # the region's agency the file was matched to
    error: str = ""

    def to_record(self) -> dict:
        if self.data is None:
            return {"name": self.name, "error": self.error}
        data = self.data
        return {"name": self.name, "unmapped": self.unmapped, "agency": self.agency.pk if self.agency else None,
                "format": data.format.id, "year": data.year, "agency_name": data.agency, "title": data.title,
                "signed_on": data.signed_on.isoformat() if data.signed_on else None, "texts": data.texts,
                # Exactly as read: amounts as decimal strings, counts as numbers.
                "cells": {k: str(v) if isinstance(v, Decimal) else v for k, v in data.cells.items()}}

    @classmethod
    def from_record(cls, record: dict, agencies: dict[int, Agency]) -> ParsedFile:
        if "format" not in record:
            return cls(record["name"], error=record["error"])
        signed_on = record["signed_on"]
        data = ReportData(
            format=get_format(record["format"]), year=record["year"], agency=record["agency_name"],
            title=record["title"], signed_on=date.fromisoformat(signed_on) if signed_on else None,
            texts=record["texts"],
            cells={k: Decimal(v) if isinstance(v, str) else v for k, v in record["cells"].items()},
        )
        return cls(record["name"], data, record["unmapped"], agencies.get(record["agency"]))


def parse_file(source: Source, *, year: int | None, agencies: list[Agency]) -> ParsedFile:
    parsed = ParsedFile(source.name)
    if source.error:
        parsed.error = source.error
        return parsed
    try:
        result = import_parse(source.read(), source=source.name, fallback_year=year)
    except ImportRejected as exc:
        parsed.error = str(exc)
        return parsed
    except Exception:  # one unreadable file must not end the audit of the others
        logger.exception("audit: reading %s failed", source.name)
        parsed.error = _("The file could not be read.")
        return parsed
    parsed.data, parsed.unmapped = result.data, [issue.source for issue in result.unmapped]
    if agencies:
        parsed.agency = match_agency(result, agencies)
        if parsed.agency is not None:
            parsed.data.agency = parsed.agency.name
    return parsed


def _error_row(parsed: ParsedFile) -> AuditRow:
    return AuditRow(source=parsed.name, agency="", year=None, format="", values=0, unmapped=0, error=parsed.error)


def _last_years(parsed: list[ParsedFile], region: Agency | None) -> dict[tuple[str, int], ReportData]:
    """Last year's report for each (agency, year): from the same batch of files, else (with a region)
    the published one stored in the system."""
    found = {(p.data.agency, p.data.year): p.data for p in parsed if p.data}
    if region is not None:
        from publication.selectors import public_reports

        matched = [p for p in parsed if p.data and p.agency]
        for year in {p.data.year - 1 for p in matched}:
            agencies = [p.agency for p in matched if p.data.year - 1 == year]
            for public in public_reports(agencies=agencies, year=year):
                found.setdefault((public.agency.name, year), public.data)
    return found


def audit_files(sources: list[Source], *, region: Agency | None = None, year: int | None = None,
                on_progress: Progress | None = None) -> list[AuditRow]:
    """Parse and check each file; nothing is stored. With `region`, files are matched to its agencies
    (for the checks that need the agency's kind, level and deadline, and last year's stored report)."""
    agencies = list(region.descendants()) if region is not None else []
    parsed = []
    for done, source in enumerate(sources, start=1):
        parsed.append(parse_file(source, year=year, agencies=agencies))
        if on_progress is not None:
            on_progress(done, len(sources))
    return audit_parsed(parsed, region=region)


def audit_parsed(parsed: list[ParsedFile], *, region: Agency | None) -> list[AuditRow]:
    """The checks of files read, in their order; each against last year's report, from the files or stored."""
    governments = _nearest_governments([p.agency for p in parsed if p.agency])
    last_years = _last_years(parsed, region)
    rows = []
    for item in parsed:
        if item.data is None:
            rows.append(_error_row(item))
            continue
        data = item.data
        last = last_years.get((data.agency, data.year - 1))
        facts = _facts(item.agency, data.year, governments.get(item.agency.pk)) if item.agency else None
        rows.append(audit_data(
            data, source=item.name, facts=facts,
            last_year=last if last is not None and last.format.id == data.format.id else None,
            unmapped=item.unmapped, agency_code=item.agency.code if item.agency else "",
        ))
    for number, row in enumerate(rows, start=1):
        row.number = number
    return rows
