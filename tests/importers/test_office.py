"""Legacy .doc and Kingsoft .wps files, converted by LibreOffice headless and imported as DOCX."""
import io
import subprocess

import pytest
from django.core.management import call_command
from django.utils import translation

from reports.exports.document import document_build
from reports.exports.word import document_docx
from reports.importers import office
from reports.importers.reading import read_bytes
from reports.importers.result import ImportRejected
from reports.interchange import to_json
from reports.models import Report
from reports.services import report_data
from tests.factories import AgencyFactory

from .samples import sample_data


def make_doc(data, folder, soffice: str) -> bytes:
    """The project's DOCX export of `data`, saved as .doc by LibreOffice (as agencies publish it)."""
    (folder / "report.docx").write_bytes(document_docx(document_build(data, draft=True)))
    subprocess.run([soffice, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
                    "--convert-to", "doc", "--outdir", str(folder), str(folder / "report.docx")],
                   check=True, capture_output=True, timeout=120)
    return (folder / "report.doc").read_bytes()


@pytest.mark.django_db
@pytest.mark.parametrize("suffix", [".doc", ".wps"])
def test_doc_and_wps_import_every_value(tmp_path, system_tool, suffix):
    data = sample_data()
    content = make_doc(data, tmp_path, system_tool("soffice"))
    assert content.startswith(b"\xd0\xcf\x11\xe0")
    path = tmp_path / f"published{suffix}"
    path.write_bytes(content)
    agency = AgencyFactory()
    call_command("import_report", str(path), agency=agency.code, stdout=io.StringIO())
    imported = to_json(report_data(Report.objects.get(agency=agency, year=data.year)))
    assert imported["cells"] == to_json(data)["cells"]
    assert {k: v.replace("**", "") for k, v in imported["texts"].items()} == \
        {k: v.replace("**", "") for k, v in data.texts.items()}


def test_without_libreoffice_the_refusal_says_so(monkeypatch):
    monkeypatch.setattr(office, "soffice_path", lambda: None)
    with translation.override("zh-hans"), pytest.raises(ImportRejected) as refused:
        read_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    assert "LibreOffice" in str(refused.value) and "DOCX" in str(refused.value)
    assert "未安装" in str(refused.value)


def test_a_conversion_over_the_time_limit_is_stopped(monkeypatch, tmp_path, system_tool):
    content = make_doc(sample_data(), tmp_path, system_tool("soffice"))
    monkeypatch.setattr(office, "TIMEOUT_SECONDS", 0.05)
    with translation.override("zh-hans"), pytest.raises(ImportRejected) as refused:
        read_bytes(content)
    assert "0.05" in str(refused.value) or "秒" in str(refused.value)
