"""export_report: the same files as the downloads; one-line errors."""
import json

import pytest
from django.core.management import CommandError, call_command

from reports.exports.command import ExportReportCommand
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
