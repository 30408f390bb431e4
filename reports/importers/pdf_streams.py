"""Refusing a PDF whose compressed streams unpack to far more than a report, before pdfminer unpacks them.

pdfminer inflates a stream whole, in memory, with no limit. Every place a Flate stream may start is
measured with a bounded inflater that keeps nothing of what comes out.
"""
from __future__ import annotations

import re

from django.utils.translation import gettext as _

from .inflate import inflated_size
from .result import ImportRejected

MAX_UNPACKED = 100 * 1024 * 1024
# The keyword may end in CRLF, LF or (against the standard, but readers accept it) a bare CR.
_STREAM_START = re.compile(rb"stream(?:\r\n|\r|\n)")


def check_pdf_streams(content: bytes) -> None:
    total = 0
    for match in _STREAM_START.finditer(content):
        total += inflated_size(content, match.end(), MAX_UNPACKED - total)
        if total > MAX_UNPACKED:
            raise ImportRejected(_("The PDF file unpacks to far more than a report can hold (more than %(mb)d MB); "
                                   "it was not read.") % {"mb": MAX_UNPACKED // (1024 * 1024)})
