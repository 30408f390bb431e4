"""Importing: the upload page and `manage.py import_report` with any file, any interchange document.

Uploading never writes; a refused import (a bad file, or a confirm that cannot be written) leaves
the database exactly as it was; an accepted one stores the document as normalized.
"""
from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from hypothesis import example, given
from hypothesis import strategies as st

from reports.formats import AMOUNT, FORMATS, format_for_year, get_format
from reports.models import Report
from reports.normalize import InvalidValue, normalize_text, parse_value
from reports.services import report_data
from tests.importers.samples import render_docx, render_html, render_text, sample_data

from .conftest import examples, rolled_back
from .state import database_state
from .strategies import date_value, json_values, text_value, title_value, typed_value

pytestmark = pytest.mark.django_db
CJK = re.compile(r"[\u4e00-\u9fff]")
TITLE_MAX = 200
# JSON tokens json.dumps never writes but a file may hold; Python's json reads all of them.
RAW_YEARS = ["1e400", "-1e400", "Infinity", "NaN", "9" * 5000, "2024.0", "2024.5", "true", "null", "[2024]",
             '{"y": 2024}', '"２０２４"', '"2024年"', "-2024", "0", "2101", "32768", "1e9"]


@st.composite
def interchange_documents(draw):
    """(JSON bytes, year the upload page is opened for): valid documents, and ones wrong in any place."""
    fmt = draw(st.sampled_from(list(FORMATS.values())))
    year = fmt.first_year + 1
    keys = list(fmt.keys)
    cells = draw(st.dictionaries(st.sampled_from(keys) | st.text(max_size=12), typed_value | json_values,
                                 max_size=12))
    texts = draw(st.dictionaries(st.sampled_from(fmt.text_keys) | st.text(max_size=12),
                                 text_value | st.text() | json_values, max_size=4))
    doc = {
        "format": draw(st.just(fmt.id) | st.none() | json_values),
        "year": "__YEAR__",
        "agency": draw(st.text(max_size=10) | json_values),
        "title": draw(title_value | json_values),
        "signed_on": draw(date_value | json_values),
        "texts": texts if draw(st.integers(0, 9)) else draw(json_values),
        "cells": cells if draw(st.integers(0, 9)) else draw(json_values),
    }
    for key in draw(st.lists(st.sampled_from(sorted(doc)), max_size=2, unique=True)):
        doc.pop(key)
    content = json.dumps(doc, ensure_ascii=draw(st.booleans()))
    year_token = str(year) if draw(st.integers(0, 3)) else draw(st.sampled_from(RAW_YEARS))
    content = content.replace('"__YEAR__"', year_token)
    encoded = content.encode("utf-8", "surrogatepass")
    if draw(st.integers(0, 9)) == 0:
        encoded = b"\xef\xbb\xbf" + encoded
    return encoded, year


def expected_data(content: bytes):
    """What the document means once normalized, computed independently of the importer."""
    doc = json.loads(content.decode("utf-8-sig"))
    fmt = get_format(doc["format"]) if doc.get("format") else format_for_year(int(doc["year"]))
    cells = {}
    for key, raw in (doc.get("cells") or {}).items():
        if key not in fmt.field_map or (isinstance(raw, float) and fmt.field(key).kind == AMOUNT):
            continue
        try:
            value = parse_value(fmt.field(key), raw)
        except InvalidValue:
            continue
        if value is not None:
            cells[key] = value
    texts = {k: normalize_text(str(v)) for k, v in (doc.get("texts") or {}).items()
             if k in fmt.text_keys and v is not None}
    title = " ".join(normalize_text(str(doc.get("title") or "")).split())
    signed_on = date.fromisoformat(str(doc["signed_on"])) if doc.get("signed_on") else None
    return fmt, cells, {k: v for k, v in texts.items() if v}, "" if len(title) > TITLE_MAX else title, signed_on


def assert_stored_as_normalized(report: Report, content: bytes):
    fmt, cells, texts, title, signed_on = expected_data(content)
    stored = report_data(report)
    assert stored.format == fmt
    assert stored.cells == cells
    assert {k: v for k, v in stored.texts.items() if v} == texts
    assert stored.display_title == (title or report.default_title)
    assert stored.signed_on == signed_on


def upload_url(agency, year: int, suffix: str = "") -> str:
    return f"/reports/{agency.code}/{year}/import/{suffix}"


@examples(60)
@given(document=interchange_documents(), replace=st.booleans())
@example(document=(b'{"year": 1e400}', 2024), replace=True)
@example(document=(b'{"year": 2024, "format": ["gov-2021"]}', 2024), replace=True)
@example(document=(b'{"year": 2024, "texts": {"text.problems": "\\ud800\\u0000\\u000b"}}', 2024), replace=True)
@example(document=(('{"year": 2024, "title": "%s"}' % ("长" * 201)).encode(), 2024), replace=True)
def test_an_uploaded_document_is_stored_as_normalized_or_changes_nothing(editor_client, agency, drafts, outcomes,
                                                                          document, replace):
    content, year = document
    with rolled_back():
        before = database_state()
        upload = SimpleUploadedFile("report.json", content, content_type="application/json")
        response = editor_client.post(upload_url(agency, year), {"file": upload})
        assert response.status_code in (200, 400)
        assert database_state() == before
        if response.status_code == 400:
            return outcomes.record("refused")
        response = editor_client.post(upload_url(agency, year, "confirm/"), {"replace": "on" if replace else ""})
        assert response.status_code in (302, 400)
        if database_state() != before:
            assert_stored_as_normalized(Report.objects.get(agency=agency, year=year), content)
            return outcomes.record("accepted")
        outcomes.record("refused at confirm")


