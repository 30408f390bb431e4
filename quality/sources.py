"""The files an audit reads: a file, every file of a folder, or every member of a ZIP archive.

A source is read only when its turn comes, so that a folder of hundreds of reports is never
in memory at once. Each one is held to the importers' size limit; a ZIP member is read no
further than that limit, whatever size the archive declares for it.
"""
from __future__ import annotations

import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.utils.translation import gettext as _

from reports.importers.reading import EXTENSIONS, MAX_BYTES, check_size, load_path

ARCHIVE = ".zip"
MAX_MEMBERS = 5000


@dataclass(frozen=True)
class Source:
    name: str
    read: Callable[[], bytes]
    error: str = ""  # known before reading: the source is not looked at


def _is_report_name(name: str) -> bool:
    parts = PurePosixPath(name).parts
    hidden = any(p.startswith((".", "__MACOSX", "~$")) for p in parts)
    return not hidden and PurePosixPath(name).suffix.lower() in EXTENSIONS


def _member_reader(path: Path, member: zipfile.ZipInfo) -> Callable[[], bytes]:
    def read() -> bytes:
        with zipfile.ZipFile(path) as archive, archive.open(member) as stream:
            content = stream.read(MAX_BYTES + 1)  # bounded: the declared size is not trusted
        check_size(len(content))
        return content

    return read


def _archive_sources(path: Path, label: str) -> list[Source]:
    try:
        with zipfile.ZipFile(path) as archive:
            members = [m for m in archive.infolist() if not m.is_dir()]
    except (zipfile.BadZipFile, OSError, ValueError):
        return [Source(label, bytes, _("The ZIP archive is damaged and could not be opened."))]
    if len(members) > MAX_MEMBERS:
        return [Source(label, bytes, _("The ZIP archive holds more than %(count)d files.") % {"count": MAX_MEMBERS})]
    found = []
    for member in sorted(members, key=lambda m: m.filename):
        name = member.filename
        if not _is_report_name(name):
            continue
        if member.file_size > MAX_BYTES:
            found.append(Source(f"{label}/{name}", bytes, _("The file is larger than %(mb)d MB.")
                                % {"mb": MAX_BYTES // (1024 * 1024)}))
        else:
            found.append(Source(f"{label}/{name}", _member_reader(path, member)))
    return found


def _file_sources(path: Path, label: str) -> list[Source]:
    if path.suffix.lower() == ARCHIVE and zipfile.is_zipfile(path):
        return _archive_sources(path, label)
    return [Source(label, lambda: load_path(path))]


def collect_sources(paths) -> list[Source]:
    """Every report file named by `paths` (files, folders — searched recursively — and ZIP archives)."""
    found: list[Source] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                relative = child.relative_to(path).as_posix()
                if _is_report_name(relative) or child.suffix.lower() == ARCHIVE:
                    found += _file_sources(child, relative)
        elif path.is_file():
            found += _file_sources(path, path.name)
        else:
            found.append(Source(str(given), bytes, _("No such file or folder.")))
    return found
