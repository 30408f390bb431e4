"""The document model as HTML: the standalone page the PDF is rendered from, and the preview fragment."""
from __future__ import annotations

import functools
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import translation

from .document import Document

STYLESHEET = Path(__file__).resolve().parent / "static" / "exports" / "document.css"
# Exported files are Chinese whatever the language of the request that asked for them.
DOCUMENT_LANGUAGE = "zh-hans"


@functools.cache
def stylesheet() -> str:
    return STYLESHEET.read_text(encoding="utf-8")


def document_html(document: Document) -> str:
    """A self-contained HTML page (styles inline, nothing to fetch): exactly what WeasyPrint renders."""
    with translation.override(DOCUMENT_LANGUAGE):
        return render_to_string("exports/document.html", {"document": document, "stylesheet": stylesheet()})
