"""How messages name cells, sums and dates: always from the format's own labels."""
from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from reports.formats import ReportFormat

# Longer lists of parts are named by their first and last label.
MAX_LISTED = 6


def enumerate_labels(labels: list[str]) -> str:
    if len(labels) > MAX_LISTED:
        return _("%(first)s to %(last)s") % {"first": labels[0], "last": labels[-1]}
    return pgettext("list of labels", ", ").join(labels)


def enumerate_some(labels: list[str], shown: int = 3) -> str:
    """The first `shown` labels, and how many there are in all when there are more."""
    listed = pgettext("list of labels", ", ").join(labels[:shown])
    if len(labels) <= shown:
        return listed
    return _("%(labels)s and others (%(count)d in all)") % {"labels": listed, "count": len(labels)}


def labelled_value(label: str, value) -> str:
    return _("%(label)s (%(value)s)") % {"label": label, "value": value}


def last_year_label(label: str) -> str:
    return _("last year's %(label)s") % {"label": label}


def signed_terms(terms: list[tuple[int, str]]) -> str:
    """`[(1, a), (1, b), (-1, c)]` -> `a加b减c`."""
    text = ""
    for sign, label in terms:
        if not text:
            text = label if sign > 0 else _("minus %(label)s") % {"label": label}
        elif sign > 0:
            text = _("%(left)s plus %(right)s") % {"left": text, "right": label}
        else:
            text = _("%(left)s minus %(right)s") % {"left": text, "right": label}
    return text


def cell_label(fmt: ReportFormat, key: str) -> str:
    field = fmt.field_map.get(key)
    return field.label if field else key


def text_label(fmt: ReportFormat, key: str) -> str:
    return next((t.label for t in fmt.text_fields if t.key == key), key)


def section_heading_of_text(fmt: ReportFormat, key: str) -> str:
    for section in fmt.sections:
        if any(t.key == key for t in section.texts):
            return section.heading
    return text_label(fmt, key)


def table_heading(fmt: ReportFormat, table_key: str) -> str:
    return next(s.heading for s in fmt.sections if s.table is not None and s.table.key == table_key)


def long_date(day: date) -> str:
    return _("%(month)d/%(day)d/%(year)d") % {"year": day.year, "month": day.month, "day": day.day}


def number(value) -> str:
    return str(value)
