"""Every uploaded file is read in a separate, limited process: no input takes the web worker down.

The inputs got past the cheap pre-checks once: a page compressed twice, hex-encoded before it is
compressed, a `stream` keyword ended by a bare CR (each unpacks to a gigabyte from a few kilobytes),
and a small PDF whose pages draw a 100×100 grid of lines (minutes of table finding). They go through
the real upload page and `import_report`; the worker's own memory is measured from the worker.
"""
from __future__ import annotations

import binascii
import io
import re
import time
import tracemalloc
import zlib
from functools import cache

import pytest
from django.core.management import call_command

from agencies.models import Role
from reports.importers.isolation import run_isolated
from reports.importers.result import ImportRejected
from reports.importers.services import import_parse
from reports.models import Report
from tests.factories import MembershipFactory

from .samples import render_docx, render_text, sample_data
from .test_bombs import _pdf, editor_client, zeros_deflated  # noqa: F401 (editor_client is a fixture)

pytestmark = pytest.mark.django_db
CJK = re.compile(r"[\u4e00-\u9fff]")
MB = 1024 * 1024
BOMB_MB = 1024
# The limits the tests run with: small, so that a refusal comes quickly.
MEMORY_MB, CPU_SECONDS, WALL_SECONDS = 256, 3, 6
# Far below the minutes the grid takes unlimited, with room for a machine busy with other work.
TIME_LIMIT = 30.0
WORKER_GROWTH_LIMIT = 60 * MB


@pytest.fixture(autouse=True)
def _tight_limits(settings):
    settings.IMPORT_MEMORY_MB = MEMORY_MB
    settings.IMPORT_CPU_SECONDS = CPU_SECONDS
    settings.IMPORT_WALL_SECONDS = WALL_SECONDS
    run_isolated(int)  # the fork server starts once, outside the measurements


def pdf_page(dictionary: bytes, data: bytes, *, keyword: bytes = b"stream\n") -> bytes:
    return _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d %s >>\n" % (len(data), dictionary) + keyword + data + b"\nendstream",
    ])


def grid_pdf(pages: int = 20, lines: int = 100) -> bytes:
    """Pages that each draw a grid of lines: a few kilobytes, yet a table of 10,000 cells per page."""
    drawing = b"\n".join(b"50 %d m 550 %d l S\n%d 50 m %d 550 l S" % ((50 + i * 5,) * 4) for i in range(lines + 1))
    kids = b" ".join(b"%d 0 R" % (3 + i) for i in range(pages))
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R >>" % (3 + pages)
    return _pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
                 *[page] * pages, b"<< /Length %d >>\nstream\n" % len(drawing) + drawing + b"\nendstream"])


@cache
def inputs() -> dict[str, bytes]:
    once = zeros_deflated(BOMB_MB)
    return {
        "flate-twice": pdf_page(b"/Filter [/FlateDecode /FlateDecode]", zlib.compress(once, 9)),
        "hex-then-flate": pdf_page(b"/Filter [/ASCIIHexDecode /FlateDecode]", binascii.hexlify(once) + b">"),
        "bare-cr-keyword": pdf_page(b"/Filter /FlateDecode", once, keyword=b"stream\r"),
        "grid-of-lines": grid_pdf(),
    }


def _peak_resident() -> int:
    with open("/proc/self/status") as status:
        return int(re.search(r"VmHWM:\s+(\d+) kB", status.read()).group(1)) * 1024


def _reset_peak_resident() -> None:
    with open("/proc/self/clear_refs", "w") as clear:
        clear.write("5")


def within_bounds(action):
    """Run `action` and return its result; the worker's own peak memory and the time taken stay small."""
    _reset_peak_resident()
    before = _peak_resident()
    tracemalloc.start()
    started = time.monotonic()
    try:
        result = action()
        elapsed, traced = time.monotonic() - started, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    grown = _peak_resident() - before
    assert elapsed < TIME_LIMIT, f"took {elapsed:.1f} s"
    assert traced < WORKER_GROWTH_LIMIT, f"the worker allocated {traced / MB:.0f} MB"
    assert grown < WORKER_GROWTH_LIMIT, f"the worker's peak memory grew by {grown / MB:.0f} MB"
    return result


