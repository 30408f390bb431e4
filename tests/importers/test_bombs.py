"""Upload limits and bombs: files that unpack to gigabytes are refused before anything unpacks them.

The bombs are built in memory (200 MB of zeros compress to about 200 KB) and go through both the
upload page and `import_report`. Refused means: a Chinese message, no write, little memory, quickly.
"""
from __future__ import annotations

import io
import re
import time
import tracemalloc
import zipfile
import zlib
from functools import cache

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.core.management import call_command

from agencies.models import Role
from reports.importers.reading import MAX_BYTES, read_bytes
from reports.importers.result import ImportRejected
from reports.models import Report
from tests.factories import PASSWORD, MembershipFactory

from .samples import render_docx, sample_data

pytestmark = pytest.mark.django_db
CJK = re.compile(r"[\u4e00-\u9fff]")
MB = 1024 * 1024
# Far below the 200 MB a bomb unpacks to; python-docx and pdfminer would hold all of it.
MEMORY_LIMIT = 40 * MB
TIME_LIMIT = 10.0
IMAGE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"


@cache
def docx_parts() -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(render_docx(sample_data()))) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def zeros(megabytes: int):
    def write(stream):
        chunk = bytes(MB)
        for _ in range(megabytes):
            stream.write(chunk)

    return write


def build_zip(parts: dict) -> bytes:
    """A ZIP of `parts`: bytes, or a function that streams a member (so that 200 MB never sit in memory)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in parts.items():
            if callable(data):
                with archive.open(name, "w") as stream:
                    data(stream)
            else:
                archive.writestr(name, data)
    return out.getvalue()


def docx_with(**changes) -> bytes:
    return build_zip({**docx_parts(), **changes})


def with_dtd(xml: bytes, dtd: str, reference: str) -> bytes:
    text = xml.decode()
    end = text.index("?>") + 2
    text = text[:end] + dtd + text[end:]
    return text.replace("</w:body>", f"<w:p><w:r><w:t>{reference}</w:t></w:r></w:p></w:body>").encode()


def billion_laughs() -> str:
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
    return f"<!DOCTYPE w:document [{entities}]>"


def related_zeros() -> bytes:
    """A 200 MB 'picture' the document refers to: python-docx would load it whole."""
    rels = docx_parts()["word/_rels/document.xml.rels"].decode().replace(
        "</Relationships>", f'<Relationship Id="rIdBomb" Type="{IMAGE_REL}" Target="media/bomb.png"/></Relationships>')
    return docx_with(**{"word/_rels/document.xml.rels": rels.encode(), "word/media/bomb.png": zeros(200)})


def huge_document_xml() -> bytes:
    """document.xml of 60 MB of empty paragraphs: lxml would build a tree ten times that size."""
    head, tail = docx_parts()["word/document.xml"].split(b"</w:body>")

    def write(stream):
        stream.write(head)
        block = b"<w:p/>" * (MB // 6)
        for _ in range(60):
            stream.write(block)
        stream.write(b"</w:body>" + tail)

    return docx_with(**{"word/document.xml": write})


def repetitive_member() -> bytes:
    """Under the total limit, but 8 MB of zeros compress a thousandfold: filler, not content."""
    return docx_with(**{"word/media/filler.bin": zeros(8)})


def many_members() -> bytes:
    return docx_with(**{f"customXml/item{i}.xml": b"<a/>" for i in range(1500)})


@cache
def bombs() -> dict[str, bytes]:
    laughs = with_dtd(docx_parts()["word/document.xml"], billion_laughs(), "&lol9;")
    external = with_dtd(docx_parts()["word/document.xml"],
                        '<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>', "&x;")
    types_laughs = docx_parts()["[Content_Types].xml"].replace(b"?>", b"?>" + billion_laughs().replace(
        "w:document", "Types").encode(), 1)
    return {
        "related-zeros": related_zeros(),
        "unreferenced-zeros": docx_with(**{"word/bomb.bin": zeros(200)}),
        "huge-document-xml": huge_document_xml(),
        "repetitive-member": repetitive_member(),
        "many-members": many_members(),
        "billion-laughs": docx_with(**{"word/document.xml": laughs}),
        "laughs-in-content-types": docx_with(**{"[Content_Types].xml": types_laughs}),
        "external-entity": docx_with(**{"word/document.xml": external}),
        "pdf-zeros": pdf_with_stream(zeros_deflated(200)),
        "pdf-many-pages": pdf_with_pages(201),
    }


def zeros_deflated(megabytes: int) -> bytes:
    compressor = zlib.compressobj(9)
    chunk = bytes(MB)
    return b"".join(compressor.compress(chunk) for _ in range(megabytes)) + compressor.flush()


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF with a correct cross-reference table: object i + 1 is objects[i]."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def pdf_with_stream(deflated: bytes) -> bytes:
    return _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(deflated) + deflated + b"\nendstream",
    ])


def pdf_with_pages(count: int) -> bytes:
    kids = b" ".join(b"%d 0 R" % (3 + i) for i in range(count))
    pages = [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"] * count
    return _pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                 b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count), *pages])


def refused_quickly(read) -> str:
    """Run `read`; it must refuse, within the time and memory limits. Returns the message."""
    tracemalloc.start()
    started = time.monotonic()
    try:
        with pytest.raises(ImportRejected) as refused:
            read()
        elapsed, peak = time.monotonic() - started, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert elapsed < TIME_LIMIT, f"took {elapsed:.1f} s"
    assert peak < MEMORY_LIMIT, f"peak {peak / MB:.0f} MB"
    message = str(refused.value)
    assert CJK.search(message), message
    return message


@pytest.mark.parametrize("name", sorted(bombs()))
def test_a_bomb_is_refused_before_it_is_unpacked(name):
    refused_quickly(lambda: read_bytes(bombs()[name]))


@pytest.fixture
def editor_client(client):
    membership = MembershipFactory(role=Role.EDITOR)
    client.login(username=membership.user.username, password=PASSWORD)
    client.agency = membership.agency
    return client


@pytest.mark.parametrize("name", ["related-zeros", "huge-document-xml", "billion-laughs", "pdf-zeros"])
@pytest.mark.parametrize("file_name", ["report.docx", "report.pdf", "report.txt"])
def test_the_upload_page_refuses_a_bomb_whatever_its_name(editor_client, name, file_name):
    agency = editor_client.agency
    upload = SimpleUploadedFile(file_name, bombs()[name])
    started = time.monotonic()
    response = editor_client.post(f"/reports/{agency.code}/2022/import/", {"file": upload})
    assert time.monotonic() - started < TIME_LIMIT
    assert response.status_code == 400
    assert "未予读取" in response.content.decode()
    assert not Report.objects.exists()


@pytest.mark.parametrize("name", ["related-zeros", "many-members", "external-entity", "pdf-many-pages"])
def test_the_command_refuses_a_bomb_in_one_chinese_line(tmp_path, name):
    path = tmp_path / ("report.pdf" if name.startswith("pdf") else "report.docx")
    path.write_bytes(bombs()[name])
    err = io.StringIO()
    membership = MembershipFactory(role=Role.EDITOR)
    with pytest.raises(SystemExit) as exit_info:
        call_command("import_report", str(path), agency=membership.agency.code, stdout=io.StringIO(), stderr=err)
    assert exit_info.value.code == 1
    message = err.getvalue().strip()
    assert len(message.splitlines()) == 1 and CJK.search(message), message
    assert not Report.objects.exists()


def test_a_nested_archive_is_never_opened_so_it_costs_nothing():
    """A chart's embedded workbook is a ZIP inside the DOCX: harmless even when it is a bomb itself."""
    inner = build_zip({"xl/worksheets/sheet1.xml": zeros(200)})
    content = docx_with(**{"word/embeddings/Microsoft_Excel_Worksheet.xlsx": inner})
    tracemalloc.start()
    try:
        lines = read_bytes(content)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < MEMORY_LIMIT
    assert any("全年主动公开政府信息1234条" in line.text for line in lines)


