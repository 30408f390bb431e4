"""Export speed and size for a full gov-2021 report with realistic narrative.

PDF export (database read, document model, HTML, WeasyPrint, cache write) is measured side by side
with WeasyPrint alone rendering the very same HTML; the DOCX export, the PDF size and a cached
download through the view complete the picture. Exports render in a limited child process
(reports/exports/isolation.py): its cost is the isolated render minus the same render in-process,
and the round trip of a child that does nothing.
"""
from __future__ import annotations

import functools
import os
import shutil
import statistics
import time

ROUNDS = 7


def _timed(func, cpu: list | None = None) -> float:
    """Wall time of one call; its process CPU time appended to `cpu` (steadier on a busy machine)."""
    start, start_cpu = time.perf_counter(), time.process_time()
    func()
    if cpu is not None:
        cpu.append(time.process_time() - start_cpu)
    return time.perf_counter() - start


def _report():
    from django.contrib.auth import get_user_model

    from reports.models import ReportStatus
    from reports.services import report_set_status
    from tests.exports.sample import fill_report
    from tests.factories import AgencyFactory, ReportFactory

    report = ReportFactory(agency=AgencyFactory(code="bench-export", name="某某市某某区市场监督管理局"), year=2024)
    fill_report(report)
    report_set_status(report=report, status=ReportStatus.PUBLISHED)
    user = get_user_model().objects.create_superuser("bench-export", "bench@example.org", "x")
    return report, user


def _isolation_overhead(report) -> dict[str, float]:
    """Milliseconds the limited process adds: the median of (isolated − in-process) per format, and an empty round trip."""
    from reports.exports.isolation import document_render, render_bytes, run_export
    from reports.exports.service import report_document

    document = report_document(report)
    run_export(int)  # the fork server starts once, with the first export after a deploy
    overhead = {"round trip": statistics.median(_timed(lambda: run_export(int)) for _ in range(ROUNDS * 4)) * 1000}
    for file_format in ("pdf", "docx"):
        render_bytes(document, file_format)  # warm-up in this process too
        # Interleaved, so that both sides of each difference meet the same load of the machine.
        differences = [_timed(functools.partial(document_render, document, file_format))
                       - _timed(functools.partial(render_bytes, document, file_format)) for _ in range(ROUNDS * 2)]
        overhead[file_format] = statistics.median(differences) * 1000
    return overhead


def run() -> str:
    import weasyprint
    from django.conf import settings
    from django.test import Client
    from django.urls import reverse

    from reports.exports.pdf import PDF_OPTIONS
    from reports.exports.service import report_export

    report, user = _report()

    def uncached(file_format):
        def export():
            shutil.rmtree(settings.EXPORT_CACHE_DIR, ignore_errors=True)
            return report_export(report, file_format)
        return export

    html = report_export(report, "html").content.decode()
    uncached("pdf")()  # warm-up: fonts, templates
    weasyprint.HTML(string=html).write_pdf()
    # WeasyPrint alone writes the same PDF (tagged) as the export; untagged shows what tagging costs.
    export_times, weasy_times, untagged_times, export_cpu, weasy_cpu = [], [], [], [], []
    from reports.exports.isolation import render_bytes
    from reports.exports.service import report_document

    document = report_document(report)
    for _ in range(ROUNDS):
        export_times.append(_timed(uncached("pdf")))
        # The export renders in a limited child process, whose CPU time this process does not see:
        # the CPU ratio times the same rendering (layout, second pass, fonts) here.
        _timed(functools.partial(render_bytes, document, "pdf"), export_cpu)
        weasy_times.append(_timed(lambda: weasyprint.HTML(string=html).write_pdf(**PDF_OPTIONS), weasy_cpu))
        untagged_times.append(_timed(lambda: weasyprint.HTML(string=html).write_pdf()))
    docx_times = [_timed(uncached("docx")) for _ in range(ROUNDS)]
    pdf = report_export(report, "pdf").content
    isolation = _isolation_overhead(report)
    client = Client()
    client.force_login(user)
    url = reverse("exports:pdf", args=[report.agency.code, report.year])
    client.get(url)
    cached_times = [_timed(lambda: client.get(url)) for _ in range(ROUNDS * 4)]
    import io

    from pdfplumber import open as pdf_open

    with pdf_open(io.BytesIO(pdf)) as doc:
        pages = len(doc.pages)
    export, weasy = statistics.median(export_times), statistics.median(weasy_times)
    untagged = statistics.median(untagged_times)
    return "\n".join([
        "## Export (PDF, DOCX)",
        "",
        (f"A published gov-2021 report with every table filled and realistic narrative ({pages} pages). "
         f"Medians of {ROUNDS} rounds; each export starts from an empty cache. `bench/bench_export.py`."),
        "",
        "| measure | value | target |",
        "|---|---|---|",
        f"| PDF export, uncached | {export:.3f} s | |",
        f"| WeasyPrint alone on the same HTML, same options (tagged PDF) | {weasy:.3f} s | |",
        f"| ratio export / WeasyPrint | {export / weasy:.2f} | ≤ 1.3 |",
        (f"| ratio in CPU time, the export's rendering run in this process (other work counts less) | "
         f"{statistics.median(export_cpu) / statistics.median(weasy_cpu):.2f} | ≤ 1.3 |"),
        f"| WeasyPrint alone, untagged | {untagged:.3f} s | |",
        f"| ratio export / untagged WeasyPrint (cost of tagging included) | {export / untagged:.2f} | |",
        f"| DOCX export, uncached | {statistics.median(docx_times) * 1000:.0f} ms | ≤ 150 ms |",
        f"| PDF size | {len(pdf) / 1024:.0f} KB | ≤ 400 KB |",
        f"| cached PDF download through the view | {statistics.median(cached_times) * 1000:.1f} ms | |",
        f"| limited process: round trip of a child doing nothing | {isolation['round trip']:.0f} ms | |",
        f"| limited process: PDF render isolated − in-process | {isolation['pdf']:+.0f} ms | |",
        f"| limited process: DOCX render isolated − in-process | {isolation['docx']:+.0f} ms | |",
        "",
        (f"Load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (times grow with it; "
         "the limited-process rows are differences measured side by side)."),
        "",
    ])
