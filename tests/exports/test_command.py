"""export_report: the same files as the downloads; one-line errors."""
import json

import pytest
from django.core.management import CommandError, call_command

from reports.exports.management.commands.export_report import Command as ExportReportCommand
from reports.exports.service import report_export
from tests.factories import ReportFactory

from .sample import fill_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def report():
    report = ReportFactory(year=2020)
    fill_report(report)
    return report


@pytest.mark.parametrize("file_format", ["html", "json", "docx"])
def test_writes_the_downloadable_file(report, tmp_path, file_format):
    out = tmp_path / f"report.{file_format}"
    call_command("export_report", agency=report.agency.code, year=2020, file_format=file_format,
                 output=str(out), verbosity=0)
    assert out.read_bytes() == report_export(report, file_format).content


def test_html_is_the_page_the_pdf_is_made_from(report, tmp_path):
    out = tmp_path / "report.html"
    call_command("export_report", "--agency", report.agency.code, "--year", "2020", "--format", "html",
                 "-o", str(out), verbosity=0)
    html = out.read_text()
    assert html.startswith("<!DOCTYPE html>") and "@page" in html and "nb-watermark" in html
    assert json.loads(report_export(report, "json").content)["format"] == "gov-2019"


def test_unknown_report_is_a_command_error(report):
    with pytest.raises(CommandError, match="nosuch"):
        call_command("export_report", agency="nosuch", year=2020, file_format="pdf", output="-")


def test_unknown_agency_exits_with_one_line_and_no_traceback(capsys, tmp_path):
    argv = ["manage.py", "export_report", "--agency", "nosuch", "--year", "2024", "--format", "pdf",
            "-o", str(tmp_path / "x.pdf")]
    with pytest.raises(SystemExit) as exit_info:
        ExportReportCommand().run_from_argv(argv)
    assert exit_info.value.code != 0
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1 and "nosuch" in err
    assert not (tmp_path / "x.pdf").exists()


def test_a_write_that_dies_leaves_the_earlier_file_whole(report, tmp_path, monkeypatch):
    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / "report.json"
    out.write_bytes(b"earlier export")

    def disk_full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("reports.exports.cache.os.fsync", disk_full)
    with pytest.raises(CommandError, match="No space left on device"):
        call_command("export_report", agency=report.agency.code, year=2020, file_format="json",
                     output=str(out), verbosity=0)
    assert out.read_bytes() == b"earlier export"
    assert [p.name for p in out.parent.iterdir()] == ["report.json"]


def test_a_full_cache_still_gives_the_download(report, settings, tmp_path, monkeypatch):
    def disk_full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("reports.exports.cache.os.fsync", disk_full)
    export = report_export(report, "docx")
    assert export.content.startswith(b"PK")
    assert not any(p.is_file() for p in settings.EXPORT_CACHE_DIR.iterdir())
