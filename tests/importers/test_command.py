"""The import_report command: writing drafts, dry runs, locked reports, JSON output, folders."""
import io
import json

import pytest
from django.core.management import call_command

from reports.models import Report, ReportStatus
from reports.services import report_data, report_replace_content, report_set_status
from tests.factories import AgencyFactory, GovernmentFactory, ReportFactory

from .samples import render_text, sample_data

pytestmark = pytest.mark.django_db


def _write(tmp_path, data, name="report.txt"):
    path = tmp_path / name
    path.write_text("\n".join(render_text(data)), encoding="utf-8")
    return path


def _run(*args, **options):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_report", *[str(a) for a in args], stdout=out, stderr=err, **options)
        code = 0
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue(), err.getvalue()


def test_import_creates_the_draft_with_every_value(tmp_path):
    data = sample_data()
    agency = AgencyFactory()
    code, out, _ = _run(_write(tmp_path, data), agency=agency.code)
    assert code == 0
    report = Report.objects.get(agency=agency, year=data.year)
    stored = report_data(report)
    assert stored.cells == data.cells and stored.texts == data.texts and stored.signed_on == data.signed_on
    assert "200" in out


def test_summary_is_in_chinese_and_lists_findings(tmp_path):
    code, out, _ = _run(_write(tmp_path, sample_data()))
    assert code == 0
    assert "来源" in out and "APPLY-BALANCE" in out


def test_json_output_is_only_the_document(tmp_path):
    code, out, _ = _run(_write(tmp_path, sample_data()), json=True)
    doc = json.loads(out)
    assert code == 0
    assert doc["source"] == "report.txt" and doc["unmapped"] == [] and doc["format"] == "gov-2021"
    assert {"rule", "severity", "cells", "message"} <= set(doc["findings"][0])


def test_dry_run_changes_nothing(tmp_path):
    data = sample_data()
    agency = AgencyFactory()
    code, _, _ = _run(_write(tmp_path, data), agency=agency.code, dry_run=True)
    assert code == 0 and not Report.objects.filter(agency=agency).exists()

    report = ReportFactory(agency=agency, year=data.year)
    report_replace_content(report=report, data=data)
    before = report_data(Report.objects.get(pk=report.pk)), Report.objects.get(pk=report.pk).version
    other = sample_data()
    other.cells = {k: 0 for k in other.cells}
    code, _, _ = _run(_write(tmp_path, other, "other.txt"), agency=agency.code, dry_run=True, replace=True)
    after = Report.objects.get(pk=report.pk)
    assert code == 0
    assert (report_data(after).cells, after.version) == (before[0].cells, before[1])


def test_existing_content_is_replaced_only_when_asked(tmp_path):
    data = sample_data()
    agency = AgencyFactory()
    report = ReportFactory(agency=agency, year=data.year)
    report_replace_content(report=report, data=data)
    changed = sample_data()
    changed.cells["apply.new.natural"] = 99999
    path = _write(tmp_path, changed)

    code, _, err = _run(path, agency=agency.code)
    assert code == 1 and "--replace" in err and "Traceback" not in err
    assert report_data(report).cells["apply.new.natural"] == data.cells["apply.new.natural"]

    code, _, _ = _run(path, agency=agency.code, replace=True)
    assert code == 0
    assert report_data(report).cells["apply.new.natural"] == 99999


@pytest.mark.parametrize("status", [ReportStatus.SUBMITTED, ReportStatus.APPROVED, ReportStatus.PUBLISHED])
def test_locked_reports_are_refused(tmp_path, status):
    data = sample_data()
    report = ReportFactory(year=data.year)
    report_set_status(report=report, status=status)
    code, _, err = _run(_write(tmp_path, data), agency=report.agency.code, replace=True)
    assert code == 1 and len(err.strip().splitlines()) == 1
    assert not report.values.exists()


def test_unknown_agency_code(tmp_path):
    code, _, err = _run(_write(tmp_path, sample_data()), agency="nope")
    assert code == 1 and "nope" in err


def test_format_must_match_the_year_to_write(tmp_path):
    data = sample_data("gov-2019")
    lines = [line.replace("2020年政府信息公开", "2021年政府信息公开") for line in render_text(data)]
    path = tmp_path / "old-shape.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    agency = AgencyFactory()
    code, _, err = _run(path, agency=agency.code)
    assert code == 1 and "gov-2019" in err
    assert not Report.objects.filter(agency=agency).exists()


def _folder(tmp_path, region):
    folder = tmp_path / "reports"
    folder.mkdir()
    full = AgencyFactory(parent=region, name="测试区财政局", short_name="区财政局")
    short = AgencyFactory(parent=region, name="测试区教育体育局", short_name="区教体局")
    for name, agency in (("a.txt", "测试区财政局"), ("b.txt", "区教体局"), ("c.txt", "外区某某局")):
        data = sample_data()
        data.agency, data.title = agency, f"{agency}{data.year}年政府信息公开工作年度报告"
        _write(folder, data, name)
    (folder / "d.docx").write_bytes(b"PK\x03\x04 broken")
    (folder / "e.xls").write_bytes(b"x")
    return folder, full, short


def test_folder_import_matches_agencies_by_name_and_summarises(tmp_path):
    region = GovernmentFactory()
    folder, full, short = _folder(tmp_path, region)
    code, out, _ = _run(folder, region=region.code)
    assert code == 0
    assert Report.objects.filter(agency=full).exists() and Report.objects.filter(agency=short).exists()
    assert Report.objects.count() == 2
    assert "2 个已导入" in out or "2 imported" in out
    assert "外区某某局" in out and "d.docx" in out and "e.xls" in out


def test_folder_dry_run_writes_nothing(tmp_path):
    region = GovernmentFactory()
    folder, _, _ = _folder(tmp_path, region)
    code, _, _ = _run(folder, region=region.code, dry_run=True)
    assert code == 0 and not Report.objects.exists()


def test_folder_needs_a_region(tmp_path):
    region = GovernmentFactory()
    folder, _, _ = _folder(tmp_path, region)
    code, _, err = _run(folder)
    assert code == 1 and "--region" in err
