"""The interchange JSON itself, as exported by the project or another system."""
from __future__ import annotations

import json

from django.utils.translation import gettext as _

from reports.interchange import InterchangeError, from_json

from .result import ImportRejected, ImportResult, Issue


def is_json(content: bytes) -> bool:
    return content.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{"


def parse_json(content: bytes, *, source: str) -> ImportResult:
    try:
        doc = json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ImportRejected(_("The JSON file cannot be read: %(error)s") % {"error": exc}) from exc
    try:
        data, problems = from_json(doc)
    except InterchangeError as exc:
        raise ImportRejected(str(exc)) from exc
    unmapped = [Issue(f"{p.raw}", p.message, (p.field.key,) if p.field else ()) for p in problems]
    return ImportResult(data=data, source=source, unmapped=unmapped)
