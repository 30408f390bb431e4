"""What a rule reports: one Finding per broken check."""
from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Severity(models.TextChoices):
    ERROR = "error", _("Error")  # blocks submission
    WARNING = "warning", _("Warning")  # submission needs a written explanation
    INFO = "info", _("Note")  # shown, never blocks


class Stage(models.TextChoices):
    """When rules are evaluated: while drafting, or before submission (adds the SUBMIT-only rules)."""

    DRAFT = "draft"
    SUBMIT = "submit"


ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
SEVERITIES = tuple(Severity.values)
DRAFT, SUBMIT = Stage.DRAFT, Stage.SUBMIT
STAGES = tuple(Stage.values)


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

    @property
    def severity_label(self) -> str:
        return Severity(self.severity).label

    def to_json(self) -> dict:
        """The interchange form (`{"rule", "severity", "cells", "message"}`)."""
        return {"rule": self.rule, "severity": self.severity, "cells": list(self.cells), "message": self.message}


def has_errors(findings) -> bool:
    return any(f.severity == ERROR for f in findings)