def test_a_member_that_lies_about_its_size_unpacks_no_further_than_it_says():
    content = bytearray(related_zeros())
    name = b"word/media/bomb.png"
    # Declare 1 KB in the local header and the central directory: the reader must stop there.
    for signature, name_at, size_at in ((b"PK\x03\x04", 30, 22), (b"PK\x01\x02", 46, 24)):
        at = 0
        while (at := content.find(signature, at)) != -1:
            if content[at + name_at:at + name_at + len(name)] == name:
                content[at + size_at:at + size_at + 4] = (1024).to_bytes(4, "little")
            at += 4
    refused_quickly(lambda: read_bytes(bytes(content)))


def test_an_upload_over_ten_megabytes_is_refused_before_it_is_stored(editor_client, monkeypatch):
    stored = []
    receive = TemporaryFileUploadHandler.receive_data_chunk  # files over 5 MB go to a temporary file
    monkeypatch.setattr(TemporaryFileUploadHandler, "receive_data_chunk",
                        lambda self, data, start: stored.append(len(data)) or receive(self, data, start))
    upload = SimpleUploadedFile("report.txt", b"a" * (MAX_BYTES + 1))
    response = editor_client.post(f"/reports/{editor_client.agency.code}/2022/import/", {"file": upload})
    assert response.status_code == 400 and "10 MB" in response.content.decode()
    assert sum(stored) <= MAX_BYTES


def test_the_upload_still_needs_its_csrf_token(editor_client):
    editor_client.handler.enforce_csrf_checks = True
    upload = SimpleUploadedFile("report.txt", b"text")
    response = editor_client.post(f"/reports/{editor_client.agency.code}/2022/import/", {"file": upload})
    assert response.status_code == 403


@pytest.mark.parametrize(("file_name", "content"), [
    ("report.docx", b"MZ\x90\x00" + bytes(2000)),  # a Windows program named .docx
    ("report.pdf", build_zip({"a.txt": b"not a report"})),  # a ZIP named .pdf
    ("report.txt", b"%PDF-1.4\n%garbage"),  # a damaged PDF named .txt
    ("report.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)),  # an old .doc renamed
])
def test_the_content_decides_what_a_file_is_not_its_name(editor_client, file_name, content):
    upload = SimpleUploadedFile(file_name, content)
    response = editor_client.post(f"/reports/{editor_client.agency.code}/2022/import/", {"file": upload})
    assert response.status_code == 400 and CJK.search(response.content.decode())
    assert not Report.objects.exists()
