"""The report interchange JSON: read and write ReportData.

See the project documentation (docs/interchange.md). Unknown cell keys are errors that
name the key; unknown top-level fields are annotations and ignored.
"""
from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from .data import ReportData
from .formats import AMOUNT, LAST_YEAR, UnknownFormat, format_for_year, get_format
from .normalize import InvalidValue, amount_text, parse_value


class InterchangeError(ValueError):
    """The document as a whole cannot be read (one line, for the user)."""


def _cells(fmt, cells: dict) -> tuple[dict, list[InvalidValue]]:
    """The parsed values of a document's cells, and the problems of those that cannot be read."""
    problems: list[InvalidValue] = []
    values = {}
    for key, raw in cells.items():
        if key not in fmt.field_map:
            problems.append(
                InvalidValue(None, str(key), _("Unknown cell key “%(key)s” for format %(format)s.")
                             % {"key": key, "format": fmt.id})
            )
            continue
        field = fmt.field(key)
        if isinstance(raw, float) and field.kind == AMOUNT:
            # A binary float cannot carry an exact amount: the format asks for a decimal string.
            problems.append(InvalidValue(field, repr(raw), _(
                "%(cell)s: write the amount as a decimal string such as “%(example)s”, not as a JSON number."
            ) % {"cell": field.label, "example": f"{raw:.{field.decimals}f}"}))
            continue
        try:
            values[key] = parse_value(field, raw)
        except InvalidValue as exc:
            problems.append(exc)
    return values, problems


def from_json(doc: dict) -> tuple[ReportData, list[InvalidValue]]:
    """Read a document; per-cell problems are returned, not raised."""
    if not isinstance(doc, dict):
        raise InterchangeError(_("The document is not a JSON object."))
    try:
        year = int(doc["year"])
        if not 0 < year <= LAST_YEAR:
            raise ValueError(year)
    except (KeyError, TypeError, ValueError, OverflowError):
        raise InterchangeError(_("The document has no valid “year”.")) from None
    try:
        fmt = get_format(str(doc["format"])) if doc.get("format") else format_for_year(year)
    except UnknownFormat:
        raise InterchangeError(_("Unknown format “%(format)s”.") % {"format": doc.get("format") or year}) from None
    signed_on = None
    if doc.get("signed_on"):
        try:
            signed_on = date.fromisoformat(str(doc["signed_on"]))
        except ValueError:
            raise InterchangeError(_("“signed_on” is not a date (YYYY-MM-DD).")) from None
    texts = doc.get("texts") or {}
    cells = doc.get("cells") or {}
    if not isinstance(texts, dict) or not isinstance(cells, dict):
        raise InterchangeError(_("“texts” and “cells” must be JSON objects."))
    values, problems = _cells(fmt, cells)
    unknown_texts = [k for k in texts if k not in fmt.text_keys]
    for key in unknown_texts:
        problems.append(InvalidValue(None, str(key), _("Unknown text key “%(key)s”.") % {"key": key}))
    data = ReportData(
        format=fmt,
        year=year,
        agency=str(doc.get("agency") or ""),
        title=str(doc.get("title") or ""),
        signed_on=signed_on,
        texts={k: str(v) for k, v in texts.items() if k in fmt.text_keys and v is not None},
        cells=values,
    )
    return data, problems


def cell_to_json(fmt, key, value):
    if value is None:
        return None
    if fmt.field(key).kind == AMOUNT:
        return amount_text(value, fmt.field(key).decimals)
    return int(value)


def to_json(data: ReportData) -> dict:
    fmt = data.format
    return {
        "format": fmt.id,
        "year": data.year,
        "agency": data.agency,
        "title": data.display_title,
        "signed_on": data.signed_on.isoformat() if data.signed_on else None,
        "texts": {k: data.texts[k] for k in fmt.text_keys if data.texts.get(k)},
        "cells": {k: cell_to_json(fmt, k, data.cells.get(k)) for k in fmt.keys if data.cells.get(k) is not None},
    }