@pytest.fixture
def report_file(tmp_path):
    def write(content: bytes, suffix: str = ".json"):
        path = tmp_path / f"report{suffix}"
        path.write_bytes(content)
        return path

    return write


def run_import(path, **options) -> tuple[int, str]:
    """The command's exit status and its error output; any other exception fails the test."""
    err = io.StringIO()
    try:
        call_command("import_report", str(path), stdout=io.StringIO(), stderr=err, **options)
    except SystemExit as exc:
        message = err.getvalue().strip()
        assert exc.code != 0 and len(message.splitlines()) == 1 and CJK.search(message), message
        return exc.code, message
    return 0, ""


@examples(60)
@given(document=interchange_documents(), year=st.none() | st.sampled_from([2020, 2024, 2101, 32768, 10**12]))
@example(document=(b'{"year": Infinity}', 2024), year=None)
@example(document=(b'{"year": 2024, "cells": {"apply.new.natural": ' + b"9" * 5000 + b"}}", 2024), year=None)
def test_the_command_stores_a_document_as_normalized_or_refuses_it_in_one_chinese_line(agency, report_file, outcomes,
                                                                                       document, year):
    content, _year = document
    path = report_file(content)
    with rolled_back():
        before = database_state()
        status, _message = run_import(path, agency=agency.code, replace=True, year=year)
        if status:
            assert database_state() == before
            outcomes.record("refused")
        else:
            assert_stored_as_normalized(Report.objects.get(agency=agency), content)
            outcomes.record("accepted")


def _docx() -> bytes:
    return render_docx(sample_data())


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


DOCX = _docx()
TEXT = "\n".join(render_text(sample_data())).encode()
HTML = render_html(sample_data()).encode()


@st.composite
def damaged_files(draw):
    """A real report file (DOCX, text, web page) cut, overwritten or padded; or any bytes at all."""
    kind = draw(st.sampled_from(["docx", "text", "html", "zip", "bytes", "pdf"]))
    if kind == "bytes":
        return draw(st.binary(max_size=2000))
    if kind == "zip":
        return _zip(draw(st.dictionaries(st.sampled_from(["word/document.xml", "[Content_Types].xml",
                                                           "word/_rels/document.xml.rels", "_rels/.rels", "x"]),
                                         st.binary(max_size=200) | st.sampled_from([b"<w:document/>", b"<?xml"]),
                                         max_size=4)))
    if kind == "pdf":
        return b"%PDF-1.4\n" + draw(st.binary(max_size=500))
    content = bytearray({"docx": DOCX, "text": TEXT, "html": HTML}[kind])
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(content) - 1))
        how = draw(st.sampled_from(["cut", "flip", "insert"]))
        if how == "cut":
            del content[at:]
            if not content:
                break
        elif how == "flip":
            content[at] ^= draw(st.integers(1, 255))
        else:
            content[at:at] = draw(st.binary(min_size=1, max_size=50))
    return bytes(content)


file_names = st.sampled_from(["report.docx", "report.txt", "report.html", "report.pdf", "report.json",
                              "report.md", "REPORT.DOCX", "report.doc", "report.exe", "report", ".docx",
                              "年报.docx", "a" * 300 + ".txt", "../../etc/passwd.txt", "report.docx\x00.txt"])


@examples(50)
@given(content=damaged_files(), name=file_names)
def test_a_damaged_or_foreign_file_is_read_or_refused_and_uploading_never_writes(editor_client, agency, drafts,
                                                                               outcomes, content, name):
    with rolled_back():
        before = database_state()
        upload = SimpleUploadedFile(name.replace("\x00", ""), content)
        response = editor_client.post(upload_url(agency, 2022), {"file": upload})
        assert response.status_code in (200, 400)
        if response.status_code == 400:
            assert CJK.search(response.content.decode())
        outcomes.record("accepted" if response.status_code == 200 else "refused")
        assert database_state() == before


@examples(30)
@given(content=damaged_files(), suffix=st.sampled_from([".docx", ".txt", ".html", ".pdf", ".json"]))
def test_the_command_reads_or_refuses_a_damaged_file_and_writes_only_what_it_read(agency, report_file, outcomes,
                                                                                 content, suffix):
    path = report_file(content, suffix)
    with rolled_back():
        before = database_state()
        status, _message = run_import(path, agency=agency.code, year=2022, replace=True)
        outcomes.record("refused" if status else "accepted")
        if status:
            assert database_state() == before


@examples(20)
@given(year=st.integers(-10, 10**25) | st.sampled_from([2019, 2020, 2024, 2100, 2101]))
def test_the_upload_page_of_any_year_answers(editor_client, agency, year):
    with rolled_back():
        before = database_state()
        upload = SimpleUploadedFile("report.txt", TEXT)
        for response in (editor_client.get(upload_url(agency, year)),
                         editor_client.post(upload_url(agency, year), {"file": upload}),
                         editor_client.post(upload_url(agency, year, "confirm/"), {"replace": "on"})):
            assert response.status_code in (200, 302, 400, 404)
        if year != sample_data().year:
            assert database_state() == before
