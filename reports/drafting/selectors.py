"""Reads the wizard needs: the report's content, last year's, and the agency facts the checks use."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reports.data import AgencyFacts, ReportData
from reports.models import Report
from reports.selectors import CheckInputs, check_inputs, report_with_inputs


@dataclass
class DraftState:
    """Everything the steps, the hub and the checks read about one report (a fixed number of queries)."""

    report: Report
    data: ReportData
    last_year: ReportData | None
    facts: AgencyFacts

    @property
    def deadline(self) -> date:
        return self.facts.deadline


def draft_state(report: Report, *, data: ReportData | None = None, inputs: CheckInputs | None = None) -> DraftState:
    """`data` (and `inputs`) save reading the report (and last year's) again right after a save that produced it."""
    if data is None:
        data, inputs = report_with_inputs(report)  # this year's and last year's content in the same two queries
    elif inputs is None:
        inputs = check_inputs(report.agency, report.year)
    return DraftState(report=report, data=data, last_year=inputs.last_year, facts=inputs.facts)
