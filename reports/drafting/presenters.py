"""What the step templates render: table cells with their inputs, findings with their anchors."""
from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _

from agencies.people import person_name
from reports.formats import HEAD, LABEL, VALUE, Table
from reports.rules import ERROR, Severity

from .checks import anchor
from .grid import entry_grid
from .services import display_value
from .steps import dom_id


@dataclass
class InputView:
    key: str
    id: str
    label: str
    help: str
    value: str
    kind: str
    row: int
    col: int
    colspan: int
    computed: bool = False
    prefilled: bool = False
    # An offer shown in a blank cell: the page saves it on opening, so the checks see what people see.
    unsaved_offer: bool = False
    error: str = ""
    finding_ids: list[str] = field(default_factory=list)
    error_finding: bool = False

    @property
    def describedby(self) -> str:
        ids = ([f"{self.id}-error"] if self.error else []) + self.finding_ids
        return " ".join(ids + ([f"{self.id}-prefilled"] if self.prefilled else []))

    @property
    def invalid(self) -> bool:
        return bool(self.error) or self.error_finding


@dataclass
class CellView:
    tag: str
    text: str = ""
    colspan: int = 1
    rowspan: int = 1
    scope: str = ""
    css: str = ""
    input: InputView | None = None


@dataclass
class FindingView:
    id: str
    rule: str
    severity: str
    message: str
    anchor: str
    keys: tuple[str, ...]

    @property
    def severity_label(self) -> str:
        return Severity(self.severity).label

    @property
    def signature(self) -> str:
        """Identifies a finding across live checks, to announce only new ones."""
        return f"{self.rule}|{','.join(self.keys)}"


def finding_views(findings, prefix: str = "finding") -> list[FindingView]:
    return [
        FindingView(f"{prefix}-{i}", f.rule, f.severity, f.message, anchor(f), f.cells + f.texts)
        for i, f in enumerate(findings, 1)
    ]


def marks(views: list[FindingView]) -> dict[str, tuple[list[str], bool]]:
    """For each key: the ids of the findings about it, and whether one is an error."""
    result: dict[str, tuple[list[str], bool]] = {}
    for v in views:
        for key in v.keys:
            ids, is_error = result.get(key, ([], False))
            result[key] = (ids + [v.id], is_error or v.severity == ERROR)
    return result


def table_rows(
    table: Table,
    *,
    values: dict,
    raw: dict[str, str],
    errors: dict[str, str],
    offers: dict,
    finding_marks: dict,
) -> tuple[list[list[CellView]], list[list[CellView]]]:
    """Header and body rows of the entry table; `raw` holds what was typed where it did not parse."""
    fmt_fields = {f.key: f for f in table.fields}
    grid = entry_grid(table)

    def cell(placed, in_header: bool) -> CellView:
        c = placed.cell
        if c.role == VALUE:
            f = fmt_fields[c.key]
            stored = values.get(c.key)
            offered = c.key in offers and (stored is None or stored == offers[c.key])
            shown = raw[c.key] if c.key in raw else display_value(offers[c.key] if offered else stored)
            ids, is_error = finding_marks.get(c.key, ([], False))
            view = InputView(
                key=c.key, id=dom_id(c.key), label=f.label, help=f.help_text, value=shown, kind=f.kind,
                row=placed.row, col=placed.col, colspan=c.colspan, computed=f.computed, prefilled=offered,
                unsaved_offer=offered and stored is None,
                error=errors.get(c.key, ""), finding_ids=ids, error_finding=is_error,
            )
            return CellView("td", colspan=c.colspan, css="cell-value", input=view)
        if c.role == HEAD:
            return CellView("th", c.text, c.colspan, c.rowspan, scope="col" if c.colspan == 1 else "colgroup")
        assert c.role == LABEL
        subheading = c.colspan > 1 and in_header is False and c.colspan == table.columns
        return CellView(
            "th", c.text, c.colspan, c.rowspan, scope="colgroup" if subheading else "row",
            css="cell-subheading" if subheading else "cell-label",
        )

    header = [[cell(p, True) for p in row] for row in grid.header]
    body = [[cell(p, False) for p in row] for row in grid.body]
    return header, body


def last_saved(report) -> str:
    """「最后保存：王晓梅，11月29日 14:05」: who saved the report last and when, in local time."""
    if report.version <= 1:  # created, nothing written yet
        return ""
    when = timezone.localtime(report.updated_at)
    shown = date_format(when, "n月j日 H:i" if when.year == timezone.localdate().year else "Y年n月j日 H:i")
    person = person_name(report.updated_by)
    if not person:
        return _("Last saved: %(when)s") % {"when": shown}
    return _("Last saved: %(person)s, %(when)s") % {"person": person, "when": shown}