def test_the_inputs_are_small_files():
    assert all(len(content) < 3 * MB for content in inputs().values())
    assert len(inputs()["flate-twice"]) < 10_000 and len(inputs()["grid-of-lines"]) < 10_000


@pytest.mark.parametrize("name", sorted(inputs()))
def test_the_upload_page_refuses_it_in_chinese_within_bounded_time_and_memory(editor_client, name):  # noqa: F811
    agency = editor_client.agency
    upload = io.BytesIO(inputs()[name])
    upload.name = "report.pdf"
    response = within_bounds(lambda: editor_client.post(f"/reports/{agency.code}/2022/import/", {"file": upload}))
    assert response.status_code == 400
    page = response.content.decode()
    assert "未予读取" in page
    assert not Report.objects.exists()


@pytest.mark.parametrize("name", ["flate-twice", "grid-of-lines"])
def test_the_command_refuses_it_in_one_chinese_line(tmp_path, name):
    path = tmp_path / "report.pdf"
    path.write_bytes(inputs()[name])
    err = io.StringIO()
    membership = MembershipFactory(role=Role.EDITOR)
    with pytest.raises(SystemExit):
        within_bounds(lambda: call_command("import_report", str(path), agency=membership.agency.code,
                                           stdout=io.StringIO(), stderr=err))
    message = err.getvalue().strip()
    assert len(message.splitlines()) == 1 and CJK.search(message), message
    assert not Report.objects.exists()


def test_a_folder_import_refuses_it_and_goes_on_with_the_next_file(tmp_path):
    membership = MembershipFactory(role=Role.EDITOR)
    data = sample_data()
    data.agency, data.title = membership.agency.name, ""
    (tmp_path / "a-bomb.pdf").write_bytes(inputs()["flate-twice"])
    (tmp_path / "b-report.txt").write_text("\n".join(render_text(data)))
    out = io.StringIO()
    within_bounds(lambda: call_command("import_report", str(tmp_path), region=membership.agency.code,
                                       stdout=out, stderr=io.StringIO()))
    printed = out.getvalue()
    assert "1 个已导入" in printed and "1 个失败" in printed, printed
    assert re.search(r"失败：a-bomb.pdf：.*未予读取", printed), printed
    assert Report.objects.filter(agency=membership.agency).exists()


def test_real_reports_are_read_in_the_limited_process():
    data = sample_data()
    for source, content in (("report.docx", render_docx(data)), ("report.txt", "\n".join(render_text(data)).encode())):
        result = within_bounds(lambda: import_parse(content, source=source))  # noqa: B023
        assert result.data.cells == data.cells, source
        assert result.data.format.id == data.format.id


# Functions the fork server has loaded already (a test module would be imported in the child first).
@pytest.mark.parametrize(("function", "args", "message"), [
    (bytearray, (2 * MEMORY_MB * MB,), "内存"),
    (re.match, ("(a+)+$", "a" * 40 + "b"), "用时过长"),  # catastrophic backtracking: CPU, no memory
    (time.sleep, (60,), "用时过长"),
])
def test_each_limit_ends_the_child_with_a_chinese_refusal(function, args, message):
    with pytest.raises(ImportRejected) as refused:
        within_bounds(lambda: run_isolated(function, *args))
    assert message in str(refused.value)


def test_a_narrative_over_the_text_limit_is_refused_in_chinese():
    from reports.normalize import TEXT_MAX_LENGTH

    data = sample_data()
    data.texts["text.problems"] = "".join(f"第{i}个问题。" for i in range(TEXT_MAX_LENGTH // 5))
    with pytest.raises(ImportRejected) as refused:
        import_parse("\n".join(render_text(data)).encode(), source="report.txt")
    assert "最多20,000字" in str(refused.value)


def test_a_child_that_exits_by_itself_is_a_failure_not_a_lack_of_memory(caplog):
    import sys

    from reports.importers.isolation import WORDING

    with pytest.raises(ImportRejected) as refused:
        run_isolated(sys.exit, 1)  # SystemExit passes the child's handler: the process ends with code 1
    assert str(refused.value) == WORDING.failed()
    assert "exited with code 1" in caplog.text
