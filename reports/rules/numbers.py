"""TEXT-NUMBERS: numbers the narrative states about the tables, read and compared.

A claim is a keyword (`收到`, `上年结转`, `行政复议`, …) followed in the same clause
by a count: `N件`, N in Arabic (`12`, `1,234`, full-width `１，２３４`) or Chinese
numerals (`两`, `十二`, `一百零五`). Approximate counts (`约300件`, `100余件`,
`数十件`, `1.2万件`) are not claims. The words between keyword and count decide
whether the claim is about the table at all (`收到…申请`, not `收到…举报`).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from reports.formats import ReportFormat

from .base import Context, Rule
from .labels import cell_label, last_year_label, number, signed_terms, text_label
from .sums import Term

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_MYRIAD = "万"

# `\d` matches full-width digits too; the quote shows the text as the user wrote it.
ARABIC = r"\d{1,3}(?:[,，]\d{3})+|\d+"
CHINESE = r"[零〇一二两三四五六七八九十][零〇一二两三四五六七八九十百千万]*"
# A count must not continue a number or follow a word that makes it approximate.
_NOT_AFTER = r"(?<![\d.,，零〇一二两三四五六七八九十百千万约近逾超数上几余多过])"
# The words between a keyword and its count stay inside one clause.
_GAP = r"[^。；;！？!?\n,，、:：]"


def chinese_number(text: str) -> int:
    """`十二` -> 12, `一百零五` -> 105, `两千` -> 2000, `一万二千` -> 12000, `二〇二四` -> 2024."""
    if not any(ch in _UNITS or ch == _MYRIAD for ch in text):
        return int("".join(str(_DIGITS[ch]) for ch in text))
    total = section = 0
    digit = None
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch in _UNITS:
            section += (1 if digit is None else digit) * _UNITS[ch]
            digit = None
        else:
            total += (section + (digit or 0)) * 10000
            section, digit = 0, None
    return total + section + (digit or 0)


def read_number(text: str) -> int:
    """The count `text` (Arabic, possibly with thousands separators, or Chinese) means."""
    text = unicodedata.normalize("NFKC", text)  # full-width digits and commas
    if text[0].isdigit():
        return int(text.replace(",", ""))
    return chinese_number(text)


@dataclass(frozen=True)
class Claim:
    """What a keyword followed by `N件` states: N equals the signed sum of `targets` (Compare's terms).

    `within` limits the words between keyword and count; they must contain one of `needs`
    (when given) and none of `forbids`; the keyword must not directly follow `not_after`.
    A `signs` group in the keyword (`增加`/`减少`) makes N signed: `decrease` words negate it.
    """

    keyword: str
    targets: tuple[str, ...]
    needs: tuple[str, ...] = ()
    forbids: tuple[str, ...] = ()
    not_after: tuple[str, ...] = ()
    sentence_needs: tuple[str, ...] = ()
    sentence_forbids: tuple[str, ...] = ()
    within: int = 20
    decrease: tuple[str, ...] = ()

    def pattern(self) -> re.Pattern:
        return re.compile(
            rf"(?P<keyword>{self.keyword})(?P<gap>{_GAP}{{0,{self.within}}}?){_NOT_AFTER}"
            rf"(?P<number>{ARABIC}|{CHINESE})件"
        )


_SENTENCE = re.compile(r"[^。；;！？!?\n]+")


@dataclass(frozen=True, kw_only=True, eq=False)
class NarrativeNumbers(Rule):
    claims: tuple[Claim, ...]

    def plan(self, fmt: ReportFormat):
        plans = []
        for claim in self.claims:
            terms = tuple(Term.parse(t) for t in claim.targets)
            if not all(t.key in fmt.field_map for t in terms):
                continue
            label = signed_terms([
                (t.sign, last_year_label(cell_label(fmt, t.key)) if t.last else cell_label(fmt, t.key))
                for t in terms
            ])
            plans.append((claim, claim.pattern(), terms, label))
        return tuple(plans), {k: text_label(fmt, k) for k in fmt.text_keys}

    def check(self, ctx: Context, plan):
        claims, text_labels = plan
        for key, text in ctx.narrative:
            for sentence in _SENTENCE.findall(text):
                for claim, pattern, terms, label in claims:
                    if not _applies(claim, sentence):
                        continue
                    for match in pattern.finditer(sentence):
                        finding = self._compare(ctx, claim, terms, label, sentence, match, key, text_labels[key])
                        if finding is not None:
                            yield finding

    def _compare(self, ctx, claim, terms, label, sentence, match, key, text):
        gap = match["gap"]
        if claim.needs and not any(w in gap for w in claim.needs):
            return None
        if any(w in gap for w in claim.forbids):
            return None
        if claim.not_after and sentence[: match.start()].endswith(claim.not_after):
            return None
        values = [ctx.value(t.key, last=t.last) for t in terms]
        this = [t.key for t in terms if not t.last]
        if any(v is None for v in values) or not ctx.usable(this):
            return None
        stated = read_number(match["number"])
        if any(w in match["keyword"] for w in claim.decrease):
            stated = -stated
        actual = sum(t.sign * v for t, v in zip(terms, values))
        if stated == actual:
            return None
        return self.finding(this, (key,), text=text, quote=match.group(0), target=label, value=number(actual))


def _applies(claim: Claim, sentence: str) -> bool:
    if claim.sentence_needs and not any(w in sentence for w in claim.sentence_needs):
        return False
    return not any(w in sentence for w in claim.sentence_forbids)
