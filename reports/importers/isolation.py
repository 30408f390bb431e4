"""Reading an uploaded file in the limited process of reports/isolation.py, with the import limits.

Whatever the file is, the web worker (or the command) only waits, and gets back either the result or
a refusal in Chinese (ImportRejected).
"""
from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _

from reports.isolation import Limits, Wording, run_limited

from .result import ImportRejected

# Address space the reader may add to what the fork server already maps (Python, Django, the readers).
MEMORY_MB = 768
CPU_SECONDS = 30
# Below gunicorn's 60 s worker timeout, so the user gets the refusal rather than an error page.
WALL_SECONDS = 40
# Scans are recognised page by page in the background worker: the models need memory, pages need time.
SCAN_MEMORY_MB = 2048
SCAN_CPU_SECONDS = 1800
SCAN_WALL_SECONDS = 2400

WORDING = Wording(
    error=ImportRejected,
    too_much_memory=lambda: _("Reading the file needed more memory than a report can take (it unpacks to far "
                              "more than it looks); it was not read."),
    too_slow=lambda: _("Reading the file took too long (it is far more complex than a report); it was not read."),
    failed=lambda: _("The file could not be read; it may be damaged."),
    what="reading an uploaded file",
)


def limits(*, scan: bool = False) -> Limits:
    """The limits, from settings when given there."""
    if scan:
        return Limits(getattr(settings, "IMPORT_SCAN_MEMORY_MB", SCAN_MEMORY_MB),
                      getattr(settings, "IMPORT_SCAN_CPU_SECONDS", SCAN_CPU_SECONDS),
                      getattr(settings, "IMPORT_SCAN_WALL_SECONDS", SCAN_WALL_SECONDS))
    return Limits(getattr(settings, "IMPORT_MEMORY_MB", MEMORY_MB), getattr(settings, "IMPORT_CPU_SECONDS", CPU_SECONDS),
                  getattr(settings, "IMPORT_WALL_SECONDS", WALL_SECONDS))


def run_isolated(function, *args, progress=None, scan: bool = False, **kwargs):
    """function(*args, **kwargs) in a limited child process; its result, or ImportRejected.

    `progress` relays the function's own `progress(done, total)` calls; `scan` takes the scan limits.
    """
    return run_limited(function, *args, limits=limits(scan=scan), wording=WORDING, progress=progress, **kwargs)
