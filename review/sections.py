"""The sections a reviewer comments on and compares versions by, read from the format definition."""
from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from reports.formats import META_KEYS, META_SECTION, ReportFormat


def section_choices(fmt: ReportFormat) -> list[tuple[str, str]]:
    return [(META_SECTION, str(_("Title, preface and signature")))] + [(s.key, s.heading) for s in fmt.sections]


def section_keys(fmt: ReportFormat, section: str) -> list[str]:
    """Every value, text and metadata key shown in `section`."""
    keys = list(META_KEYS) + list(fmt.keys) + list(fmt.text_keys)
    return [k for k in keys if fmt.section_of(k) == section]
