"""A region's open data is written from per-report pieces, each made once per version: the same files as from
the stored values, and never a report recomputed whose piece is there."""
from __future__ import annotations

import io
import json
from decimal import Decimal

import pytest
from django.test import override_settings
from django.urls import reverse
from openpyxl import load_workbook

from agencies.models import Agency
from publication import opendata_pieces
from publication.batch import batch_export_assemble, batch_export_build, batch_export_plan, export_part_render
from publication.models import BatchExport, ExportPart, ExportStatus
from publication.opendata import dataset_csv, dataset_json, dataset_xlsx
from publication.opendata_pieces import from_pieces, piece_path
from publication.selectors import public_reports, region_agencies
from reports.demo.generate import Profile, generate
from reports.formats import get_format
from reports.formats.base import AMOUNT
from reports.models import Report, ReportStatus
from reports.services import report_replace_content, report_set_status, report_write
from tests.factories import AgencyFactory

from .conftest import YEAR, publish_correction, start_correction

pytestmark = pytest.mark.django_db
FEE = "active.fees.amount"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EXPORT_CACHE_DIR = tmp_path / "exports"
    settings.BATCH_EXPORT_WORKERS = 1


@pytest.fixture
def mixed(region):
    """The region's three gov-2021 reports and two in the gov-2019 format; amounts with decimals, empty cells."""
    for i in range(2):
        agency = AgencyFactory(parent=region.government, code=f"old{i}", name=f"测试区旧格式{i}局")
        report = Report.objects.create(agency=agency, year=YEAR, format_id="gov-2019")
        data = generate(agency=agency.name, year=2019, profile=Profile(applications=8 + i, licenses=5),
                        seed=agency.code, previous=None)
        report_replace_content(report=report, data=data)
        region.published.append(report_set_status(report=report, status=ReportStatus.PUBLISHED))
    for report, fee in zip(region.published, ("96171.6", "0", "12.50", "3.1415", "7"), strict=True):
        amount = next(f.key for f in report.format.fields if f.kind == AMOUNT)
        empty = next(f.key for f in report.format.fields if f.kind != AMOUNT)
        report_write(report=report, cells={amount: Decimal(fee), empty: None}, allow_locked=True)
    assert {r.format_id for r in region.published} == {"gov-2019", "gov-2021"}
    return region


def _listed(region):
    return public_reports(agencies=region_agencies(region.government), year=YEAR, keys=(), texts=False)


def _whole(region):
    return public_reports(agencies=region_agencies(region.government), year=YEAR)


def _cells(content: bytes) -> dict:
    book = load_workbook(io.BytesIO(content))
    return {sheet.title: ([[c.value for c in row] for row in sheet.iter_rows()], [c.number_format for row in
            sheet.iter_rows() for c in row], sorted(map(str, sheet.merged_cells.ranges))) for sheet in book}


def _files(region, reports) -> tuple:
    return (dataset_json(region.government, YEAR, reports), dataset_csv(reports), _cells(dataset_xlsx(reports)))


def test_the_files_from_pieces_equal_those_from_the_stored_values(mixed):
    expected = _files(mixed, _whole(mixed))
    assert _files(mixed, from_pieces(_listed(mixed))) == expected  # pieces made here
    assert all(piece_path(p).exists() for p in _listed(mixed))
    assert _files(mixed, from_pieces(_listed(mixed))) == expected  # pieces read back
    rows = expected[0]["reports"]
    amounts = {v for r in rows for k, v in r["cells"].items() if get_format(r["format"]).field(k).kind == AMOUNT}
    assert {"96171.6", "0", "12.50", "3.1415", "7"} <= amounts


def _counting(monkeypatch) -> list:
    made = []
    store = opendata_pieces.store_piece

    def counted(public):
        made.append(public.agency.code)
        store(public)

    monkeypatch.setattr(opendata_pieces, "store_piece", counted)
    return made


def test_a_new_version_or_a_renamed_agency_makes_a_new_piece(mixed, monkeypatch):
    from_pieces(_listed(mixed))
    made = _counting(monkeypatch)
    first, second = mixed.published[:2]
    report_write(report=first, cells={FEE: Decimal("1.25")}, allow_locked=True)
    Agency.objects.filter(pk=second.agency_id).update(name="测试区改名局")
    reports = from_pieces(_listed(mixed))
    assert sorted(made) == sorted([first.agency.code, second.agency.code])
    assert _files(mixed, from_pieces(_listed(mixed))) == _files(mixed, reports) and len(made) == 2
    assert _files(mixed, reports) == _files(mixed, _whole(mixed))
    assert dataset_json(mixed.government, YEAR, reports)["reports"][1]["agency"] == "测试区改名局"


