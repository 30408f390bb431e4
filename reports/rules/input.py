"""Problems with what was typed, pasted or posted, before any rule runs.

The messages of reports.normalize live here with the rule messages (one catalogue
for everything a user is told about their values), and `findings_from_problems`
turns per-cell input problems into findings, so that a validate or import report
lists them with the rules' findings instead of dropping them.
"""
from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from reports.formats import AMOUNT

from .finding import ERROR, Finding

NOT_A_NUMBER = _("%(cell)s: “%(raw)s” is not a number.")
NOT_WHOLE = _("%(cell)s: “%(raw)s” is not a whole number.")
NOT_AN_AMOUNT = _("%(cell)s: “%(raw)s” is not an amount.")
NEGATIVE_COUNT = _("%(cell)s: the count cannot be negative.")
NEGATIVE_AMOUNT = _("%(cell)s: the amount cannot be negative.")
TOO_PRECISE = _("%(cell)s: at most %(places)d decimal places (10,000 yuan).")
TOO_LARGE = _("%(cell)s: “%(raw)s” is too large.")
TEXT_TOO_LONG = _("A text can have at most %(limit)s characters; this one has %(length)s.")

UNKNOWN_KEY = "INPUT-UNKNOWN-KEY"


def findings_from_problems(problems) -> list[Finding]:
    """One error finding per input problem (reports.normalize.InvalidValue or alike).

    A value that could not be read is reported under the rule of its domain
    (VALUE-FEE for amounts, VALUE-INTEGER otherwise); a key the format does not
    have under INPUT-UNKNOWN-KEY, naming the key.
    """
    findings = []
    for problem in problems:
        field = problem.field
        if field is None:
            key = str(problem.raw)
            cells, texts = ((), (key,)) if key.startswith("text.") else ((key,), ())
            findings.append(Finding(UNKNOWN_KEY, ERROR, cells, str(problem.message), texts))
        else:
            rule = "VALUE-FEE" if field.kind == AMOUNT else "VALUE-INTEGER"
            findings.append(Finding(rule, ERROR, (field.key,), str(problem.message)))
    return findings
