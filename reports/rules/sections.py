"""Which drafting step a finding belongs to, so each step shows its own findings.

Steps are the format's section keys (overview, active, apply, appeal, problems,
other) plus COVER for the title, signature date, format and preamble.
"""
from __future__ import annotations

import functools

from reports.formats import FORMATS

from .finding import Finding

COVER = "cover"


@functools.cache
def _step_of_prefix() -> dict[str, str]:
    """Table key and narrative key -> step, over every format."""
    steps = {}
    for fmt in FORMATS.values():
        for section in fmt.sections:
            if section.table is not None:
                steps[section.table.key] = section.key
            for text in section.texts:
                steps[text.key] = section.key
        steps[fmt.preamble.key] = COVER
    return steps


def finding_sections(finding: Finding) -> tuple[str, ...]:
    """The steps `finding` points at, in order of first mention; COVER when it names no cell or text."""
    steps = _step_of_prefix()
    found = [steps.get(key.split(".", 1)[0], COVER) for key in finding.cells]
    found += [steps.get(key, COVER) for key in finding.texts]
    return tuple(dict.fromkeys(found)) or (COVER,)


def findings_for_section(findings, section_key: str) -> list[Finding]:
    return [f for f in findings if section_key in finding_sections(f)]
