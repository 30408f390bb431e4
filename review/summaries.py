"""Per-report counts of errors and warnings, so the dashboard never runs the checks row by row.

A summary belongs to one content version; a summary older than its report is stale.
The submission stores one (it runs the check anyway); `summary_refresh` is what a
write path calls after saving content.
"""
from __future__ import annotations

from reports.models import Report

from . import findings as cross_checks
from .findings import ERROR, WARNING
from .models import ReportCheckSummary


def summary_store(report: Report, findings: list) -> ReportCheckSummary:
    summary, _ = ReportCheckSummary.objects.update_or_create(
        report=report,
        defaults={
            "version": report.version,
            "errors": sum(1 for f in findings if f.severity == ERROR),
            "warnings": sum(1 for f in findings if f.severity == WARNING),
        },
    )
    return summary


def summary_refresh(report: Report) -> ReportCheckSummary:
    return summary_store(report, cross_checks.report_findings(report, stage="submit"))
