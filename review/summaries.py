"""Per-report counts of errors and warnings, so the dashboard never runs the checks row by row.

A summary belongs to one content version; one older than its report is stale. The
submission and the review page store the counts they compute anyway; the step page's
save stores them from the findings it has just shown (`summary_store_saved`: only the few
submit-only rules are evaluated on top, and one upsert), so after a busy day of drafting
the dashboard finds almost nothing stale. `summary_refresh` is what another write path
calls after saving content. What is still stale (content loaded in bulk, say) the dashboard
recounts in bulk (`summaries_refresh_stale`, a fixed number of queries for any number of
reports), at most RECOUNT_INLINE of them while its reader waits; the rest are recounted by a
background task (`summaries_refresh_ids`) and shown as counted on an earlier version meanwhile.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from django.db import transaction

from agencies.deadlines import publication_deadline
from agencies.models import Agency
from reports import selectors as report_selectors
from reports.data import AgencyFacts, ReportData
from reports.models import VALUE_COLUMNS, Report, ReportText, ReportValue, stored_value
from reports.rules import evaluate
from reports.rules.finding import ERROR, SUBMIT, WARNING

from .deadlines import region_of
from .models import ReportCheckSummary

# A page recounts at most this many stale reports (about a millisecond each) before it answers.
RECOUNT_INLINE = 50
# The background recount takes stale reports in tasks of this many.
RECOUNT_TASK_SIZE = 500


def _counts(findings) -> dict:
    return {
        "errors": sum(1 for f in findings if f.severity == ERROR),
        "warnings": sum(1 for f in findings if f.severity == WARNING),
    }


def summary_store(report: Report, findings: list) -> ReportCheckSummary:
    summary, _ = ReportCheckSummary.objects.update_or_create(
        report=report, defaults={"version": report.version, **_counts(findings)}
    )
    return summary


def _submit_only_rules() -> tuple:
    from reports.rules.definitions import RULES

    return tuple(rule for rule in RULES if rule.stage == SUBMIT)


def summary_store_saved(report: Report, version: int, state, draft_findings: list) -> None:
    """Store the counts of `version` of the report, just saved, from the draft-stage findings its step page
    computed (`state`: its DraftState) and the submit-only rules: one evaluation of a couple of rules, one query."""
    extra = evaluate(state.data, last_year=state.last_year, facts=state.facts, stage=SUBMIT,
                     rules=_submit_only_rules())
    ReportCheckSummary.objects.bulk_create(
        [ReportCheckSummary(report=report, version=version, **_counts([*draft_findings, *extra]))],
        update_conflicts=True, unique_fields=["report"], update_fields=["version", "errors", "warnings"],
    )


def summary_refresh(report: Report) -> ReportCheckSummary:
    return summary_store(report, report_selectors.check_report(report, stage=SUBMIT))


def is_stale(report: Report) -> bool:
    summary = getattr(report, "check_summary", None)
    return summary is None or summary.version != report.version


def _contents(reports: list[Report]) -> dict[int, ReportData]:
    """The content of many reports in two queries (what reports.services.report_data does for one)."""
    ids = [r.pk for r in reports]
    cells: dict[int, dict] = defaultdict(dict)
    texts: dict[int, dict] = defaultdict(dict)
    for report_id, key, *value in ReportValue.objects.filter(report_id__in=ids).values_list(
            "report_id", "key", *VALUE_COLUMNS):
        cells[report_id][key] = stored_value(*value)
    for report_id, key, body in ReportText.objects.filter(report_id__in=ids).values_list("report_id", "key", "body"):
        texts[report_id][key] = body
    return {
        r.pk: ReportData(
            format=r.format, year=r.year, agency=r.agency.name, title=r.title, signed_on=r.signed_on,
            texts=texts[r.pk], cells={k: v for k, v in cells[r.pk].items() if k in r.format.field_map},
        )
        for r in reports
    }


def summaries_refresh_stale(reports: list[Report], deadlines: dict[int, date], *, limit: int | None = None
                            ) -> list[int]:
    """Recount the reports of `reports` (agencies loaded) whose summary is missing or stale, the first
    `limit` of them when a limit is given; returns the ids of those left stale.

    `deadlines` maps agency ids to their publication deadline (the checks' META-DATE needs it).
    """
    stale = [r for r in reports if is_stale(r)]
    left = [r.pk for r in stale[limit:]] if limit is not None else []
    stale = stale[:limit] if limit is not None else stale
    if not stale:
        return left
    by_agency_year = {(r.agency_id, r.year): r for r in stale}
    last_reports = list(
        Report.objects.filter(agency_id__in={r.agency_id for r in stale}, year__in={r.year - 1 for r in stale})
    )
    last_reports = [r for r in last_reports if (r.agency_id, r.year + 1) in by_agency_year]
    for last in last_reports:
        last.agency = by_agency_year[(last.agency_id, last.year + 1)].agency
    contents, last_contents = _contents(stale), _contents(last_reports)
    last_by_report = {by_agency_year[(r.agency_id, r.year + 1)].pk: last_contents[r.pk] for r in last_reports}
    summaries = []
    for report in stale:
        agency = report.agency
        facts = AgencyFacts(kind=agency.kind, level=agency.level, can_make_rules=agency.can_make_rules,
                            deadline=deadlines.get(agency.pk))
        found = evaluate(contents[report.pk], last_year=last_by_report.get(report.pk), facts=facts, stage=SUBMIT)
        summary = ReportCheckSummary(report=report, version=report.version, **_counts(found))
        report.check_summary = summary
        summaries.append(summary)
    ReportCheckSummary.objects.bulk_create(
        summaries, update_conflicts=True, unique_fields=["report"], update_fields=["version", "errors", "warnings"]
    )
    return left


def summaries_refresh_ids(report_ids: Iterable[int]) -> int:
    """Recount whichever of these reports are still stale (the background side of the dashboard's
    recount); returns how many were recounted."""
    reports = list(Report.objects.filter(pk__in=list(report_ids)).select_related("agency", "check_summary"))
    stale = [r for r in reports if is_stale(r)]
    if not stale:
        return 0
    above = {pk for r in stale for pk in r.agency.ancestor_ids}
    known = Agency.objects.in_bulk(above)
    deadlines = {r.agency_id: publication_deadline(r.agency, r.year, region=region_of(r.agency, known))
                 for r in stale}
    summaries_refresh_stale(stale, deadlines)
    return len(stale)


def summaries_refresh_later(report_ids: list[int]) -> None:
    """Queue the background recount of these reports, once the current transaction has committed."""
    if not report_ids:
        return
    from .tasks import recount_check_summaries

    for start in range(0, len(report_ids), RECOUNT_TASK_SIZE):
        chunk = report_ids[start:start + RECOUNT_TASK_SIZE]
        transaction.on_commit(lambda chunk=chunk: recount_check_summaries.enqueue(chunk))
