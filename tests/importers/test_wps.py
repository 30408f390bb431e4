"""DOCX in the shape WPS Office writes it: legacy horizontal merges, explicit vertical-merge continuations.

No file made by WPS is among the examples at hand, so the report's own DOCX is rewritten the ways WPS
writes tables (tests/importers/shapes.py `wps_like_docx`). Every value placed, none wrong; through the
upload path too.
"""
import io
import zipfile

import pytest

from reports.importers.docx import read_docx
from reports.importers.parse import parse_lines
from reports.interchange import to_json

from .samples import sample_data
from .shapes import wps_like_docx

FORMATS = ["gov-2021", "gov-2019"]


@pytest.mark.parametrize("format_id", FORMATS)
def test_a_wps_like_docx_is_read_whole(format_id):
    data = sample_data(format_id)
    content = wps_like_docx(data)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        xml = archive.read("word/document.xml")
        assert b"WPS Office" in archive.read("docProps/app.xml")
    assert b"<w:hMerge/>" in xml and b'w:vMerge w:val="continue"' in xml
    doc = parse_lines(read_docx(content), source="wps.docx").to_json(findings=False)
    expected = to_json(data)
    assert doc["cells"] == expected["cells"]
    assert doc["texts"] == expected["texts"]
    assert doc["unmapped"] == []


def test_a_wps_like_docx_through_the_import_service(db):
    from reports.importers.services import import_parse

    data = sample_data()
    result = import_parse(wps_like_docx(data), source="报告.docx")
    assert result.to_json(findings=False)["cells"] == to_json(data)["cells"]
