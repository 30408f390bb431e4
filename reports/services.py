"""Every write to a report goes through here: creation, content changes, history.

Views, imports, the API and the admin call these; none writes a model directly.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from agencies.models import Agency
from audit.models import AuditAction
from audit.services import audit_record

from .data import ReportData
from .formats import AMOUNT, META_SIGNED_ON, META_TITLE, format_for_year
from .models import (
    VALUE_COLUMNS,
    Report,
    ReportChange,
    ReportStatus,
    ReportText,
    ReportValue,
    amount_scale,
    stored_value,
)


class ReportLocked(PermissionDenied):
    """The report is not a draft: nothing may change it."""


@dataclass(frozen=True)
class SaveOrigin:
    """The browser tab a save comes from and how many saves that tab had sent before it.

    Two saves from one tab are one person's input in order: the later one is never a conflict
    with the earlier, and an earlier one arriving late never overwrites the later.
    """

    tab: str
    seq: int = 0


class StaleVersion(Exception):
    """Someone saved the report since the form was loaded."""

    def __init__(self, report: Report, changed_keys: list[str]):
        self.report, self.changed_keys = report, changed_keys
        super().__init__(_("The report was changed by someone else in the meantime."))


@transaction.atomic
def report_create(*, agency: Agency, year: int, by=None) -> Report:
    report = Report(agency=agency, year=year, format_id=format_for_year(year).id, created_by=by, updated_by=by)
    report.save()
    audit_record(AuditAction.CREATED, by=by, report=report)
    return report


def report_get_or_create(*, agency: Agency, year: int, by=None) -> Report:
    report = Report.objects.filter(agency=agency, year=year).first()
    return report or report_create(agency=agency, year=year, by=by)


def _stored(value) -> str | None:
    if value is None:
        return None
    return str(value)


Change = tuple[str, str | None, str | None]  # (key, old, new) as stored in ReportChange


def _refuse_stale(locked: Report, mine: dict[str, str | None], expected_version: int | None, by,
                  origin: SaveOrigin | None) -> set[str]:
    """StaleVersion when a key in `mine` was changed by someone else after `expected_version`.

    `mine` maps each key being written to its value as stored in the history. Not a conflict: a key
    whose stored value already is mine, or that only this person's own tab changed since. Returns
    the keys a later save from this same tab already wrote: those are left as they are.
    """
    if expected_version is None or expected_version >= locked.version:
        return set()
    since: dict[str, list] = {}
    for change in ReportChange.objects.filter(
        report=locked, version__gt=expected_version, key__in=list(mine)
    ).order_by("version", "id").only("key", "new", "changed_by_id", "tab", "tab_seq"):
        since.setdefault(change.key, []).append(change)
    clashing, superseded = [], set()
    for key, changes in since.items():
        if changes[-1].new == mine[key]:
            continue
        if origin and origin.tab and by is not None and all(
            c.changed_by_id == by.pk and c.tab == origin.tab for c in changes
        ):
            if max(c.tab_seq for c in changes) > origin.seq:
                superseded.add(key)
            continue
        clashing.append(key)
    if clashing:
        raise StaleVersion(locked, sorted(clashing))
    return superseded


def _as_history(cells: dict, texts: dict, title: str | None, signed_on) -> dict[str, str | None]:
    """The values about to be written, as the history stores them (to compare with its last entry)."""
    mine = {k: _stored(v) for k, v in cells.items()} | {k: v or None for k, v in texts.items()}
    if title is not None:
        mine[META_TITLE] = title or None
    if signed_on is not False:
        mine[META_SIGNED_ON] = _stored(signed_on)
    return mine


def _write_cells(locked: Report, cells: dict) -> list[Change]:
    if not cells:  # nothing to look up: not even the query built for an empty list
        return []
    fmt = locked.format
    stored_values = {v.key: v for v in locked.values.filter(key__in=list(cells))}
    changes = []
    for key, new in cells.items():
        row = stored_values.get(key)
        old = row.value if row else None
        # An amount re-entered with other decimals (96171.6 → 96171.60) is a change: it prints differently.
        if _stored(old) == _stored(new) or (
            old is not None and new is not None and old == new and not isinstance(new, Decimal)
        ):
            continue
        changes.append((key, _stored(old), _stored(new)))
        if new is None:
            if row:
                row.delete()
            continue
        is_amount = fmt.field(key).kind == AMOUNT
        fields = (
            {"amount": new, "scale": amount_scale(Decimal(new)), "number": None} if is_amount
            else {"number": new, "amount": None, "scale": None}
        )
        if row:
            for name, val in fields.items():
                setattr(row, name, val)
            row.save(update_fields=list(fields))
        else:
            ReportValue.objects.create(report=locked, key=key, **fields)
    return changes


def _write_texts(locked: Report, texts: dict) -> list[Change]:
    if not texts:
        return []
    stored_texts = {t.key: t for t in locked.texts.filter(key__in=list(texts))}
    changes = []
    for key, new in texts.items():
        new = new or ""
        row = stored_texts.get(key)
        old = row.body if row else ""
        if old == new:
            continue
        changes.append((key, old or None, new or None))
        if row:
            row.body = new
            row.save(update_fields=["body"])
        else:
            ReportText.objects.create(report=locked, key=key, body=new)
    return changes


def _write_metadata(locked: Report, title: str | None, signed_on: date | None | bool) -> list[Change]:
    """Sets title and signature date on `locked` (saved with the version); None / False leave them alone."""
    changes = []
    if title is not None and title != locked.title:
        changes.append((META_TITLE, locked.title or None, title or None))
        locked.title = title
    if signed_on is not False and signed_on != locked.signed_on:
        changes.append((META_SIGNED_ON, _stored(locked.signed_on), _stored(signed_on)))
        locked.signed_on = signed_on
    return changes


@transaction.atomic
def report_write(
    *,
    report: Report,
    by=None,
    cells: dict | None = None,
    texts: dict | None = None,
    title: str | None = None,
    signed_on: date | None | bool = False,
    expected_version: int | None = None,
    allow_locked: bool = False,
    origin: SaveOrigin | None = None,
) -> Report:
    """Apply changed cells, texts and metadata to a draft, record each change, bump the version.

    `cells` maps canonical keys to already-parsed values (None clears a cell);
    `signed_on=False` leaves the date alone. Raises ReportLocked for a report that
    is not a draft, StaleVersion when `expected_version` is older than the stored one
    and a key being written was changed since by someone else (see `_refuse_stale`).
    `report.superseded` lists the keys left alone because a later save of the same tab wrote them.
    """
    locked = Report.objects.select_for_update().get(pk=report.pk)
    if locked.is_locked and not allow_locked:
        raise ReportLocked(_("This report is %(status)s and cannot be changed.") % {
            "status": locked.get_status_display()})
    cells, texts = cells or {}, texts or {}
    fmt = locked.format
    unknown = [k for k in cells if k not in fmt.field_map] + [k for k in texts if k not in fmt.text_keys]
    if unknown:
        raise KeyError(", ".join(unknown))
    superseded = _refuse_stale(locked, _as_history(cells, texts, title, signed_on), expected_version, by, origin)
    if superseded:
        cells = {k: v for k, v in cells.items() if k not in superseded}
        texts = {k: v for k, v in texts.items() if k not in superseded}
        title = None if META_TITLE in superseded else title
        signed_on = False if META_SIGNED_ON in superseded else signed_on

    changes = _write_cells(locked, cells) + _write_texts(locked, texts) + _write_metadata(locked, title, signed_on)
    if changes:
        locked.version += 1
        locked.updated_by = by
        locked.save(update_fields=["title", "signed_on", "version", "updated_by", "updated_at"])
        ReportChange.objects.bulk_create(
            ReportChange(report=locked, key=k, old=o, new=n, version=locked.version, changed_by=by,
                         tab=origin.tab if origin else "", tab_seq=origin.seq if origin else 0)
            for k, o, n in changes
        )
    _take_stored_fields(report, locked)
    report.superseded = superseded
    return report


def _take_stored_fields(report: Report, stored: Report) -> None:
    """`report` as `stored` (just read and saved under the lock): refresh_from_db without its two queries.

    Unlike refresh_from_db it keeps the cached agency, which a report never changes.
    """
    for f in Report._meta.concrete_fields:
        setattr(report, f.attname, getattr(stored, f.attname))  # a changed foreign key drops its cached object
        if f.is_relation and f.is_cached(stored):  # updated_by, just set to the writer
            f.set_cached_value(report, f.get_cached_value(stored))
    if hasattr(report, "_prefetched_objects_cache"):
        report._prefetched_objects_cache = {}


def report_replace_content(*, report: Report, data: ReportData, by=None, allow_locked: bool = False) -> Report:
    """Make the report hold exactly `data` (import, demo data): absent cells and texts are cleared."""
    fmt = report.format
    current = report_data(report)
    cells = {k: data.cells.get(k) for k in fmt.keys if data.cells.get(k) != current.cells.get(k)}
    texts = {k: data.texts.get(k, "") for k in fmt.text_keys if data.texts.get(k, "") != current.texts.get(k, "")}
    with transaction.atomic():
        report = report_write(
            report=report,
            by=by,
            cells=cells,
            texts=texts,
            title=data.title if data.title != data.default_title else "",
            signed_on=data.signed_on,
            allow_locked=allow_locked,
        )
        audit_record(AuditAction.IMPORTED, by=by, report=report, changes=len(cells) + len(texts))
    return report


def report_data(report: Report) -> ReportData:
    """The report's content as ReportData (two queries)."""
    return reports_data([report])[0]


