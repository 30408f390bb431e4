"""Recognising what a file is (by its content, not its name) and reading it into lines."""
from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

from django.utils.translation import gettext as _

from .archive import check_archive
from .docx import read_docx
from .lines import Line
from .office import convert_to_docx
from .pdf import pdf_has_text, read_pdf
from .result import ImportRejected
from .text import read_text
from .webpage import looks_like_html, read_html

MAX_BYTES = 10 * 1024 * 1024
EXTENSIONS = (".txt", ".md", ".text", ".htm", ".html", ".docx", ".doc", ".wps", ".pdf", ".json", ".png", ".jpg", ".jpeg")

# Told (pages done, pages in all) as text recognition reads a scan.
Progress = Callable[[int, int], None]

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc / .wps / .xls


def _decode(content: bytes) -> str:
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ("utf-16",)
    else:
        encodings = ("utf-8-sig", "gb18030")
    for encoding in encodings:
        try:
            text = content.decode(encoding)
        except UnicodeDecodeError:
            continue
        controls = sum(1 for c in text if ord(c) < 32 and c not in "\t\n\r\f")
        if "\x00" in text or controls > len(text) / 100:
            break
        return text
    raise ImportRejected(_("The file is neither text, a web page, DOCX nor PDF."))


def _is_docx(content: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def check_size(size: int) -> None:
    if size > MAX_BYTES:
        raise ImportRejected(_("The file is larger than %(mb)d MB.") % {"mb": MAX_BYTES // (1024 * 1024)})


def is_image(content: bytes) -> bool:
    return content.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff"))


def needs_recognition(content: bytes) -> bool:
    """Whether reading the file takes text recognition (a while): an image, or a PDF without text."""
    return is_image(content) or content.startswith(b"%PDF") and not pdf_has_text(content)


def read_bytes(content: bytes, progress: Progress | None = None) -> list[Line]:
    """The lines of a file; `progress(done, total)` is told of each scanned page recognised."""
    check_size(len(content))
    if not content.strip():
        raise ImportRejected(_("The file is empty."))
    if is_image(content):
        from .scan import read_image  # OpenCV and the recognition models load only when a scan comes

        return read_image(content, progress)
    if content.startswith(b"%PDF"):
        lines = read_pdf(content)
        if lines:
            return lines
        from .scan import read_scanned_pdf

        return read_scanned_pdf(content, progress)
    if content.startswith(b"PK\x03\x04"):
        check_archive(content)
        if not _is_docx(content):
            raise ImportRejected(_("The file is a ZIP archive but not a DOCX document, or it is damaged."))
        return read_docx(content)
    if content.startswith(_OLE):
        return read_docx(convert_to_docx(content))
    text = _decode(content)
    return read_html(text) if looks_like_html(text) else read_text(text)


def load_path(path) -> bytes:
    """The file's content, refused before reading when it is too large."""
    path = Path(path)
    try:
        check_size(path.stat().st_size)
        return path.read_bytes()
    except OSError as exc:
        raise ImportRejected(_("The file cannot be read: %(error)s") % {"error": exc.strerror or exc}) from exc


def read_path(path) -> list[Line]:
    return read_bytes(load_path(path))
