"""The interchange JSON itself, as exported by the project or another system."""
from __future__ import annotations

import json
import re

from django.utils.translation import gettext as _

from reports.interchange import InterchangeError, from_json

from .result import ImportRejected, ImportResult, Issue

# JSON escapes can spell lone surrogates, which no page, file or database can hold.
_SURROGATES = re.compile("[\ud800-\udfff]")


def is_json(content: bytes) -> bool:
    return content.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{"


def _without_surrogates(value):
    if isinstance(value, str):
        return _SURROGATES.sub("", value)
    if isinstance(value, list):
        return [_without_surrogates(v) for v in value]
    if isinstance(value, dict):
        return {_without_surrogates(k): _without_surrogates(v) for k, v in value.items()}
    return value


def _load(content: bytes):
    try:
        return _without_surrogates(json.loads(content.decode("utf-8-sig")))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        error = exc
    except ValueError:  # int() refuses numbers of more than 4300 digits
        error = _("a number has too many digits")
    except RecursionError:
        error = _("it is nested too deeply")
    raise ImportRejected(_("The JSON file cannot be read: %(error)s") % {"error": error})


def parse_json(content: bytes, *, source: str) -> ImportResult:
    doc = _load(content)
    try:
        data, problems = from_json(doc)
    except InterchangeError as exc:
        raise ImportRejected(str(exc)) from exc
    unmapped = [Issue(f"{p.raw}", p.message, (p.field.key,) if p.field else ()) for p in problems]
    return ImportResult(data=data, source=source, unmapped=unmapped)
