"""Writes the wizard makes: starting a report, saving a step, prefills, pasted blocks.

A draft always saves: cells that do not parse are reported and left as they
were, the rest is written. Only keys whose value differs from the stored one
are written, so the stale-version check flags exactly the keys two people both
have different values for.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from agencies.models import Agency
from agencies.people import person_name
from reports.data import ReportData
from reports.formats import META_SIGNED_ON, META_TITLE, format_for_year
from reports.models import Report, ReportChange
from reports.normalize import InvalidValue, normalize_text, normalize_title, parse_value, text_too_long
from reports.rules import compute_totals
from reports.rules.carry import prefill_offers
from reports.selectors import CheckInputs, report_with_inputs
from reports.services import SaveOrigin, StaleVersion, report_data, report_get_or_create, report_write
from reports.tidy import text_tidy_apply

from .steps import Step

_CHINESE_DATE = re.compile(r"\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*")


@dataclass(frozen=True)
class TheirChange:
    key: str
    label: str
    value: str
    by: str


@dataclass
class StepOutcome:
    version: int
    errors: dict[str, str] = field(default_factory=dict)
    conflicts: list[TheirChange] = field(default_factory=list)
    # The version people may overwrite when they keep their own input after a conflict.
    current_version: int = 0
    # The content as saved, when it is known without reading it again (no conflict).
    data: ReportData | None = None
    # Last year's content and the agency's facts, read with the content before saving.
    inputs: CheckInputs | None = None

    @property
    def ok(self) -> bool:
        return not self.errors and not self.conflicts


class PasteRefused(ValueError):
    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


def report_start(*, agency: Agency, year: int, by) -> Report:
    format_for_year(year)  # raises UnknownFormat for a year no format covers
    return report_get_or_create(agency=agency, year=year, by=by)


def parse_date(raw: str) -> date | None:
    """ISO (`2025-01-20`, what date inputs send) or Chinese (`2025年1月20日`); blank is None."""
    raw = (raw or "").strip()
    if not raw:
        return None
    match = _CHINESE_DATE.fullmatch(raw)
    if match:
        return date(*map(int, match.groups()))
    return date.fromisoformat(raw)


def display_value(value) -> str:
    """A stored value as typed into a cell: no separators, amounts with the decimals entered."""
    if value is None:
        return ""
    return str(value) if isinstance(value, int) else format(value, "f")


def step_save(
    *, report: Report, step: Step, submitted: Mapping[str, str], by, expected_version: int,
    origin: SaveOrigin | None = None,
) -> StepOutcome:
    fmt = report.format
    current, inputs = report_with_inputs(report)  # the checks after the save need last year's too
    errors: dict[str, str] = {}
    cells: dict = {}
    for key in step.input_keys:
        # A cell sent back as it is stored parses to the stored value: most of a step's cells, as people type.
        if key in submitted and submitted[key] != display_value(current.cells.get(key)):
            try:
                cells[key] = parse_value(fmt.field(key), submitted[key])
            except InvalidValue as exc:
                errors[key] = exc.message
    changed_cells = _changed(step, current, cells)
    changed_texts = {
        k: normalize_text(submitted[k])
        for k in step.text_keys
        if k in submitted and normalize_text(submitted[k]) != current.text(k)
    }
    for key, text in list(changed_texts.items()):
        if message := text_too_long(text):
            errors[key] = message
            del changed_texts[key]
    meta = _meta_changes(report, step, submitted, current, errors)
    try:
        report_write(
            report=report, by=by, cells=changed_cells, texts=changed_texts, expected_version=expected_version,
            origin=origin, **meta
        )
    except StaleVersion as exc:
        return _save_around_conflict(report, step, by, exc, expected_version, cells, changed_texts, meta, errors,
                                     origin)
    if report.superseded:  # a later save of this tab got there first: read what is stored
        return StepOutcome(version=report.version, errors=errors, current_version=report.version)
    saved = replace(
        current,
        cells={k: v for k, v in {**current.cells, **changed_cells}.items() if v is not None},
        texts={**current.texts, **changed_texts},
        title=meta.get("title", current.title),
        signed_on=meta.get("signed_on", current.signed_on),
    )
    return StepOutcome(version=report.version, errors=errors, current_version=report.version, data=saved,
                       inputs=inputs)


def _changed(step: Step, current: ReportData, cells: dict) -> dict:
    """Typed cells plus the step's recomputed totals, keeping those that differ from what is stored."""
    if step.table:
        fmt = current.format
        totals = compute_totals(fmt, {**current.cells, **cells})
        cells = {**cells, **{k: totals.get(k) for k in step.cell_keys if fmt.field(k).computed}}
    return {k: v for k, v in cells.items() if current.cells.get(k) != v}


def _save_around_conflict(report, step, by, exc, expected_version, cells, texts, meta, errors, origin) -> StepOutcome:
    """Save everything except the keys someone else changed meanwhile; report those with their values."""
    theirs = their_changes(report, exc.changed_keys, since=expected_version)
    clashing = set(exc.changed_keys)
    fresh = report_data(report)
    mine = {k: v for k, v in cells.items() if k not in clashing and not report.format.field(k).computed}
    report_write(
        report=report,
        by=by,
        cells=_changed(step, fresh, mine),
        texts={k: v for k, v in texts.items() if k not in clashing},
        origin=origin,
        **{k: v for k, v in meta.items() if f"meta.{k}" not in clashing},
    )
    # Only recomputed totals clashed: nothing anyone typed was at stake.
    version = expected_version if theirs else report.version
    return StepOutcome(version=version, errors=errors, conflicts=theirs, current_version=report.version)


