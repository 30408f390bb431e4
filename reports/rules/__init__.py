"""Cross-checks (勾稽关系) and validation rules: rules as data, one pure evaluator.

    evaluate(data, last_year=..., facts=..., stage="draft"|"submit") -> [Finding]
    compute_totals(fmt, cells) -> {computed key: value}
    findings_for_section(findings, "apply") / finding_sections(finding)
    findings_from_problems(problems)  # input problems (unknown keys, unreadable values) as findings

The rules themselves are data in `definitions`; the kinds they are made of live in
`sums`, `values`, `narrative`, `numbers`, `similarity` and `meta`. Nothing here reads the
database: reports.selectors.check_report loads a stored report and its inputs.
"""
from .evaluator import evaluate
from .finding import (
    DRAFT,
    ERROR,
    INFO,
    SEVERITIES,
    STAGES,
    SUBMIT,
    WARNING,
    Finding,
    Severity,
    Stage,
    has_errors,
)
from .input import findings_from_problems
from .sections import COVER, finding_sections, findings_for_section
from .totals import compute_totals

__all__ = [
    "COVER", "DRAFT", "ERROR", "INFO", "SEVERITIES", "STAGES", "SUBMIT", "WARNING", "Finding", "Severity", "Stage",
    "compute_totals", "evaluate", "finding_sections", "findings_for_section", "findings_from_problems",
    "has_errors",
]
