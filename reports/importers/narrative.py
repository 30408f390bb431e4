"""Narrative sections: paragraphs, the five topics of 一, and the signature block."""
from __future__ import annotations

import re
import unicodedata
from datetime import date

from .lines import Line, clean_text, undouble

_TERMINAL = tuple("。！？!?：:；;”）)】…")
_ORDINAL_START = re.compile(r"^(?:[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．]|[一二三四五六七八九十]+、)")
_SUBHEADING = re.compile(r"^\**\s*[（(]\s*([一二三四五六七八九十]+)\s*[）)]\s*\**\s*(.*)$", re.DOTALL)
_DIGIT_ORDINAL = re.compile(r"^(?:\d{1,2}\s*[.、．]|[一二三四五六七八九十]{1,3}、)\s*")
# A heading of the report's own (二、工作机制保障): a topic when its words say which, else back to the lead.
OWN_HEADING = re.compile(r"^[一二三四五六七八九十]{1,3}、\s*\S.{0,20}$")
_RUN_IN = re.compile(r"^(.{2,24}?)[。：:；]\s*(.*)$", re.DOTALL)
# First match wins: a heading may name several topics (平台建设 and 监督保障 rarely share one).
_TOPICS = (
    ("text.overview.on_request", ("依申请",)),
    ("text.overview.active", ("主动公开",)),
    ("text.overview.management", ("信息管理",)),
    ("text.overview.platform", ("平台",)),
    ("text.overview.oversight", ("监督", "保障", "考核", "培训")),
)
_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0, "O": 0}
_DATE = re.compile(r"([\d〇零○一二三四五六七八九]{4})\s*年\s*([\d一二三四五六七八九十]{1,3})\s*月\s*"
                   r"([\d一二三四五六七八九十]{1,3})\s*日\s*$")
_NUMERIC_DATE = re.compile(r"(\d{4})[.\-/](\d{1,2})[.\-/](\d{1,2})$")
_AGENCY_END = re.compile(r"(局|办|委|委员会|政府|室|院|会|中心|所|站|处|厅|部|署|馆|队|街道|办事处|公司|集团)$")


def paragraphs(lines: list[Line]) -> list[str]:
    """Group lines into paragraphs: a blank line ends one, and so do an indented line and a short line
    that ends a sentence; a full line that does not end a sentence goes on in the next."""
    texts = [clean_text(undouble(line.text)) if not line.is_blank else "" for line in lines]
    width = _wrap_width([_width(t) for t in texts if t])
    found: list[str] = []
    joining = False
    for line, text in zip(lines, texts, strict=True):
        if not text:
            joining = False
            continue
        if joining and found and not line.indented and not _ORDINAL_START.match(text):
            found[-1] = _join(found[-1], text)
        else:
            found.append(text)
        joining = width >= 20 and _width(text) >= 0.85 * width and not text.endswith(_TERMINAL)
    return found


def _width(text: str) -> int:
    """Printed width in half-width columns: a CJK character takes two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _wrap_width(widths: list[int]) -> int:
    """The width at which hard-wrapped text was cut: the width most lines come close to without passing it."""
    if not widths:
        return 0

    def near(w: int) -> int:
        return sum(1 for x in widths if 0.85 * w <= x <= w)

    best = max(set(widths), key=lambda w: (near(w), w))
    return best if near(best) >= 3 else max(widths)


def _join(a: str, b: str) -> str:
    """Join a hard-wrapped line: Chinese wraps anywhere, even inside a number; only words take a space."""
    if a[-1:].isascii() and a[-1:].isalpha() and b[:1].isascii() and b[:1].isalpha():
        return f"{a} {b}"
    return a + b


def topic_of(heading: str) -> str | None:
    text = unicodedata.normalize("NFKC", heading)
    for key, words in _TOPICS:
        if any(w in text for w in words):
            return key
    return None


def _minor_heading(para: str) -> str | None:
    """The topic of a short standalone heading without （一）: `1.主动公开情况`, `**主动公开**`, `主动公开`."""
    text = _DIGIT_ORDINAL.sub("", para.strip().strip("*").strip())
    if len(text) > 12 or text.endswith(_TERMINAL) or "，" in text or any(c.isdigit() for c in text):
        return None
    return topic_of(text)


def split_overview(paras: list[str]) -> dict[str, str]:
    """一、总体情况 by topic; text before the first topic heading, and unrecognised sub-headings, stay in the lead."""
    parts: dict[str, list[str]] = {}
    current = "text.overview"
    for para in paras:
        match = _SUBHEADING.match(para)
        if not match and (topic := _minor_heading(para)):
            current = topic
            continue
        if not match and OWN_HEADING.match(para) and not para.endswith(_TERMINAL):
            current = "text.overview"
        if match:
            body = match.group(2).strip().strip("*").strip()
            run_in = _RUN_IN.match(body)
            standalone = len(body) <= 30 and not run_in or (run_in and not run_in.group(2))
            heading = body if standalone else (run_in.group(1) if run_in else "")
            topic = topic_of(heading) if heading else None
            current = topic or "text.overview"
            if topic and standalone:
                continue
            if topic:
                para = body
        parts.setdefault(current, []).append(para)
    return {key: "\n\n".join(paras) for key, paras in parts.items()}


def _number(text: str) -> int:
    if text.isdigit():
        return int(text)
    if all(c in _CN_DIGITS for c in text):
        return int("".join(str(_CN_DIGITS[c]) for c in text))
    # 十, 十二, 二十, 二十一, 三十一
    tens, _, ones = text.partition("十")
    return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)


def _date_match(text: str) -> re.Match | None:
    folded = unicodedata.normalize("NFKC", text).replace(" ", "")
    return _DATE.search(folded) or _NUMERIC_DATE.search(folded)


def parse_date(text: str) -> date | None:
    match = _date_match(text)
    if not match:
        return None
    try:
        return date(*(_number(g) for g in match.groups()))
    except ValueError:
        return None


def split_signature(paras: list[str]) -> tuple[list[str], str, date | None]:
    """Remove a trailing signature block (agency name, date): (paragraphs, agency, date)."""
    paras = list(paras)
    signed_on, agency = None, ""
    if paras and len(paras[-1]) <= 40 and (signed_on := parse_date(paras[-1])):
        match = _date_match(paras.pop())
        head = match.string[: match.start()].strip()
        if head and _AGENCY_END.search(head):
            agency = head
        elif paras and len(paras[-1]) <= 40 and "。" not in paras[-1] and _AGENCY_END.search(paras[-1]):
            agency = paras.pop()
    return paras, agency, signed_on
