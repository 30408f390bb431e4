"""Where a key of a report lives: its section, its label. Read from the format definition."""
from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from reports.formats import ReportFormat

# Title, signature date and preface belong to no numbered section; the wizard calls their step "cover".
META_SECTION = "cover"
META_LABELS = {"meta.title": _("Title"), "meta.signed_on": _("Signature date")}


def section_choices(fmt: ReportFormat) -> list[tuple[str, str]]:
    return [(META_SECTION, str(_("Title, preface and signature")))] + [(s.key, s.heading) for s in fmt.sections]


def section_of(fmt: ReportFormat, key: str) -> str:
    if key in fmt.field_map:
        table = fmt.field(key).table
        return next(s.key for s in fmt.sections if s.table is not None and s.table.key == table)
    for section in fmt.sections:
        if any(t.key == key for t in section.texts):
            return section.key
    return META_SECTION


def section_keys(fmt: ReportFormat, section: str) -> list[str]:
    """Every value, text and metadata key shown in `section`."""
    keys = list(META_LABELS) + list(fmt.keys) + list(fmt.text_keys)
    return [k for k in keys if section_of(fmt, k) == section]


def key_label(fmt: ReportFormat, key: str) -> str:
    if key in fmt.field_map:
        return fmt.field(key).label
    for text in fmt.text_fields:
        if text.key == key:
            return text.label
    return str(META_LABELS.get(key, key))
