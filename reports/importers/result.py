"""What an import produces: the report content plus what could not be placed."""
from __future__ import annotations

from dataclasses import dataclass, field

from reports.data import ReportData
from reports.interchange import to_json
from reports.isolation import Refused


class ImportRejected(Refused):
    """The file cannot be imported; the message is one line for the user."""


@dataclass(frozen=True)
class Issue:
    source: str  # the text as found in the file
    message: str
    keys: tuple[str, ...] = ()

    def to_json(self) -> dict:
        doc = {"source": self.source, "message": self.message}
        if self.keys:
            doc["keys"] = list(self.keys)
        return doc


@dataclass
class ImportResult:
    data: ReportData
    source: str
    unmapped: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    findings: list = field(default_factory=list)

    @property
    def filled_count(self) -> int:
        return sum(1 for v in self.data.cells.values() if v is not None)

    def to_json(self, *, findings: bool = True) -> dict:
        doc = to_json(self.data)
        doc["source"] = self.source
        doc["unmapped"] = [i.to_json() for i in self.unmapped]
        doc["warnings"] = [i.to_json() for i in self.warnings]
        if findings:
            doc["findings"] = [f.to_json() for f in self.findings]
        return doc
