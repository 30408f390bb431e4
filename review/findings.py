"""The cross-check findings of a report, as the review workflow needs them."""
from __future__ import annotations

from reports.models import Report

ERROR, WARNING, INFO = "error", "warning", "info"


def report_findings(report: Report, *, stage: str) -> list:
    """Findings of the statutory cross-checks for `report` at `stage` ("draft" or "submit")."""
    from reports.rules.report_check import check_report

    return check_report(report, stage=stage)
