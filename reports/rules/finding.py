"""What a rule reports: one Finding per broken check."""
from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"  # blocks submission
WARNING = "warning"  # submission needs a written explanation
INFO = "info"  # shown, never blocks
SEVERITIES = (ERROR, WARNING, INFO)

DRAFT = "draft"
SUBMIT = "submit"
STAGES = (DRAFT, SUBMIT)


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    cells: tuple[str, ...]
    message: str
    # Narrative keys the finding points at (text rules); cells are the table values.
    texts: tuple[str, ...] = ()

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def to_json(self) -> dict:
        """The interchange form (`{"rule", "severity", "cells", "message"}`)."""
        return {"rule": self.rule, "severity": self.severity, "cells": list(self.cells), "message": self.message}


def has_errors(findings) -> bool:
    return any(f.severity == ERROR for f in findings)
