"""The content of one report as plain data, free of the database.

Rules, exporters, importers and the interchange JSON all work on ReportData.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from .formats import ReportFormat

Value = int | Decimal | None


@dataclass
class ReportData:
    format: ReportFormat
    year: int
    agency: str
    title: str = ""
    signed_on: date | None = None
    texts: dict[str, str] = field(default_factory=dict)
    cells: dict[str, Value] = field(default_factory=dict)

    def value(self, key: str) -> Value:
        return self.cells.get(key)

    def text(self, key: str) -> str:
        return self.texts.get(key) or ""

    @property
    def default_title(self) -> str:
        return f"{self.agency}{self.year}年政府信息公开工作年度报告"

    @property
    def display_title(self) -> str:
        return self.title or self.default_title


@dataclass(frozen=True)
class AgencyFacts:
    """What the rules need to know about the reporting agency."""

    kind: str = "department"
    level: str = "county"
    can_make_rules: bool = False
    deadline: date | None = None
