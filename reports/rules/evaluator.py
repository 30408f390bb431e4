"""The one evaluator: runs rules (data) against a report, with no database access."""
from __future__ import annotations

import functools

from django.utils.translation import get_language

from reports.data import AgencyFacts, ReportData
from reports.formats import get_format

from .base import Context
from .finding import DRAFT, STAGES, Finding


@functools.lru_cache(maxsize=64)  # bounded: callers may pass rule subsets of their own
def _plans(rules: tuple, format_id: str, language: str | None) -> tuple:
    """Each rule for the format with its expansion; built once per format and language."""
    fmt = get_format(format_id)
    return tuple((rule, rule.plan(fmt)) for rule in rules if rule.for_format(fmt))


def evaluate(
    data: ReportData,
    *,
    last_year: ReportData | None = None,
    facts: AgencyFacts | None = None,
    stage: str = DRAFT,
    rules: tuple | None = None,
) -> list[Finding]:
    """Every finding of `rules` (default: all) on `data`, in the order the rules are defined.

    `last_year` enables the cross-year rules, `facts` those about the agency;
    stage "submit" adds the rules that only block submission (VALUE-FILLED).
    """
    if stage not in STAGES:
        raise ValueError(f"unknown stage {stage!r}")
    if rules is None:
        from .definitions import RULES

        rules = RULES
    ctx = Context(data, last_year, facts, stage)
    findings: list[Finding] = []
    for rule, plan in _plans(rules, data.format.id, get_language()):
        if rule.applies(ctx):
            findings.extend(rule.check(ctx, plan))
    return findings