def reports_data(reports: list[Report]) -> list[ReportData]:
    """The content of each of `reports`, in their order: two queries however many there are."""
    ids = [r.pk for r in reports]
    cells: dict[int, dict] = {pk: {} for pk in ids}
    for report_id, key, *value in ReportValue.objects.filter(report_id__in=ids).values_list(
        "report_id", "key", *VALUE_COLUMNS
    ):
        cells[report_id][key] = value
    texts: dict[int, dict] = {pk: {} for pk in ids}
    for report_id, key, body in ReportText.objects.filter(report_id__in=ids).values_list("report_id", "key", "body"):
        texts[report_id][key] = body
    result = []
    for report in reports:
        fmt = report.format
        result.append(ReportData(
            format=fmt,
            year=report.year,
            agency=report.agency.name,
            title=report.title,
            signed_on=report.signed_on,
            texts=texts[report.pk],
            cells={k: stored_value(*v) for k, v in cells[report.pk].items() if k in fmt.field_map},
        ))
    return result


def report_set_status(*, report: Report, status: str) -> Report:
    """Low-level status change for loading data; the review workflow has its own services."""
    if status not in ReportStatus.values:
        raise ValueError(status)
    Report.objects.filter(pk=report.pk).update(status=status)
    report.status = status
    return report
