"""Finding the title, the preamble and the six sections of a published report."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from reports.formats import ReportFormat

from .lines import Line, clean_text, is_page_number, norm, similarity, undouble
from .rows import split_row

_HEADING = re.compile(r"^(?:第)?([一二三四五六])(?:部分)?[、.,:\s]*(.+)$")
_TITLE_WORDS = ("年度报告", "年报", "工作报告")
_YEAR = re.compile(r"\d{4}\s*年")
# Portal page furniture copied along with a report.
_PORTAL = re.compile(r"^(发布(时间|日期|机构|单位)|来源|信息来源|浏览(次数)?|访问量|字号|【|\[|打印|关闭|索引号|分享|"
                     r"文号|主题分类|发文机关|成文日期|当前位置|首页|扫一扫|分享到|相关链接|上一篇|下一篇|附件下载)")
_HEADING_LENGTH = 40
_OWN_ORDINAL = re.compile(r"^(?:第)?[一二三四五六七八九十]+(?:部分)?[、.,:]")
_CAPTION = re.compile(r"^(?:附件|附表|表)?[\d一二三四五六七八九十]*(?:部分)?[、.,:：\s]*")


@dataclass
class Outline:
    title: str = ""
    preamble: list[Line] = field(default_factory=list)
    sections: dict[str, list[Line]] = field(default_factory=dict)


def _section_names(fmt: ReportFormat) -> list[tuple[str, str, str, bool]]:
    """(section key, ordinal, normalised name, holds a table) in the order of the format."""
    found = []
    for section in fmt.sections:
        ordinal, name = section.heading[0], section.heading[2:]
        found.append((section.key, ordinal, norm(name), section.table is not None))
    return found


def _heading_text(line: Line) -> str:
    if split_row(line).values:
        return ""
    text = norm(clean_text(undouble(line.text)))
    return text if len(text) <= _HEADING_LENGTH else ""


def _heading_index(line: Line, names, after: int) -> int | None:
    text = _heading_text(line)
    if not text:
        return None
    match = _HEADING.match(text)
    ordinal, name = (match.group(1), match.group(2)) if match else ("", text)
    numbered = bool(match) or bool(_OWN_ORDINAL.match(text))
    if numbered and not match:
        name = _OWN_ORDINAL.sub("", text)
    for i, (_, expected_ordinal, expected, table) in enumerate(names):
        if i <= after:
            continue
        if ordinal and ordinal != expected_ordinal or not match and numbered:
            # Reports with headings of their own number the statutory sections differently (七、存在的主要问题…).
            if name == expected:
                return i
            continue
        if name == expected or (ordinal and (expected in name or name in expected)):
            return i
        # A table's section must be named closely: `主动公开工作情况` is narrative, not 表二.
        if ordinal and similarity(name, expected) >= (0.8 if table else 0.6):
            return i
    return None


def _caption_index(line: Line, names, started: set[int]) -> int | None:
    """A statutory table captioned anywhere (`附表1：主动公开政府信息情况`), in any order."""
    text = _heading_text(line)
    if not text:
        return None
    name = _CAPTION.sub("", text)
    for i, (_, _, expected, table) in enumerate(names):
        if table and i not in started and name.startswith(expected):
            return i
    return None


def _is_title(text: str) -> bool:
    about_disclosure = "政府信息公开" in text or "政务公开" in text
    return any(w in text for w in _TITLE_WORDS) and (bool(_YEAR.search(text)) or about_disclosure) and ">" not in text


def _find_title(lines: list[Line]) -> tuple[str, int]:
    """The title (a title may wrap over up to three lines) and the index of its last line, or ("", -1)."""
    texts = [(i, clean_text(line.text).strip("*").strip()) for i, line in enumerate(lines)]
    texts = [(i, t) for i, t in texts if t]
    for k, (_, text) in enumerate(texts):
        if _PORTAL.match(text) or "。" in text or len(text) > 60:
            continue
        j = k
        while not _is_title(text) and j + 1 < len(texts) and j - k < 2 and len(texts[j + 1][1]) < 40 \
                and "。" not in texts[j + 1][1]:
            j += 1
            text += texts[j][1]
        if _is_title(text):
            return undouble(unicodedata.normalize("NFKC", text).replace(" ", "")), texts[j][0]
    return "", -1


def outline(lines: list[Line], fmt: ReportFormat) -> Outline:
    lines = [line for line in lines if not is_page_number(line.text)]
    names = _section_names(fmt)
    starts: list[tuple[int, int]] = []  # (line index, section index)
    for i, line in enumerate(lines):
        after = max((index for _, index in starts if not names[index][3]), default=-1)
        found = _heading_index(line, names, after)
        if found is None or found in {index for _, index in starts}:
            found = _caption_index(line, names, {index for _, index in starts})
        if found is not None:
            starts.append((i, found))
    head_end = starts[0][0] if starts else len(lines)
    title, title_at = _find_title(lines[:head_end])
    result = Outline(title=title)
    title_key = norm(title)
    kept = [line if not (title_key and norm(line.text) == title_key) else Line(()) for line in lines]
    result.preamble = [
        line for line in kept[title_at + 1: head_end] if not _PORTAL.match(clean_text(line.text))
    ]
    for n, (start, index) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(kept)
        result.sections[names[index][0]] = kept[start + 1: end]
    if starts:
        last = result.sections[names[starts[-1][1]][0]]
        while last and (last[-1].is_blank or _PORTAL.match(clean_text(last[-1].text))):
            last.pop()
    return result
