"""Rule kinds about the narrative: present, substantial, saying what it must say."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from reports.formats import ReportFormat
from reports.tidy import text_tidy_proposals

from .base import Context, Rule
from .labels import cell_label, enumerate_labels, enumerate_some, section_heading_of_text, text_label

_NOT_CONTENT = re.compile(r"[\s\W_]+")


def content_length(text: str) -> int:
    """Characters that carry content: no spaces, no punctuation."""
    return len(_NOT_CONTENT.sub("", text))


@dataclass(frozen=True, kw_only=True, eq=False)
class TextRequired(Rule):
    """Each group of narrative keys has text in at least one of its keys.

    A group of one key is named by its section (`message`); a larger one, such as the
    topics of 一 (its lead paragraph is optional), also names its texts (`group_message`).
    """

    groups: tuple[tuple[str, ...], ...]
    group_message: Any

    def plan(self, fmt: ReportFormat):
        return tuple(
            (g, section_heading_of_text(fmt, g[0]), enumerate_labels([text_label(fmt, k) for k in g]))
            for g in self.groups
        )

    def check(self, ctx: Context, plan):
        for keys, heading, labels in plan:
            if not any(ctx.data.text(k).strip() for k in keys):
                message = self.group_message if len(keys) > 1 else self.message
                yield self.finding((), keys, message=message, section=heading, texts=labels)


@dataclass(frozen=True, kw_only=True, eq=False)
class TextEach(Rule):
    """Each of `keys` has text of its own (skipped while all are blank: TextRequired says so)."""

    keys: tuple[str, ...]

    def plan(self, fmt: ReportFormat):
        return tuple((k, text_label(fmt, k), section_heading_of_text(fmt, k)) for k in self.keys)

    def check(self, ctx: Context, plan):
        blank = [(k, label, heading) for k, label, heading in plan if not ctx.data.text(k).strip()]
        if len(blank) == len(plan):
            return
        for key, label, heading in blank:
            yield self.finding((), (key,), text=label, section=heading)


@dataclass(frozen=True, kw_only=True, eq=False)
class TextSubstance(Rule):
    """`key` is more than a token answer: at least `min_length` content characters."""

    key: str
    min_length: int

    def plan(self, fmt: ReportFormat):
        return text_label(fmt, self.key)

    def check(self, ctx: Context, plan):
        text = ctx.data.text(self.key)
        length = content_length(text)
        if 0 < length < self.min_length:
            yield self.finding((), (self.key,), text=plan, length=length, minimum=self.min_length)


@dataclass(frozen=True, kw_only=True, eq=False)
class TextMentions(Rule):
    """`key` mentions each group of `terms` (any one spelling of a group will do).

    Optionally only for a people's government's report, or only when the cell
    `when_positive` is above 0. A blank text is left to TextRequired unless `blank_too`.
    """

    key: str
    terms: tuple[tuple[str, ...], ...]
    government_only: bool = False
    when_positive: str = ""
    blank_too: bool = False

    def plan(self, fmt: ReportFormat):
        return text_label(fmt, self.key), cell_label(fmt, self.when_positive) if self.when_positive else ""

    def check(self, ctx: Context, plan):
        if self.government_only and not ctx.is_government:
            return
        cells = ()
        if self.when_positive:
            value = ctx.value(self.when_positive)
            if ctx.invalid and self.when_positive in ctx.invalid or not value or value <= 0:
                return
            cells = (self.when_positive,)
        text = ctx.data.text(self.key)
        if not text.strip() and not self.blank_too:
            return
        missing = [group[0] for group in self.terms if not any(term in text for term in group)]
        if missing:
            label, cell = plan
            yield self.finding(cells, (self.key,), text=label, missing=enumerate_some(missing, 5), cell=cell,
                               value=ctx.value(self.when_positive) if cells else "")


@dataclass(frozen=True, kw_only=True, eq=False)
class TextLayout(Rule):
    """Paragraphs with list markers or half-width punctuation between Chinese characters (一键排版 fixes them)."""

    def plan(self, fmt: ReportFormat):
        return {k: text_label(fmt, k) for k in fmt.text_keys}

    def check(self, ctx: Context, plan):
        for key, text in ctx.narrative:
            count = len(text_tidy_proposals(key, text))
            if count:
                yield self.finding((), (key,), text=plan[key], count=count)
