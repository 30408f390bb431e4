"""The report inside a page saved from a government portal: the page furniture taken away.

Portals wrap an article in navigation, side bars, share buttons and footers, often
laid out with tables that hold the report's own tables. The article is the deepest
element that still holds every statutory heading and every table of the page (and
the title); tables that hold other tables are layout, read as blocks.
"""
from __future__ import annotations

import lxml.html
from lxml import etree

from reports.formats import FORMATS

from .lines import norm

_FURNITURE = ("script", "style", "noscript", "template", "nav", "header", "footer", "aside", "iframe", "form")
_TITLE_WORDS = ("年度报告", "年报")


def _headings() -> tuple[str, ...]:
    return tuple(norm(s.heading[2:]) for fmt in FORMATS.values() for s in fmt.sections)


def _signal(element, headings) -> tuple[int, int, bool]:
    text = norm(element.text_content())
    return (sum(1 for h in set(headings) if h in text), len(element.xpath(".//table")),
            any(w in text for w in _TITLE_WORDS))


def _unwrap_layout_tables(root) -> None:
    """A table holding another table lays out the page: its rows and cells become plain blocks."""
    for table in root.xpath(".//table[.//table]"):
        own = [e for e in table.iter("tbody", "thead", "tfoot", "tr", "td", "th")
               if next(e.iterancestors("table"), None) is table]
        for element in [table, *own]:
            element.tag = "div"


def article_html(text: str) -> str:
    """The HTML of the part of the page that holds the report; the page as it is when none stands out."""
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError):
        return text
    for element in root.xpath("|".join(f".//{tag}" for tag in _FURNITURE)):
        element.drop_tree()
    _unwrap_layout_tables(root)
    body = root.find("body")
    if body is None:
        return text
    headings = _headings()
    whole = _signal(body, headings)
    if whole[0] == 0 and whole[1] == 0:
        return lxml.html.tostring(body, encoding="unicode")
    current = body
    while True:
        inner = [child for child in current if isinstance(child.tag, str) and _signal(child, headings) == whole]
        if len(inner) != 1:
            break
        current = inner[0]
    return lxml.html.tostring(current, encoding="unicode")
