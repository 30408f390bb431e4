"""Work on untrusted input in a separate process with memory, CPU-time and wall-clock limits.

Readers of uploaded files (pdfminer, python-docx, lxml, LibreOffice, OCR…) and the export renderers
(WeasyPrint, python-docx, openpyxl) trust what they are given: a few kilobytes can unpack to
gigabytes, and a pathological report can keep a renderer busy for minutes. The callers' cheap
pre-checks refuse the known shapes quickly; this is the backstop for everything else. Whatever the
input is, the web worker (or the command) only waits, and gets back either the result or a refusal
in Chinese, worded by the caller (`Wording`).

The children are forked from a fork server that has the readers and renderers imported already, so a
child starts in milliseconds and never inherits the worker's threads, database connections or memory.
"""
from __future__ import annotations

import logging
import multiprocessing
import resource
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.utils import translation

logger = logging.getLogger(__name__)

# Loaded once by the fork server: one fork server serves every caller of this process.
_PRELOAD = ["reports.importers.isolated_entry", "reports.exports.isolated_entry"]
_context = None


class Refused(Exception):
    """Raised by the isolated function to refuse its input; the message is one line for the user."""


@dataclass(frozen=True)
class Limits:
    memory_mb: int  # address space the child may add to what the fork server maps already
    cpu_seconds: int
    wall_seconds: float


@dataclass(frozen=True)
class Wording:
    """How a caller tells its user why the work was refused: its exception and its sentences."""
    error: type[Exception]
    too_much_memory: Callable[[], str]
    too_slow: Callable[[], str]
    failed: Callable[[], str]
    what: str  # for the log: "reading an uploaded file", "exporting a report"


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


def _child(connection, language, limits: Limits, what, function, args, kwargs, relay_progress=False):
    memory = _address_space() + limits.memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (limits.cpu_seconds, limits.cpu_seconds + 1))
    # SIGXCPU would dump a core of the whole address space first: seconds of disk writing, for nothing.
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    translation.activate(language)
    if relay_progress:  # the parent's callback cannot cross the pipe: its calls do, as messages
        kwargs["progress"] = lambda done, total: connection.send(("progress", (done, total)))
    try:
        outcome = ("done", function(*args, **kwargs))
    except MemoryError:
        outcome = ("memory", "")
    except Refused as exc:
        outcome = ("memory", "") if _out_of_memory(exc) else ("rejected", str(exc))
    except Exception:  # a bug met on a strange input: refuse it, keep the trace for the log
        logger.exception("%s failed", what.capitalize())
        outcome = ("failed", "")
    connection.send(outcome)
    connection.close()


def _refusal(kind: str, message: str, wording: Wording) -> Exception:
    if kind == "rejected":
        return wording.error(message)
    if kind == "memory":
        logger.warning("%s needed more memory than allowed; refused", _what(wording))
        return wording.error(wording.too_much_memory())
    return wording.error(wording.failed())


def _what(wording: Wording) -> str:
    return wording.what.capitalize()


def _died(exitcode: int | None, wording: Wording) -> Exception:
    if exitcode in (-signal.SIGXCPU, -signal.SIGKILL):
        logger.warning("%s ran out of time (exit code %s); refused", _what(wording), exitcode)
        return wording.error(wording.too_slow())
    if exitcode is not None and exitcode > 0:
        # Python itself ended the child before the limits were set (e.g. its arguments did not unpickle):
        # a failure, not the input's size.
        logger.error("%s exited with code %s before finishing; refused", _what(wording), exitcode)
        return wording.error(wording.failed())
    # Out of address space in C code (zlib, lxml) ends in an abort or a segmentation fault.
    logger.warning("%s died (exit code %s), taken as out of memory; refused", _what(wording), exitcode)
    return wording.error(wording.too_much_memory())


def _wait(process, receiver, deadline: float, progress, wording: Wording):
    kind, value = "progress", None
    while kind == "progress":
        if value is not None:
            progress(*value)
        if not receiver.poll(max(deadline - time.monotonic(), 0)):
            process.kill()
            process.join()
            if process.exitcode not in (-signal.SIGKILL, None):
                raise _died(process.exitcode, wording)
            logger.warning("%s passed its wall-clock limit; stopped and refused", _what(wording))
            raise wording.error(wording.too_slow())
        try:
            kind, value = receiver.recv()
        except EOFError:
            process.join()
            raise _died(process.exitcode, wording) from None
    return kind, value


def run_limited(function, *args, limits: Limits, wording: Wording, progress=None, **kwargs):
    """function(*args, **kwargs) in a limited child process; its result, or `wording.error`.

    `function`, its arguments and its result cross a pipe: they must pickle. With `progress`, the
    function's own `progress(done, total)` calls are relayed to it.
    """
    context = _fork_server()
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_child, daemon=True, args=(
        sender, translation.get_language() or settings.LANGUAGE_CODE, limits, wording.what, function, args, kwargs,
        progress is not None))
    process.start()  # the first start also starts the fork server: not counted against the input
    deadline = time.monotonic() + limits.wall_seconds
    sender.close()
    try:
        kind, value = _wait(process, receiver, deadline, progress, wording)
    finally:
        if process.is_alive():
            process.kill()
        process.join()
        receiver.close()
    if kind == "done":
        return value
    raise _refusal(kind, value, wording)
