"""The national formats as data, and the registry year -> format.

Adding a format version is one new module here plus its entry in FORMATS.
"""
from .base import (
    AMOUNT,
    COUNT,
    HEAD,
    LABEL,
    META_KEYS,
    META_SECTION,
    META_SIGNED_ON,
    META_TITLE,
    PRECISE_FEE,
    SIGNED,
    VALUE,
    Cell,
    Field,
    Note,
    Placed,
    ReportFormat,
    Section,
    Table,
    place,
)
from .gov2019 import FORMAT as GOV_2019
from .gov2021 import FORMAT as GOV_2021

FORMATS: dict[str, ReportFormat] = {f.id: f for f in (GOV_2019, GOV_2021)}
FIRST_YEAR = min(f.first_year for f in FORMATS.values())
# The last year a report can be for (the database's report_year_range constraint).
LAST_YEAR = 2100


class UnknownFormat(LookupError):
    pass


def get_format(format_id: str) -> ReportFormat:
    try:
        return FORMATS[format_id]
    except KeyError:
        raise UnknownFormat(format_id) from None


def format_for_year(year: int) -> ReportFormat:
    if year > LAST_YEAR:
        raise UnknownFormat(f"no format covers {year}")
    for fmt in FORMATS.values():
        if fmt.covers(year):
            return fmt
    raise UnknownFormat(f"no format covers {year}")


__all__ = [
    "AMOUNT",
    "COUNT",
    "FIRST_YEAR",
    "FORMATS",
    "GOV_2019",
    "GOV_2021",
    "HEAD",
    "LABEL",
    "LAST_YEAR",
    "META_KEYS",
    "META_SECTION",
    "META_SIGNED_ON",
    "META_TITLE",
    "PRECISE_FEE",
    "SIGNED",
    "VALUE",
    "Cell",
    "Field",
    "Note",
    "Placed",
    "ReportFormat",
    "Section",
    "Table",
    "UnknownFormat",
    "format_for_year",
    "get_format",
    "place",
]
