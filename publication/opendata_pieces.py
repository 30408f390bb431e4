"""Each public report's share of its region's open data, made once per version and kept for any process.

A piece is the report's entry in the region's JSON: its agency code and interchange document. The CSV and
XLSX are written from the report it reads back as, exactly as from the stored values. Pieces live in the
export cache, keyed by the report's version and a stamp of its agency's code and name (renaming an agency
changes the rows, not the version) and of the code that writes them (a deploy may write them otherwise).
"""
from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from reports import formats, interchange
from reports.exports import cache
from reports.interchange import from_json, to_json

from .selectors import PublicReport, with_content

PIECE_FORMAT = "opendata.json"


@functools.cache
def _code_digest() -> str:
    digest = hashlib.sha256(Path(__file__).read_bytes() + Path(interchange.__file__).read_bytes())
    for path in sorted(Path(formats.__file__).parent.glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def piece_path(public: PublicReport) -> Path:
    stamp = f"{cache.report_stamp(public.report)}|{public.agency.code}|{_code_digest()}"
    return cache.cache_path(
        report_id=public.report.pk, version=public.version, file_format=PIECE_FORMAT, precise_fee=False,
        draft=False, stamp=hashlib.sha256(stamp.encode()).hexdigest()[:8],
    )


def piece_entry(public: PublicReport) -> dict:
    """The report as the region's JSON lists it."""
    return {"agency_code": public.agency.code, **to_json(public.data)}


def store_piece(public: PublicReport) -> None:
    """Write the piece of a report listed with its content, unless it is there already."""
    path = piece_path(public)
    if not path.exists():
        cache.cached(path, lambda: json.dumps(piece_entry(public), ensure_ascii=False).encode())


def _read(public: PublicReport) -> PublicReport | None:
    try:
        doc = json.loads(piece_path(public).read_bytes())
    except FileNotFoundError:
        return None
    data, problems = from_json(doc)
    # A value the reader refuses (stored before a rule was tightened) would be left out: use the stored values.
    return None if problems else replace(public, data=data)


def from_pieces(reports: list[PublicReport],
                load: Callable[[list[PublicReport]], list[PublicReport]] = with_content) -> list[PublicReport]:
    """`reports` (listed without their content) with the content the open data needs, read from their pieces;
    the reports without one are loaded whole by `load`, and their pieces stored."""
    found = {p.report.pk: _read(p) for p in reports}
    missing = [p for p in reports if found[p.report.pk] is None]
    for public in load(missing) if missing else ():
        store_piece(public)
        found[public.report.pk] = public
    return [found[p.report.pk] for p in reports]
