"""Published reports with known defects, made from consistent generated reports, as files."""
from __future__ import annotations

import copy
import zipfile
from datetime import date
from pathlib import Path

from reports.data import ReportData
from reports.demo.generate import Profile, generate
from tests.importers.samples import render_docx, render_text, sample_texts

PLACE = "测试市测试区"
PROFILE = Profile(applications=30, licenses=100, penalties=20, coercions=3, fees_wan="0", normative=1)

# What each defect must raise, and nothing else (rule ids of the cross-check spec).
EXPECTED = {
    "clean-2024.txt": set(),
    "totals-2024.docx": {"APPLY-ROW-SUM", "APPLY-BALANCE"},
    "nofee-2024.txt": {"TEXT-FEE-STATEMENT"},
    "copied-2023.txt": set(),
    "copied-2024.txt": {"TEXT-SIMILAR-LAST-YEAR"},
}


def report(agency: str, year: int, previous: ReportData | None = None) -> ReportData:
    return generate(agency=PLACE + agency, year=year, profile=PROFILE, seed=agency, previous=previous,
                    signed_on=date(year + 1, 1, 20))


def defective_reports() -> dict[str, ReportData]:
    clean = report("甲局", 2024)
    totals = report("乙局", 2024)
    totals.cells["apply.new.natural"] += 1  # the row's 总计 and the column's balance no longer add up
    nofee = report("丙局", 2024)
    nofee.texts["text.other"] = "本年度无其他需要报告的事项。"
    copied_2023 = report("丁局", 2023)
    copied_2024 = report("丁局", 2024, previous=copied_2023)
    for data in (copied_2023, copied_2024):  # the 2024 narrative is the 2023 one with the year changed
        data.texts = {k: v.replace("测试局", PLACE + "丁局") for k, v in sample_texts(data.year).items()}
    return {
        "clean-2024.txt": clean, "totals-2024.docx": totals, "nofee-2024.txt": nofee,
        "copied-2023.txt": copied_2023, "copied-2024.txt": copied_2024,
    }


def write(name: str, data: ReportData, folder: Path) -> Path:
    path = folder / name
    if name.endswith(".docx"):
        path.write_bytes(render_docx(data))
    else:
        path.write_text("\n".join(render_text(data)), encoding="utf-8")
    return path


def write_corpus(folder: Path) -> dict[str, ReportData]:
    folder.mkdir(parents=True, exist_ok=True)
    reports = defective_reports()
    for name, data in reports.items():
        write(name, copy.deepcopy(data), folder)
    return reports


def zip_folder(folder: Path, target: Path) -> Path:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.iterdir()):
            archive.write(path, f"reports/{path.name}")
    return target
