"""A region's agencies side by side for one year: key indicators or every value of one table."""
from __future__ import annotations

from dataclasses import dataclass

from agencies.models import Agency
from reports.formats import ReportFormat, format_for_year

from .compare import INDICATORS, Indicator, table_indicators


@dataclass(frozen=True)
class AgencyColumn:
    agency: Agency
    values: tuple


@dataclass(frozen=True)
class RegionTable:
    region: Agency
    year: int
    indicators: tuple[Indicator, ...]
    columns: tuple[AgencyColumn, ...]
    totals: tuple
    table: str | None

    @property
    def rows(self):
        """(indicator, the agencies' values in column order, the region's figure) per indicator."""
        return [
            (indicator, [column.values[i] for column in self.columns], self.totals[i])
            for i, indicator in enumerate(self.indicators)
        ]


def indicators_for(fmt: ReportFormat, table: str | None) -> tuple[Indicator, ...]:
    return table_indicators(fmt, table) if table else INDICATORS


def region_table(*, region: Agency, year: int, table: str | None = None, sort: str | None = None) -> RegionTable:
    """The published reports of the region's own agencies (a constant number of queries)."""
    from publication.selectors import public_reports, region_agencies

    indicators = indicators_for(format_for_year(year), table)
    keys = {k for i in indicators for k in i.numerator + i.denominator}
    reports = public_reports(agencies=region_agencies(region), year=year, keys=keys, texts=False)
    columns = [AgencyColumn(p.agency, tuple(i.value(p.data.cells) for i in indicators)) for p in reports]
    position = next((n for n, i in enumerate(indicators) if i.key == sort), None)
    if position is not None:
        columns.sort(key=lambda c: (c.values[position] is None, -(c.values[position] or 0)))
    totals = tuple(i.total([p.data.cells for p in reports]) for i in indicators)
    return RegionTable(region, year, indicators, tuple(columns), totals, table)
