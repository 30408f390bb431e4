"""TEXT-SIMILAR-LAST-YEAR: how much of this year's narrative is last year's, word for word.

The measure: both narratives (every narrative text) are cut into sentences at
`。！？；` and line breaks; each sentence is compared without whitespace and with
every run of Arabic digits replaced by one placeholder, so that a copied sentence
whose only change is the year or a count still counts as copied. The share is the
number of characters in this year's sentences that also occur, identically, as a
sentence of last year's narrative, divided by the characters of all this year's
sentences. Above the threshold (0.5) the rule warns; narratives shorter than
`min_length` characters are not judged. The preamble is left out on both sides: it
cites the 条例, lists the six parts and gives the statistical period and the contact,
and is meant to read the same every year.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .base import Context, Rule

_BREAKS = re.compile(r"[。！？；!?;\n]+")
_SPACES = re.compile(r"\s+")
_DIGIT_RUNS = re.compile(r"\d+")
PREAMBLE = "text.preamble"


@functools.lru_cache(maxsize=512)
def sentences(text: str) -> tuple[str, ...]:
    """Comparable sentences of `text` (cached: last year's texts are read on every live check)."""
    found = (_DIGIT_RUNS.sub("#", _SPACES.sub("", s)) for s in _BREAKS.split(text))
    return tuple(s for s in found if s)


def copied_characters(this_texts, last_texts) -> list[tuple[int, int]]:
    """For each of this year's texts: (characters in sentences found in last year's, all its characters)."""
    known = {s for text in last_texts for s in sentences(text)}
    counts = []
    for text in this_texts:
        found = sentences(text)
        counts.append((sum(len(s) for s in found if s in known), sum(len(s) for s in found)))
    return counts


def copied_share(this_texts, last_texts) -> tuple[float, int]:
    """(share of this year's characters in sentences found in last year's, this year's characters)."""
    counts = copied_characters(this_texts, last_texts)
    copied, total = sum(c for c, _ in counts), sum(t for _, t in counts)
    return (copied / total if total else 0.0), total


@dataclass(frozen=True, kw_only=True, eq=False)
class SimilarToLastYear(Rule):
    threshold: float
    min_length: int

    def check(self, ctx: Context, plan):
        last = [text for key, text in ctx.last_year.texts.items() if text and key != PREAMBLE]
        narrative = [(key, text) for key, text in ctx.narrative if key != PREAMBLE]
        counts = copied_characters([text for _key, text in narrative], last)
        copied, length = sum(c for c, _ in counts), sum(t for _, t in counts)
        if length >= self.min_length and copied / length > self.threshold:
            keys = [key for (key, _text), (c, _t) in zip(narrative, counts) if c]
            yield self.finding((), keys, share=round(copied / length * 100))
