"""Export speed and size for a full gov-2021 report with realistic narrative.

PDF export (database read, document model, HTML, WeasyPrint, cache write) is measured side by side
with WeasyPrint alone rendering the very same HTML; the DOCX export, the PDF size and a cached
download through the view complete the picture.
"""
from __future__ import annotations

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
    for _ in range(ROUNDS):
        export_times.append(_timed(uncached("pdf"), export_cpu))
        weasy_times.append(_timed(lambda: weasyprint.HTML(string=html).write_pdf(**PDF_OPTIONS), weasy_cpu))
        untagged_times.append(_timed(lambda: weasyprint.HTML(string=html).write_pdf()))
    docx_times = [_timed(uncached("docx")) for _ in range(ROUNDS)]
    pdf = report_export(report, "pdf").content
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
        (f"| ratio in process CPU time (other work on the machine counts less) | "
         f"{statistics.median(export_cpu) / statistics.median(weasy_cpu):.2f} | ≤ 1.3 |"),
        f"| WeasyPrint alone, untagged | {untagged:.3f} s | |",
        f"| ratio export / untagged WeasyPrint (cost of tagging included) | {export / untagged:.2f} | |",
        f"| DOCX export, uncached | {statistics.median(docx_times) * 1000:.0f} ms | ≤ 150 ms |",
        f"| PDF size | {len(pdf) / 1024:.0f} KB | ≤ 400 KB |",
        f"| cached PDF download through the view | {statistics.median(cached_times) * 1000:.1f} ms | |",
        "",
    ])
