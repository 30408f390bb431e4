"""Refusing a DOCX that would unpack to far more than a report, before anything unpacks or parses it.

The sizes a ZIP declares cannot be trusted: Python's zipfile inflates a member's compressed data in
one go and only then cuts it to the declared size. So every member is measured with a bounded
inflater first. Nested archives (a chart's embedded workbook) are never opened by the importer,
so only their own size counts. XML parts must not declare a DTD: Word never writes one, and entity
expansion (billion laughs) and external entities live there.
"""
from __future__ import annotations

import io
import struct
import zipfile
import zlib
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse
from django.utils.translation import gettext as _

from .inflate import RAW, inflated_size
from .result import ImportRejected

MAX_MEMBERS = 1000
MAX_UNPACKED = 50 * 1024 * 1024
MAX_XML_PART = 20 * 1024 * 1024
# A member this large that compresses better than MAX_RATIO is filler, not text or pictures.
RATIO_FLOOR = 1024 * 1024
MAX_RATIO = 100
_XML_SUFFIXES = (".xml", ".rels")
_LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature ... file name length, extra field length


def _damaged() -> ImportRejected:
    return ImportRejected(_("The file is a ZIP archive but not a DOCX document, or it is damaged."))


def _too_big() -> ImportRejected:
    return ImportRejected(_("The DOCX file unpacks to far more than a report can hold (more than %(mb)d MB, "
                            "or highly repetitive content); it was not read.") % {"mb": MAX_UNPACKED // (1024 * 1024)})


def _unpacked_size(content: bytes, member: zipfile.ZipInfo, limit: int) -> int:
    """What the member really unpacks to (counting stops just past `limit`); refused when beyond what it declares."""
    start = member.header_offset
    signature, name_length, extra_length = _LOCAL_HEADER.unpack_from(content, start)
    if signature != b"PK\x03\x04":
        raise _damaged()
    start += _LOCAL_HEADER.size + name_length + extra_length
    if member.compress_type == zipfile.ZIP_STORED:
        size = member.compress_size
    elif member.compress_type == zipfile.ZIP_DEFLATED:
        size = inflated_size(content, start, limit, wbits=RAW, end=start + member.compress_size)
    else:
        raise _damaged()  # Word and WPS only store or deflate; other methods would go unmeasured
    if size > member.file_size:
        raise _too_big()
    return size


def _check_sizes(content: bytes, members: list[zipfile.ZipInfo]) -> None:
    if len(members) > MAX_MEMBERS:
        raise ImportRejected(_("The DOCX file has more than %(count)d parts; that is not a report.")
                             % {"count": MAX_MEMBERS})
    if sum(m.file_size for m in members) > MAX_UNPACKED:
        raise _too_big()
    total = 0
    for member in members:
        size = _unpacked_size(content, member, MAX_UNPACKED - total)
        total += size
        too_repetitive = size > RATIO_FLOOR and size > MAX_RATIO * max(member.compress_size, 1)
        too_big_xml = size > MAX_XML_PART and member.filename.lower().endswith(_XML_SUFFIXES)
        if total > MAX_UNPACKED or too_repetitive or too_big_xml:
            raise _too_big()


def _declares_dtd(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> bool:
    """Whether the part declares a DTD; read only up to its root element, where a DTD would have to be."""
    with archive.open(member) as stream:
        try:
            for _event in iterparse(stream, events=("start",), forbid_dtd=True):
                return False
        except DefusedXmlException:
            return True
        except ParseError:
            return False  # not XML: python-docx refuses it as damaged if it needs the part
    return False


def check_archive(content: bytes) -> None:
    """Raise ImportRejected for a ZIP that is damaged, unpacks too large, or has a DTD in an XML part."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        members = archive.infolist()
        _check_sizes(content, members)
        for member in members:
            if member.filename.lower().endswith(_XML_SUFFIXES) and _declares_dtd(archive, member):
                raise ImportRejected(_("The DOCX file contains XML with a document type declaration, which Word "
                                       "never writes; it was not read."))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, struct.error, NotImplementedError, RuntimeError,
            ValueError, EOFError, OSError) as exc:
        raise _damaged() from exc
