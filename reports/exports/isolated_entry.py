"""What the fork server loads once for exports, so that each limited child starts rendering at once.

Beyond the imports, one small report is rendered here: WeasyPrint and the font subsetter import
modules and read font files on first use, which every child would otherwise repeat (seconds on a
busy machine). Children inherit all of it.
"""
import django

django.setup()

import openpyxl  # noqa: F401

from reports.data import ReportData
from reports.exports import pdf, word
from reports.exports.document import document_build
from reports.formats import FORMATS


def _warm_up() -> None:
    fmt = list(FORMATS.values())[-1]
    data = ReportData(format=fmt, year=fmt.first_year, agency="某某局",
                      texts={key: "预热。" for key in fmt.text_keys}, cells={f.key: 1 for f in fmt.fields[:3]})
    document = document_build(data, draft=True, fee_header_precise=False)
    pdf.document_pdf(document)
    word.document_docx(document)


try:
    _warm_up()
except Exception:  # a warm-up is an optimisation: a child renders (more slowly) without it
    import logging

    logging.getLogger(__name__).warning("Warming up the export renderers failed", exc_info=True)
