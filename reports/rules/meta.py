"""Rule kinds about the report as a document: format, title, signature date, cited documents."""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Any

from reports.formats import ReportFormat, UnknownFormat, format_for_year

from .base import Context, Rule
from .labels import long_date, text_label


@dataclass(frozen=True, kw_only=True, eq=False)
class FormatOfYear(Rule):
    """The report uses the format its year calls for."""

    no_format_message: Any

    def check(self, ctx: Context, plan):
        try:
            expected = format_for_year(ctx.data.year)
        except UnknownFormat:
            yield self.finding(message=self.no_format_message, year=ctx.data.year)
            return
        if expected.id != ctx.fmt.id:
            yield self.finding(year=ctx.data.year, expected=expected.name, format=ctx.fmt.name)


@dataclass(frozen=True, kw_only=True, eq=False)
class TitleOfReport(Rule):
    """The title is the agency's full name, the year, then the statutory words."""

    agency_placeholder: Any

    def check(self, ctx: Context, plan):
        data = ctx.data
        title = re.sub(r"\s+", "", data.display_title)
        if data.agency:
            expected = data.default_title
            if title != expected:
                yield self.finding(title=data.display_title, expected=expected)
            return
        suffix = dataclasses.replace(data, agency="").default_title
        if not title.endswith(suffix) or title == suffix:
            yield self.finding(title=data.display_title, expected=f"{self.agency_placeholder}{suffix}")


@dataclass(frozen=True, kw_only=True, eq=False)
class Dated(Rule):
    """A report goes out with its signature date (成文日期): none is printed without one."""

    def check(self, ctx: Context, plan):
        if ctx.data.signed_on is None:
            yield self.finding()


class TitleNotAPath(Rule):
    """The title names files (batch archives, downloads): it holds no path separator or `..`."""

    def check(self, ctx: Context, plan):
        title = ctx.data.title
        if any(part in title for part in ("/", "\\", "..")) or title.startswith((".", "~")):
            yield self.finding(title=title)


@dataclass(frozen=True, kw_only=True, eq=False)
class SignatureDate(Rule):
    """Signed in year Y+1, not after the publication deadline."""

    late_message: Any

    def check(self, ctx: Context, plan):
        signed, year = ctx.data.signed_on, ctx.data.year
        if signed is None:
            return
        if signed.year != year + 1:
            yield self.finding(date=long_date(signed), expected=year + 1)
        elif ctx.facts is not None and ctx.facts.deadline is not None and signed > ctx.facts.deadline:
            yield self.finding(message=self.late_message, date=long_date(signed),
                               deadline=long_date(ctx.facts.deadline))


@dataclass(frozen=True, kw_only=True, eq=False)
class StaleYear(Rule):
    """The narrative names an earlier year where the report's own year belongs.

    Each pattern has the groups `year` (the year it names) and `quote` (what to show).
    `documents` match cited documents, which are stale only when every year in
    their title is earlier (a plan for 2021—2025 is current in 2023); `periods`
    match statements of the report's own period, stale when their year differs.
    """

    documents: tuple[str, ...]
    periods: tuple[str, ...]
    period_message: Any

    def plan(self, fmt: ReportFormat):
        return (tuple(re.compile(p) for p in self.documents), tuple(re.compile(p) for p in self.periods),
                {k: text_label(fmt, k) for k in fmt.text_keys})

    def check(self, ctx: Context, plan):
        documents, periods, labels = plan
        year = ctx.data.year
        for key, text in ctx.narrative:
            for pattern in documents:
                for match in pattern.finditer(text):
                    if max(int(y) for y in re.findall(r"\d{4}", match["quote"])) < year:
                        yield self.finding((), (key,), text=labels[key], quote=match["quote"], cited=match["year"],
                                           year=year)
            for pattern in periods:
                for match in pattern.finditer(text):
                    if int(match["year"]) != year:
                        yield self.finding((), (key,), message=self.period_message, text=labels[key],
                                           quote=match["quote"], year=year)
