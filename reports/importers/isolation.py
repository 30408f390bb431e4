"""Reading an uploaded file in a separate process with memory, CPU-time and wall-clock limits.

The readers (pdfminer, python-docx, lxml, LibreOffice, OCR…) trust their input: a few kilobytes can
unpack to gigabytes or keep a parser busy for minutes. The cheap pre-checks in each reader refuse the
known shapes quickly; this is the backstop for everything else. Whatever the file is, the web worker
(or the command) only waits, and gets back either the result or a refusal in Chinese.

The children are forked from a fork server that has the readers imported already, so a child starts
in milliseconds and never inherits the worker's threads, database connections or memory.
"""
from __future__ import annotations

import logging
import multiprocessing
import resource
import signal
import time

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from .result import ImportRejected

logger = logging.getLogger(__name__)

# Address space the reader may add to what the fork server already maps (Python, Django, the readers).
MEMORY_MB = 768
CPU_SECONDS = 30
# Below gunicorn's 60 s worker timeout, so the user gets the refusal rather than an error page.
WALL_SECONDS = 40
# Scans are recognised page by page in the background worker: the models need memory, pages need time.
SCAN_MEMORY_MB = 2048
SCAN_CPU_SECONDS = 1800
SCAN_WALL_SECONDS = 2400
_PRELOAD = ["reports.importers.isolated_entry"]
_context = None


def limits(*, scan: bool = False) -> tuple[int, int, float]:
    """(memory MB, CPU seconds, wall-clock seconds), from settings when given there."""
    if scan:
        return (getattr(settings, "IMPORT_SCAN_MEMORY_MB", SCAN_MEMORY_MB),
                getattr(settings, "IMPORT_SCAN_CPU_SECONDS", SCAN_CPU_SECONDS),
                getattr(settings, "IMPORT_SCAN_WALL_SECONDS", SCAN_WALL_SECONDS))
    return (getattr(settings, "IMPORT_MEMORY_MB", MEMORY_MB), getattr(settings, "IMPORT_CPU_SECONDS", CPU_SECONDS),
            getattr(settings, "IMPORT_WALL_SECONDS", WALL_SECONDS))


def _fork_server():
    global _context
    if _context is None:
        _context = multiprocessing.get_context("forkserver")
        _context.set_forkserver_preload(_PRELOAD)
    return _context


def _address_space() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[0]) * resource.getpagesize()


def _out_of_memory(error: BaseException | None, depth: int = 0) -> bool:
    """Whether the limit caused `error`: readers wrap what they meet (pdfplumber, then "damaged" here)."""
    if error is None or depth > 10:
        return False
    if isinstance(error, MemoryError):
        return True
    wrapped = [a for a in error.args if isinstance(a, BaseException)]
    return any(_out_of_memory(e, depth + 1) for e in (error.__cause__, error.__context__, *wrapped))


def _child(connection, language, memory_mb, cpu_seconds, function, args, kwargs, relay_progress=False):
    memory = _address_space() + memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
    # SIGXCPU would dump a core of the whole address space first: seconds of disk writing, for nothing.
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    translation.activate(language)
    if relay_progress:  # the parent's callback cannot cross the pipe: its calls do, as messages
        kwargs["progress"] = lambda done, total: connection.send(("progress", (done, total)))
    try:
        outcome = ("done", function(*args, **kwargs))
    except MemoryError:
        outcome = ("memory", "")
    except ImportRejected as exc:
        outcome = ("memory", "") if _out_of_memory(exc) else ("rejected", str(exc))
    except Exception:  # a reader's bug on a strange file: refuse the file, keep the trace for the log
        logger.exception("Reading an uploaded file failed")
        outcome = ("failed", "")
    connection.send(outcome)
    connection.close()


def _too_much_memory() -> ImportRejected:
    return ImportRejected(_("Reading the file needed more memory than a report can take (it unpacks to far more "
                            "than it looks); it was not read."))


def _too_slow() -> ImportRejected:
    return ImportRejected(_("Reading the file took too long (it is far more complex than a report); "
                            "it was not read."))


def _refusal(kind: str, message: str) -> ImportRejected:
    if kind == "rejected":
        return ImportRejected(message)
    if kind == "memory":
        return _too_much_memory()
    return ImportRejected(_("The file could not be read; it may be damaged."))


def _died(exitcode: int | None) -> ImportRejected:
    if exitcode in (-signal.SIGXCPU, -signal.SIGKILL):
        return _too_slow()
    # Out of address space in C code (zlib, lxml) ends in an abort or a segmentation fault.
    return _too_much_memory()


def run_isolated(function, *args, progress=None, scan: bool = False, **kwargs):
    """function(*args, **kwargs) in a limited child process; its result, or ImportRejected.

    `function`, its arguments and its result cross a pipe: they must pickle. With `progress`, the
    function's own `progress(done, total)` calls are relayed to it; `scan` takes the scan limits.
    """
    memory_mb, cpu_seconds, wall_seconds = limits(scan=scan)
    context = _fork_server()
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_child, daemon=True, args=(
        sender, translation.get_language() or settings.LANGUAGE_CODE, memory_mb, cpu_seconds, function, args, kwargs,
        progress is not None))
    process.start()  # the first start also starts the fork server: not counted against the file
    deadline = time.monotonic() + wall_seconds
    sender.close()
    try:
        kind, value = "progress", None
        while kind == "progress":
            if value is not None:
                progress(*value)
            if not receiver.poll(max(deadline - time.monotonic(), 0)):
                process.kill()
                process.join()
                if process.exitcode not in (-signal.SIGKILL, None):
                    raise _died(process.exitcode)
                raise _too_slow()
            try:
                kind, value = receiver.recv()
            except EOFError:
                process.join()
                raise _died(process.exitcode) from None
    finally:
        if process.is_alive():
            process.kill()
        process.join()
        receiver.close()
    if kind == "done":
        return value
    raise _refusal(kind, value)
