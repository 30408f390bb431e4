"""Which drafting step a finding belongs to, so each step shows its own findings.

Steps are the format's section keys (overview, active, apply, appeal, problems,
other) plus COVER for the title, signature date, format and preamble.
"""
from __future__ import annotations

from reports.formats import FORMATS, META_SECTION

from .finding import Finding

COVER = META_SECTION


def _section_of(key: str) -> str:
    # A finding does not say which format it was made for; the formats agree on their section keys.
    for fmt in FORMATS.values():
        section = fmt.section_of(key)
        if section != COVER:
            return section
    return COVER


def finding_sections(finding: Finding) -> tuple[str, ...]:
    """The steps `finding` points at, in order of first mention; COVER when it names no cell or text."""
    found = [_section_of(key.split(".", 1)[0]) for key in finding.cells]
    found += [_section_of(key) for key in finding.texts]
    return tuple(dict.fromkeys(found)) or (COVER,)


def findings_for_section(findings, section_key: str) -> list[Finding]:
    return [f for f in findings if section_key in finding_sections(f)]