def test_a_correction_under_way_keeps_the_published_piece_and_its_publication_makes_a_new_one(mixed, monkeypatch):
    report = mixed.published[0]
    revision = start_correction(report, reason="更正", new_text="更正后的说明")
    assert _files(mixed, from_pieces(_listed(mixed))) == _files(mixed, _whole(mixed))
    publish_correction(report, revision)
    made = _counting(monkeypatch)
    reports = from_pieces(_listed(mixed))
    assert made == [report.agency.code]
    assert dataset_json(mixed.government, YEAR, reports)["reports"][0]["texts"]["text.problems"] == "更正后的说明"


def test_a_part_writes_its_reports_piece(mixed):
    export = BatchExport.objects.create(region=mixed.government, year=YEAR, fingerprint="x", total=11,
                                        status=ExportStatus.RUNNING)
    report = mixed.published[3]
    part = ExportPart.objects.create(export=export, report_id=report.pk)
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}):
        export_part_render(part_id=part.pk)
    written = {p.report.pk for p in _listed(mixed) if piece_path(p).exists()}
    assert written == {report.pk}


def test_a_report_whose_piece_is_missing_gets_a_part(mixed, monkeypatch):
    export = BatchExport.objects.create(region=mixed.government, year=YEAR, fingerprint="x", total=11)
    batch_export_build(export_id=export.pk)
    piece_path(_listed(mixed)[1]).unlink()
    again = BatchExport.objects.create(region=mixed.government, year=YEAR, fingerprint="y", total=11)
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}):
        batch_export_plan(export_id=again.pk)
        part = ExportPart.objects.get(export=again)
        assert part.report_id == mixed.published[1].pk
        export_part_render(part_id=part.pk)
    assert piece_path(_listed(mixed)[1]).exists()


def test_assembling_reads_the_pieces_and_recomputes_no_report(mixed, monkeypatch, django_assert_max_num_queries):
    export = BatchExport.objects.create(region=mixed.government, year=YEAR, fingerprint="x", total=11)
    batch_export_build(export_id=export.pk)  # every file and piece in the cache
    expected = _files(mixed, _whole(mixed))
    made = _counting(monkeypatch)
    again = BatchExport.objects.create(region=mixed.government, year=YEAR, fingerprint="y", total=11,
                                       status=ExportStatus.RUNNING)
    with django_assert_max_num_queries(12) as queries:
        batch_export_assemble(export_id=again.pk)
    assert made == []
    assert not [q for q in queries.captured_queries if "reports_reportvalue" in q["sql"]]
    again.refresh_from_db()
    assert again.status == ExportStatus.DONE
    import zipfile

    with zipfile.ZipFile(again.file_path) as archive:
        doc = json.loads(archive.read(f"data/testqu-{YEAR}.json"))
        csv_bytes = archive.read(f"data/testqu-{YEAR}.csv")
        xlsx = _cells(archive.read(f"data/testqu-{YEAR}.xlsx"))
    assert (doc, csv_bytes, xlsx) == (expected[0], expected[1], expected[2])


def test_a_missing_piece_is_made_while_assembling(mixed, monkeypatch):
    export = BatchExport.objects.create(region=mixed.government, year=YEAR, fingerprint="x", total=11)
    batch_export_build(export_id=export.pk)
    piece_path(_listed(mixed)[2]).unlink()
    made = _counting(monkeypatch)
    again = BatchExport.objects.create(region=mixed.government, year=YEAR, fingerprint="y", total=11)
    batch_export_build(export_id=again.pk)
    assert made == [mixed.published[2].agency.code]


@pytest.mark.parametrize("suffix", ["json", "csv", "xlsx"])
def test_the_region_views_serve_the_files_from_pieces(client, mixed, suffix, django_assert_max_num_queries):
    reads = {"json": json.loads, "csv": bytes, "xlsx": _cells}[suffix]
    reports = _whole(mixed)
    expected = {"json": lambda: json.dumps(dataset_json(mixed.government, YEAR, reports)),
                "csv": lambda: dataset_csv(reports), "xlsx": lambda: dataset_xlsx(reports)}[suffix]()
    url = reverse(f"publication:dataset_{suffix}", args=["testqu", YEAR])
    for _cold_then_warm in range(2):
        with django_assert_max_num_queries(5):  # as many as from the stored values
            response = client.get(url)
        assert reads(response.content) == reads(expected)
    assert all(piece_path(p).exists() for p in _listed(mixed))


def test_the_region_views_ask_no_more_queries_once_pieces_are_made(client, mixed, django_assert_num_queries):
    url = reverse("publication:dataset_csv", args=["testqu", YEAR])
    client.get(url)
    with django_assert_num_queries(3):  # the region, its lower governments, its reports
        client.get(url)


def test_a_piece_that_does_not_read_back_whole_is_not_used(mixed):
    expected = _files(mixed, _whole(mixed))
    public = _listed(mixed)[0]
    from_pieces([public])
    doc = json.loads(piece_path(public).read_bytes())
    doc["cells"][next(iter(doc["cells"]))] = "not a number"
    piece_path(public).write_text(json.dumps(doc))
    assert _files(mixed, from_pieces(_listed(mixed))) == expected
