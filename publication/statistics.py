"""Year-over-year figures of public reports, as data tables and as SVG charts drawn on the server.

Series labels come from the format definition (row labels and the grid's group headings),
so a chart never retypes a statutory label. Charts are plain SVG without scripts, served
by the app itself; every chart is shown beside its data table.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import pygal
from django.utils.translation import gettext_lazy as _
from pygal.style import Style

from reports.formats import FORMATS, GOV_2021, LABEL, VALUE, ReportFormat
from reports.formats.common import apply_result_rows

from .selectors import PublicReport

# Labels are taken from the current format; its keys below exist in every format.
LABEL_FORMAT = GOV_2021
RESULT_GROUPS = ("granted", "partial", "denied", "unavailable", "declined", "other")


@dataclass(frozen=True)
class Series:
    label: str
    keys: tuple[str, ...]
    # Group rows (不予公开 …) add up their row totals; the key pattern is matched by row prefix.
    row_group: str = ""


@dataclass(frozen=True)
class ChartSpec:
    key: str
    title: str
    series: tuple[Series, ...]
    stacked: bool = False


@dataclass(frozen=True)
class YearCoverage:
    """How many of the agencies expected to publish for a year have a public report."""

    year: int
    published: int
    expected: int

    @property
    def complete(self) -> bool:
        return self.published >= self.expected

    @property
    def note(self) -> str:
        return _("published %(published)s/%(expected)s") % {"published": self.published, "expected": self.expected}


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    years: tuple[int, ...]
    rows: tuple[tuple[str, tuple[int | None, ...]], ...]
    stacked: bool
    # Years drawn although not every agency has published: (year, "已发布 1/9").
    partial: tuple[tuple[int, str], ...] = ()

    @property
    def has_data(self) -> bool:
        return any(v is not None for _, values in self.rows for v in values)

    @property
    def year_labels(self) -> tuple[str, ...]:
        notes = dict(self.partial)
        return tuple(f"{y}（{notes[y]}）" if y in notes else str(y) for y in self.years)


def _field_series(*keys: str) -> tuple[Series, ...]:
    return tuple(Series(LABEL_FORMAT.field(k).row_label, (k,)) for k in keys)


def group_heading(fmt: ReportFormat, group: str) -> str:
    """The printed heading of a result group: its row label, or the merged cell heading its rows."""
    table = fmt.table("apply")
    rows = [r for r in apply_result_rows(table) if r == group or r.startswith(group + ".")]
    if len(rows) == 1:
        return fmt.field(f"apply.{rows[0]}.total").row_label
    first = f"apply.{rows[0]}.total"
    for row in table.body:
        if any(c.role == VALUE and c.key == first for c in row):
            labels = [c for c in row if c.role == LABEL]
            return labels[-2].text
    raise KeyError(group)


def _result_series() -> tuple[Series, ...]:
    return tuple(Series(group_heading(LABEL_FORMAT, g), (), row_group=g) for g in RESULT_GROUPS)


def chart_specs() -> tuple[ChartSpec, ...]:
    return (
        ChartSpec("applications", _("Applications received"),
                  _field_series("apply.new.total", "apply.carried_in.total", "apply.carried_over.total")),
        ChartSpec("results", _("Applications by result"), _result_series(), stacked=True),
        ChartSpec("appeals", _("Administrative reconsideration and lawsuits"),
                  _field_series("appeal.review.total", "appeal.suit_direct.total", "appeal.suit_after_review.total")),
        ChartSpec("active", _("Proactive disclosure: decisions"),
                  _field_series("active.license.decided", "active.penalty.decided", "active.coercion.decided")),
    )


def _series_keys(series: Series, fmt: ReportFormat) -> list[str]:
    if series.row_group:
        return [
            f"apply.{row}.total" for row in apply_result_rows(fmt.table("apply"))
            if row == series.row_group or row.startswith(series.row_group + ".")
        ]
    return [k for k in series.keys if k in fmt.field_map]


def chart_keys() -> frozenset[str]:
    """Every cell the charts read, in any format: all a statistics page needs to load."""
    return frozenset(
        key for spec in chart_specs() for series in spec.series for fmt in FORMATS.values()
        for key in _series_keys(series, fmt)
    )


def _series_value(series: Series, public: PublicReport) -> int | None:
    data = public.data
    values = [data.value(k) for k in _series_keys(series, data.format) if data.value(k) is not None]
    return int(sum(values)) if values else None


def _add(a: int | None, b: int | None) -> int | None:
    return b if a is None else a if b is None else a + b


def year_coverage(reports: list[PublicReport], *, expected: int) -> list[YearCoverage]:
    """Per year of `reports`, oldest first: how many distinct agencies published, of `expected`."""
    agencies: dict[int, set[int]] = {}
    for public in reports:
        agencies.setdefault(public.year, set()).add(public.agency.pk)
    return [YearCoverage(year, len(found), expected) for year, found in sorted(agencies.items())]


def charted_years(coverage: list[YearCoverage], *, every_year: bool = False) -> tuple[int, ...]:
    """By default up to the last complete year: a year still being published is not drawn as if complete."""
    complete = [c.year for c in coverage if c.complete]
    if every_year or not complete:
        return tuple(c.year for c in coverage)
    return tuple(c.year for c in coverage if c.year <= max(complete))


def build_charts(reports: list[PublicReport], *, coverage: list[YearCoverage] = (),
                 years: tuple[int, ...] | None = None) -> list[Chart]:
    """The charts of these reports, values of the same year added up (one agency, or a region).

    `years` limits the years drawn; a drawn year that `coverage` finds incomplete is marked."""
    if years is None:
        years = tuple(sorted({p.year for p in reports}))
    reports = [p for p in reports if p.year in years]
    partial = tuple((c.year, c.note) for c in coverage if not c.complete and c.year in years)
    charts = []
    for spec in chart_specs():
        rows = []
        for series in spec.series:
            by_year: dict[int, int | None] = dict.fromkeys(years)
            for public in reports:
                by_year[public.year] = _add(by_year[public.year], _series_value(series, public))
            rows.append((series.label, tuple(by_year[y] for y in years)))
        charts.append(Chart(spec.key, str(spec.title), years, tuple(rows), spec.stacked, partial))
    return charts


def agency_charts(agency, reports: list[PublicReport]) -> list[Chart]:
    return build_charts([p for p in reports if p.agency.pk == agency.pk])


STYLE = Style(
    background="white",
    plot_background="white",
    font_family="'Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', sans-serif",
    colors=("#1f4e96", "#c0392b", "#2e8b57", "#d68910", "#7d3c98", "#5d6d7e"),
    label_font_size=13,
    major_label_font_size=13,
    legend_font_size=13,
    title_font_size=16,
    value_font_size=11,
)
PARTIAL_BAR = "fill-opacity: 0.25; stroke-dasharray: 4 3; stroke-width: 1.5"
_SCRIPT = re.compile(r"<script\b.*?</script>", re.DOTALL)


def chart_svg(chart: Chart) -> str:
    """The chart as a standalone SVG with no scripts and nothing fetched from elsewhere."""
    kind = pygal.StackedBar if chart.stacked else pygal.Bar
    svg = kind(
        js=[], disable_xml_declaration=True, style=STYLE, width=760, height=420,
        title=chart.title, x_labels=list(chart.year_labels), legend_at_bottom=True,
        legend_at_bottom_columns=2, truncate_legend=-1, truncate_label=-1, print_values=not chart.stacked, show_y_guides=True,
    )
    partial = {y for y, _note in chart.partial}
    for label, values in chart.rows:
        # An incomplete year's bars are pale and dashed: not a figure to compare with the others.
        svg.add(label, [
            {"value": v, "node": {"style": PARTIAL_BAR}} if y in partial and v is not None else v
            for y, v in zip(chart.years, values, strict=True)
        ])
    return _SCRIPT.sub("", svg.render(is_unicode=True))
