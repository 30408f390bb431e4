"""A report saved from a government portal as an HTML page: its paragraphs and its real tables."""
from __future__ import annotations

import re
from html.parser import HTMLParser

from .article import article_html
from .lines import BLANK, Line

_BLOCKS = {"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "section", "article", "blockquote",
           "table", "ul", "ol", "title", "hr"}
_SKIPPED = {"script", "style", "noscript", "template"}
_SPACES = re.compile(r"[ \t\r\n\xa0]+")


def looks_like_html(text: str) -> bool:
    return bool(re.search(r"<(html|body|table|p|div)\b", text[:20000], re.IGNORECASE))


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lines: list[Line] = []
        self.text: list[str] = []
        self.row: list[str] | None = None
        self.cell: list[str] | None = None
        self.skipping = 0

    def _flush_text(self):
        text = _SPACES.sub(" ", "".join(self.text)).strip()
        if text:
            self.lines += [Line((text,)), BLANK]
        self.text = []

    def _close_cell(self):
        if self.cell is not None and self.row is not None:
            self.row.append(_SPACES.sub("", "".join(self.cell)))
        self.cell = None

    def _close_row(self):
        self._close_cell()
        if self.row:
            self.lines.append(Line(tuple(self.row), tabular=True))
        self.row = None

    def handle_starttag(self, tag, attrs):
        if tag in _SKIPPED:
            self.skipping += 1
        elif tag == "tr":
            self._flush_text()
            self._close_row()
            self.row = []
        elif tag in ("td", "th"):
            self._close_cell()
            if self.row is None:
                self.row = []
            self.cell = []
        elif tag in _BLOCKS and self.cell is None:
            self._flush_text()

    def handle_endtag(self, tag):
        if tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in ("td", "th"):
            self._close_cell()
        elif tag in ("tr", "table"):
            self._close_row()
            if tag == "table":
                self.lines.append(BLANK)
        elif tag in _BLOCKS and self.cell is None:
            self._flush_text()

    def handle_data(self, data):
        if self.skipping:
            return
        (self.cell if self.cell is not None else self.text).append(data)


def read_html(text: str) -> list[Line]:
    reader = _Reader()
    reader.feed(article_html(text))
    reader.close()
    reader._close_row()
    reader._flush_text()
    return reader.lines
