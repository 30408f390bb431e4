"""Exported files on disk, keyed so that an unchanged report is never rendered twice.

The key holds everything the bytes depend on: report id, content version, file format,
fee header variant, watermark and a stamp of the agency name and last save. Files are
written to a temporary name, synced and renamed into place, so a crash mid-export (or a
power cut just after) never leaves a truncated file under a valid key.
"""
from __future__ import annotations

import functools
import hashlib
import logging
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from django.conf import settings

logger = logging.getLogger(__name__)
TEMP_PREFIX = ".tmp-"
# A temporary file this old belongs to an export that was killed: no live writer takes that long.
ABANDONED_AFTER_SECONDS = 3600


def cache_dir() -> Path:
    return Path(settings.EXPORT_CACHE_DIR)


@functools.cache
def layout_fingerprint() -> str:
    """Changes whenever the code, templates or stylesheet that draw the files change (a deploy)."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted([*root.glob("*.py"), *root.glob("templates/exports/*.html"), *root.glob("static/exports/*")]):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def report_stamp(report) -> str:
    """What the bytes depend on beyond the version: the agency's name (renaming does not bump the
    version) and the moment of the last save, so a database restored to an earlier state, whose
    versions count up again, never meets files cached from another history."""
    raw = f"{report.agency.name}|{report.updated_at.isoformat() if report.updated_at else ''}"
    return hashlib.sha256(raw.encode()).hexdigest()[:8]


def cache_path(
    *, report_id: int, version: int, file_format: str, precise_fee: bool, draft: bool, stamp: str = ""
) -> Path:
    """The version covers the content; the layout fingerprint covers a deploy that draws files anew."""
    variant = f"{'fee4' if precise_fee else 'fee'}-{'draft' if draft else 'final'}"
    name = f"report-{report_id}-v{version}-{variant}-{stamp or 'x'}-{layout_fingerprint()}.{file_format}"
    return cache_dir() / name


def cached(path: Path, render: Callable[[], bytes]) -> bytes:
    """The bytes at `path`, rendering and storing them first when they are not there yet."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        pass
    content = render()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, content)
    except OSError:
        # A full or read-only cache costs speed, not the download.
        logger.warning("export cache: cannot store %s", path, exc_info=True)
        return content
    _tidy(path)
    return content


def write_atomically(path: Path, content: bytes) -> None:
    """`path` holds either its old content or all of `content`, whenever the process dies."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=TEMP_PREFIX, suffix=path.suffix)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(content)
            out.flush()
            # Without it a power cut after the rename can leave the name pointing at an empty file.
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _tidy(path: Path) -> None:
    """Drop what can never be served: earlier versions of the same report, and temporary files
    left behind by exports that were killed mid-write."""
    report_part, version_part = path.name.split("-")[1:3]
    current = int(version_part[1:])
    with os.scandir(path.parent) as entries:
        for entry in entries:
            try:
                if entry.name.startswith(f"report-{report_part}-v") and int(entry.name.split("-")[2][1:]) < current:
                    os.unlink(entry.path)
            except (IndexError, ValueError, FileNotFoundError):
                continue
    sweep_abandoned(path.parent)


def sweep_abandoned(directory: Path) -> int:
    """Delete the temporary files of writers that were killed (older than any live writer)."""
    abandoned, swept = time.time() - ABANDONED_AFTER_SECONDS, 0
    with os.scandir(directory) as entries:
        for entry in entries:
            try:
                if entry.name.startswith(TEMP_PREFIX) and entry.stat().st_mtime < abandoned:
                    os.unlink(entry.path)
                    swept += 1
            except FileNotFoundError:
                continue
    return swept
