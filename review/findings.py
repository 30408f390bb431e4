"""The cross-check findings of a report, as the review workflow needs them."""
from __future__ import annotations

from reports.models import Report
from reports.rules.finding import ERROR, INFO, WARNING
from reports.rules.report_check import check_report

__all__ = ["ERROR", "INFO", "WARNING", "report_findings"]


def report_findings(report: Report, *, stage: str) -> list:
    """Findings of the statutory cross-checks for `report` at `stage` ("draft" or "submit")."""
    return check_report(report, stage=stage)
