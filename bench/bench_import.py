"""Import precision and recall per kind of input: values recovered / values present, and values wrong.

The corpus is generated: a report of each format with a distinct value in every cell, re-typed or
re-made in each shape real published reports take (tests/importers/shapes.py), plus the two real
published reports kept as test fixtures. A value is wrong when the import puts a value in a cell
whose original value differs (a blank read as 0 counts as wrong).
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

FORMATS = ("gov-2021", "gov-2019")
FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "importers"
EXAMPLES = ("gulou-xinfang-2021", "xigong-shequ-2021")
OCR_PAGES: list[tuple[int, float]] = []  # (pages, seconds) of each scanned file read


def _text(lines: list[str]) -> bytes:
    return "\n".join(lines).encode()


def _doc(data) -> bytes | None:
    from reports.exports.document import document_build
    from reports.exports.word import document_docx

    soffice = shutil.which("soffice")
    if soffice is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "r.docx").write_bytes(document_docx(document_build(data, draft=True)))
        subprocess.run([soffice, f"-env:UserInstallation={(folder / 'p').as_uri()}", "--headless", "--convert-to",
                        "doc", "--outdir", tmp, str(folder / "r.docx")], check=True, capture_output=True, timeout=300)
        return (folder / "r.doc").read_bytes()


def _cells_of(data) -> dict:
    from reports.interchange import to_json

    return to_json(data)["cells"]


def _pages(data) -> int:
    import io

    import pdfplumber

    from reports.exports.document import document_build
    from reports.exports.pdf import document_pdf

    with pdfplumber.open(io.BytesIO(document_pdf(document_build(data, draft=False)))) as pdf:
        return len(pdf.pages)


def _image_pdf(pngs: list[bytes]) -> bytes:
    import io

    from PIL import Image

    images = [Image.open(io.BytesIO(png)).convert("RGB") for png in pngs]
    out = io.BytesIO()
    images[0].save(out, format="PDF", resolution=150, save_all=True, append_images=images[1:])
    return out.getvalue()


def _corpus():
    """(class, name, file content, expected cells)."""
    import weasyprint

    from reports.interchange import to_json
    from tests.importers.samples import render_text, sample_data
    from tests.importers.shapes import (
        cell_per_line_report,
        consistent_data,
        framed_html,
        one_cell_per_line,
        own_headings_report,
        portal_page,
        total_row_with_extra,
        wps_like_docx,
    )

    for fid in FORMATS:
        data = sample_data(fid)
        cells = to_json(data)["cells"]
        yield "tab-separated text (baseline)", fid, _text(render_text(data)), cells
        yield "one cell per line, blank line between rows", fid, _text(cell_per_line_report(data)), cells
        yield "one cell per line, blank line between cells", fid, \
            _text(cell_per_line_report(data, between_cells=True)), cells
        yield "one cell per line, no blank lines at all", fid, \
            _text(cell_per_line_report(data, between_rows=False)), cells
        yield "own headings, tables as 附表", fid, _text(own_headings_report(data)), cells
        yield "own headings, one cell per line", fid, _text(one_cell_per_line(own_headings_report(data))), cells
        blanks = consistent_data(fid, blank=("apply.granted.business", "apply.granted.research",
                                             "apply.denied.secret.legal"))
        yield "one cell per line, blank cells vanished", fid, _text(cell_per_line_report(blanks)), \
            to_json(blanks)["cells"]
        consistent = consistent_data(fid)
        for where in ("subtotal", "repeated", "in front", "between"):
            yield "总计 row of 表三 printed with 8 numbers", f"{fid} {where}", \
                _text(total_row_with_extra(consistent, where)), to_json(consistent)["cells"]
        yield "DOCX as WPS writes it (hMerge, vMerge continue)", fid, wps_like_docx(data), cells
        yield "PDF, narrative in ruled boxes (WPS)", fid, weasyprint.HTML(string=framed_html(data)).write_pdf(), cells
        yield "web page from a portal", fid, portal_page(data).encode(), cells
        doc = _doc(data)
        if doc is not None:
            yield ".doc (LibreOffice)", fid, doc, cells
    from tests.importers.shapes import consistent_data, scanned_page

    for fid in FORMATS:
        # A whole report scanned: every page printed at 150 dpi, turned, with grain and dust, as one image PDF;
        # its totals add up, as a published report's do, so that the sums can catch a misread digit.
        data = consistent_data(fid)
        pages = [scanned_page(data, n, angle=0.8 if n % 2 else -0.6, seed=n) for n in range(1, _pages(data) + 1)]
        yield "scanned PDF (150 dpi, skew, noise; OCR)", fid, _image_pdf(pages), _cells_of(data)
    for name in EXAMPLES:
        expected = json.loads((FIXTURES / f"{name}.expected.json").read_text(encoding="utf-8"))
        yield "real published reports (text)", name, (FIXTURES / f"{name}.txt").read_bytes(), expected["cells"]


def _score(content: bytes, name: str, expected: dict) -> tuple[int, int, int, float]:
    from reports.importers.parse import parse_lines
    from reports.importers.reading import read_bytes

    start = time.perf_counter()
    pages = []
    got = parse_lines(read_bytes(content, lambda done, total: pages.append(done)), source=name).to_json(findings=False)["cells"]
    seconds = time.perf_counter() - start
    if pages:
        OCR_PAGES.append((len(pages), seconds))
    present = {k: v for k, v in expected.items() if v is not None}
    recovered = sum(1 for k, v in present.items() if got.get(k) == v)
    wrong = sum(1 for k, v in got.items() if v != expected.get(k))
    return recovered, len(present), wrong, seconds


def run() -> str:
    rows: dict[str, list[int | float]] = {}
    for kind, name, content, expected in _corpus():
        recovered, present, wrong, seconds = _score(content, name, expected)
        total = rows.setdefault(kind, [0, 0, 0, 0, 0.0])
        for i, v in enumerate((1, recovered, present, wrong, seconds)):
            total[i] += v
    lines = [
        "## Import: values recovered and values wrong per kind of input",
        "",
        ("`bench/bench_import.py`: each format's sample report (a distinct value in every cell) re-made in each "
         "shape (`tests/importers/shapes.py`), and the two real published reports of the test fixtures. "
         "Recovered: cells read with the original value; wrong: cells given a value other than the original's "
         "(target 0). Reading time includes parsing."),
        "",
        "| input | files | recovered / present | wrong | seconds per file |",
        "|---|---|---|---|---|",
    ]
    for kind, (files, recovered, present, wrong, seconds) in rows.items():
        lines.append(f"| {kind} | {files} | {recovered} / {present} ({100 * recovered / present:.1f}%) | {wrong} "
                     f"| {seconds / files:.2f} |")
    if OCR_PAGES:
        pages, seconds = sum(p for p, _ in OCR_PAGES), sum(s for _, s in OCR_PAGES)
        lines += ["", (f"Text recognition: {pages} scanned pages read in {seconds:.0f} s, "
                      f"**{seconds / pages:.1f} s per page** (150 dpi, RapidOCR on the CPU; the machine was shared "
                      f"while measuring: load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores). "
                      "The scanned cells not recovered are left unplaced and reported (a label misread beyond "
                      "recognition, a value glued to a stray mark, a cell a failing sum names as possibly misread, "
                      "every 本年增/减 change of gov-2019 whose minus sign a scan may lose), never filled with "
                      "another value.")]
    return "\n".join(lines + [""])
