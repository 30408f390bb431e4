"""The cross-checks as the wizard shows them: per step, with a status for the task list."""
from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from reports.models import ReportStatus
from reports.rules import DRAFT, ERROR, WARNING, Finding, evaluate, finding_sections, findings_for_section
from review.summaries import summary_refresh, summary_store_saved

from .selectors import DraftState, draft_state
from .steps import Step, dom_id, steps_for


class Progress(models.TextChoices):
    """A step's status in the task list."""

    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    HAS_ERRORS = "has_errors", _("Has errors")
    COMPLETE = "complete", _("Complete")


# Texts the format allows to leave empty: the customary preamble and the lead paragraph of 一.
OPTIONAL_TEXTS = frozenset({"text.preamble", "text.overview"})


def findings(state: DraftState, *, stage: str = DRAFT) -> list[Finding]:
    return evaluate(state.data, last_year=state.last_year, facts=state.facts, stage=stage)


def counts_store(report, outcome) -> None:
    """Keep the dashboard's counts of a report current after a save that made a new version: from the content
    the save produced (no read) when it is known, else by reading the report again."""
    if outcome.data is None:
        summary_refresh(report)
        return
    state = draft_state(report, data=outcome.data, inputs=outcome.inputs)
    summary_store_saved(report, outcome.version, state, findings(state))


def for_step(step: Step, all_findings: list[Finding]) -> list[Finding]:
    return findings_for_section(all_findings, step.slug)


def anchor(finding: Finding) -> str:
    """The id of the first input a finding points at, for links and aria-describedby."""
    keys = finding.cells + finding.texts
    return dom_id(keys[0]) if keys else ""


@dataclass(frozen=True)
class StepStatus:
    step: Step
    status: str
    errors: int
    warnings: int

    @property
    def label(self):
        return Progress(self.status).label


def _filled(step: Step, state: DraftState) -> tuple[bool, bool]:
    """(anything entered, everything that must be entered is)."""
    data = state.data
    cells = [data.value(k) is not None for k in step.input_keys]
    texts = [bool(data.text(k)) for k in step.text_keys]
    needed = [bool(data.text(k)) for k in step.text_keys if k not in OPTIONAL_TEXTS] + cells
    if step.has_meta:
        texts += [bool(data.title), data.signed_on is not None]
        needed.append(data.signed_on is not None)
    return any(cells + texts), all(needed)


def step_statuses(state: DraftState, all_findings: list[Finding]) -> list[StepStatus]:
    fmt = state.data.format
    by_step: dict[str, list[Finding]] = {}
    for f in all_findings:
        for slug in finding_sections(f):
            by_step.setdefault(slug, []).append(f)
    result = []
    for step in steps_for(fmt):
        mine = by_step.get(step.slug, [])
        errors = sum(f.severity == ERROR for f in mine)
        warnings = sum(f.severity == WARNING for f in mine)
        if step.is_check:
            status = Progress.NOT_STARTED if state.report.status == ReportStatus.DRAFT else Progress.COMPLETE
        else:
            started, complete = _filled(step, state)
            if not started:
                status = Progress.NOT_STARTED
            elif errors:
                status = Progress.HAS_ERRORS
            else:
                status = Progress.COMPLETE if complete else Progress.IN_PROGRESS
        result.append(StepStatus(step, status, errors, warnings))
    return result