def _meta_changes(report, step, submitted, current: ReportData, errors) -> dict:
    if not step.has_meta:
        return {}
    changes = {}
    if META_TITLE in submitted:
        title = normalize_title(submitted[META_TITLE])
        title = "" if title == report.default_title else title
        limit = Report._meta.get_field("title").max_length
        if len(title) > limit:
            errors[META_TITLE] = _("The title can have at most %(limit)d characters.") % {"limit": limit}
        elif title != current.title:
            changes["title"] = title
    if META_SIGNED_ON in submitted:
        try:
            signed_on = parse_date(submitted[META_SIGNED_ON])
        except ValueError:
            errors[META_SIGNED_ON] = _("“%(raw)s” is not a date.") % {"raw": submitted[META_SIGNED_ON][:20]}
        else:
            if signed_on != current.signed_on:
                changes["signed_on"] = signed_on
    return changes


def their_changes(report: Report, keys: list[str], *, since: int) -> list[TheirChange]:
    """What others saved for `keys` after version `since`: the stored value now and who saved it last."""
    fmt = report.format
    data = report_data(report)
    last_by = {}
    changes = ReportChange.objects.filter(report=report, key__in=keys, version__gt=since).select_related("changed_by")
    for change in changes.order_by("version"):
        user = change.changed_by
        last_by[change.key] = person_name(user)
    texts = set(fmt.text_keys)
    result = []
    for key in keys:
        if key in fmt.field_map:
            if fmt.field(key).computed:
                continue
            value = display_value(data.cells.get(key))
        elif key in texts:
            value = data.text(key)
        elif key == META_TITLE:
            value = data.display_title
        else:
            value = data.signed_on.isoformat() if data.signed_on else ""
        result.append(TheirChange(key=key, label=fmt.label_of(key), value=value, by=last_by.get(key, "")))
    return result


def text_start_from_last_year(
    *, report: Report, key: str, last_year: ReportData | None, by, expected_version: int
) -> bool:
    """Copy last year's text for `key` into an empty text; False when there is nothing to copy or it is not empty."""
    if last_year is None or not last_year.text(key) or report_data(report).text(key):
        return False
    report_write(report=report, by=by, texts={key: last_year.text(key)}, expected_version=expected_version)
    return True


def blank_cells(step: Step, data: ReportData, offers: Mapping) -> list[str]:
    """The step's cells nobody filled in and the page offers nothing for: what 空白填0 fills."""
    fmt = data.format
    return [k for k in step.input_keys if not fmt.field(k).computed and data.cells.get(k) is None and k not in offers]


def cells_fill_zero(*, report: Report, steps: list[Step], last_year: ReportData | None, by) -> int:
    """空白填0: every still-empty cell of `steps` becomes 0 (totals recomputed), through the one write
    service, so the history records it like typing; returns how many cells were filled."""
    fmt = report.format
    with transaction.atomic():
        Report.objects.select_for_update().filter(pk=report.pk).first()  # nobody types into a blank meanwhile
        current = report_data(report)
        offers = prefill_offers(data=current, last_year=last_year)
        zeros = {k: parse_value(fmt.field(k), "0") for step in steps for k in blank_cells(step, current, offers)}
        if zeros:
            report_write(report=report, by=by, cells=zeros)
    return len(zeros)


def text_tidy_paragraph(*, report: Report, key: str, index: int, expected: str, by) -> bool:
    """一键排版 of one paragraph the 填报人 accepted; False when it changed since the proposal was shown."""
    if key not in report.format.text_keys:
        raise KeyError(key)
    tidied = text_tidy_apply(report_data(report).text(key), index, expected)
    if tidied is None:
        return False
    report_write(report=report, by=by, texts={key: tidied})
    return True


def parse_pasted(text: str) -> list[list[str]]:
    """Rows of tab-separated cells, as Excel and WPS put them on the clipboard."""
    lines = (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    return [line.split("\t") for line in lines]


def paste_block(*, report: Report, positions: dict[tuple[int, int], str], anchor: str, text: str) -> dict[str, str]:
    """The cells a pasted block fills from `anchor`, as normalised input; all or nothing.

    Computed totals inside the block are skipped (they are recomputed), blanks clear
    a cell; a block that leaves the table or holds a non-number is refused whole.
    """
    fmt = report.format
    rows = parse_pasted(text)
    start = next((pos for pos, key in positions.items() if key == anchor), None)
    if start is None or not rows:
        raise PasteRefused(_("There is nothing to paste here."))
    width = max(len(r) for r in rows)
    targets = {}
    for i, row in enumerate(rows):
        for j, raw in enumerate(row):
            key = positions.get((start[0] + i, start[1] + j))
            if key is None:
                raise PasteRefused(
                    _("The pasted block (%(rows)d rows × %(cols)d columns) does not fit from this cell; nothing was "
                      "filled in.") % {"rows": len(rows), "cols": width}
                )
            targets[key] = raw
    filled, problems = {}, []
    for key, raw in targets.items():
        field_ = fmt.field(key)
        if field_.computed:
            continue
        try:
            filled[key] = display_value(parse_value(field_, raw))
        except InvalidValue as exc:
            problems.append(exc.message)
    if problems:
        raise PasteRefused(_("Nothing was filled in: %(problems)s") % {"problems": "；".join(problems[:3])})
    return filled
