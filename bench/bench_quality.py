"""The 年报质量检查 of 300 published reports stored in the system, and of 300 files in a ZIP archive."""
from __future__ import annotations

import statistics
import tempfile
import time
import zipfile
from datetime import date
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agencies.models import Agency, AgencyKind, AgencyLevel, Membership, Role
from quality.audit import audit_files, audit_stored
from quality.sources import collect_sources
from reports.demo.generate import Profile, generate
from reports.models import Report, ReportStatus, ReportText, ReportValue

REPORTS = 300
YEAR = 2024
TARGET_S = 30
PROFILE = Profile(applications=40, licenses=300, penalties=40, coercions=5, fees_wan="1.5", normative=1)


def _reports():
    for i in range(REPORTS):
        last = generate(agency=f"质检区第{i}局", year=YEAR - 1, profile=PROFILE, seed=str(i), previous=None,
                        signed_on=date(YEAR, 1, 20))
        yield i, last, generate(agency=f"质检区第{i}局", year=YEAR, profile=PROFILE, seed=str(i), previous=last,
                                signed_on=date(YEAR + 1, 1, 20))


def build_region() -> tuple[Agency, list]:
    region = Agency.objects.create(name="质检区人民政府", code="quality-gov", kind=AgencyKind.GOVERNMENT,
                                   level=AgencyLevel.COUNTY)
    pairs = list(_reports())
    agencies = Agency.objects.bulk_create(
        Agency(name=f"质检区第{i}局", code=f"quality-{i}", kind=AgencyKind.DEPARTMENT, level=AgencyLevel.COUNTY,
               parent=region) for i, _last, _this in pairs
    )
    for agency in agencies:
        agency.path = f"{region.path}{agency.pk}/"
    Agency.objects.bulk_update(agencies, ["path"], batch_size=500)
    for year, index in ((YEAR - 1, 1), (YEAR, 2)):
        reports = Report.objects.bulk_create(
            Report(agency=a, year=year, format_id=p[index].format.id, status=ReportStatus.PUBLISHED)
            for a, p in zip(agencies, pairs)
        )
        ReportValue.objects.bulk_create((
            ReportValue(report=r, key=k, **({"amount": v} if p[index].format.field(k).kind == "amount"
                                            else {"number": v}))
            for r, p in zip(reports, pairs) for k, v in p[index].cells.items()
        ), batch_size=5000)
        ReportText.objects.bulk_create((
            ReportText(report=r, key=k, body=v) for r, p in zip(reports, pairs) for k, v in p[index].texts.items()
        ), batch_size=2000)
    return region, [p[2] for p in pairs]


def _write_zip(reports, folder: Path) -> Path:
    from tests.importers.samples import render_text

    target = folder / "reports.zip"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for n, data in enumerate(reports):
            archive.writestr(f"{n:03d}.txt", "\n".join(render_text(data)))
    return target


def run() -> str:
    region, reports = build_region()
    times = []
    for _ in range(3):
        start = time.perf_counter()
        rows = audit_stored(region=region, year=YEAR)
        times.append(time.perf_counter() - start)
    assert len(rows) == REPORTS
    overseer = get_user_model().objects.create_user("quality-overseer", password="bench-password-1")
    Membership.objects.create(user=overseer, agency=region, role=Role.OVERSEER)
    client = Client()
    client.force_login(overseer)
    url = reverse("quality:audit", args=[region.code, YEAR])
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        assert client.get(url).status_code == 200
        page_s = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as tmp:
        archive = _write_zip(reports, Path(tmp))
        start = time.perf_counter()
        file_rows = audit_files(collect_sources([archive]))
        files_s = time.perf_counter() - start
    wrong = sum(1 for r in file_rows if r.error or r.values != 200 or r.findings)
    median = statistics.median(times)
    return (
        "## Quality audit (年报质量检查)\n\n"
        f"`bench/bench_quality.py`: {REPORTS} published 2024 reports stored in one region (each with its 2023 "
        "report, so the cross-year rules run too), SQLite.\n\n"
        "| measure | value | target |\n|---|---|---|\n"
        f"| audit of the {REPORTS} stored reports, median of 3 | {median:.2f} s | ≤ {TARGET_S} s |\n"
        f"| the audit page (render included) | {page_s:.2f} s, {len(queries)} queries | queries constant |\n"
        f"| the same {REPORTS} reports as text files in one ZIP (read, parse, check) | {files_s:.1f} s "
        f"({files_s / REPORTS * 1000:.0f} ms a file) | — |\n"
        f"| files not read completely or with a finding | {wrong} of {REPORTS} | 0 |\n"
    )
