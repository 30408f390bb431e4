"""The wizard's steps, derived from a format definition.

Section steps take their titles and fields from the format; only the cover and
the final check are the wizard's own.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from django.utils.translation import gettext_lazy as _

from reports.formats import META_SECTION, ReportFormat, Table, get_format
from reports.formats.base import TextField

COVER = META_SECTION
CHECK = "check"


@dataclass(frozen=True)
class Step:
    slug: str
    title: str
    texts: tuple[TextField, ...] = ()
    table: Table | None = None
    has_meta: bool = False

    @property
    def is_check(self) -> bool:
        return self.slug == CHECK

    @property
    def cell_keys(self) -> tuple[str, ...]:
        return tuple(f.key for f in self.table.fields) if self.table else ()

    @property
    def input_keys(self) -> tuple[str, ...]:
        """Cells people type; computed totals are filled by the project."""
        return tuple(f.key for f in self.table.fields if not f.computed) if self.table else ()

    @property
    def text_keys(self) -> tuple[str, ...]:
        return tuple(t.key for t in self.texts)


def steps_for(fmt: ReportFormat) -> tuple[Step, ...]:
    return _steps(fmt.id)


@cache
def _steps(format_id: str) -> tuple[Step, ...]:
    fmt = get_format(format_id)
    steps = [Step(COVER, _("Cover information"), texts=(fmt.preamble,), has_meta=True)]
    steps += [Step(s.key, s.heading, texts=s.texts, table=s.table) for s in fmt.sections]
    steps.append(Step(CHECK, _("Check and submit")))
    return tuple(steps)


def step_for(fmt: ReportFormat, slug: str) -> Step | None:
    return next((s for s in steps_for(fmt) if s.slug == slug), None)


def neighbours(fmt: ReportFormat, step: Step) -> tuple[Step | None, Step | None]:
    steps = steps_for(fmt)
    i = steps.index(step)
    return (steps[i - 1] if i else None, steps[i + 1] if i + 1 < len(steps) else None)


def dom_id(key: str) -> str:
    """An element id for a canonical key: dots become dashes (keys never contain dashes)."""
    return "f-" + key.replace(".", "-")
