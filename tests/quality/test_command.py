"""`manage.py audit_reports`: files, folders and ZIPs, or a region's stored reports; JSON of a fixed shape."""
from __future__ import annotations

import io
import json

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from .corpus import EXPECTED, write_corpus, zip_folder

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command("audit_reports", *args, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("published")
    write_corpus(folder)
    return folder


def test_json_lists_each_report_in_the_documented_shape(folder):
    rows = json.loads(run(str(folder), "--json"))  # only JSON on stdout
    assert isinstance(rows, list) and len(rows) == len(EXPECTED)
    for row in rows:
        assert {"file", "agency", "year", "format", "values", "unmapped", "findings"} <= set(row)
        assert all({"rule", "severity"} <= set(f) for f in row["findings"])
        assert {f["rule"] for f in row["findings"]} == EXPECTED[row["file"]]
        assert row["format"] == "gov-2021" and row["values"] == 200 and row["unmapped"] == 0


def test_a_file_and_a_zip_archive_as_paths(folder, tmp_path):
    archive = zip_folder(folder, tmp_path / "all.zip")
    rows = json.loads(run(str(folder / "nofee-2024.txt"), str(archive), "--json"))
    assert rows[0]["file"] == "nofee-2024.txt"
    assert len(rows) == 1 + len(EXPECTED)


def test_xlsx_is_written_beside_the_readable_listing(folder, tmp_path):
    target = tmp_path / "audit.xlsx"
    text = run(str(folder), "--xlsx", str(target))
    assert "APPLY-ROW-SUM" in text and "5" in text
    book = openpyxl.load_workbook(target)
    assert book.worksheets[0].max_row == len(EXPECTED) + 1


def test_the_stored_reports_of_a_region(published_region):
    rows = json.loads(run("--region", published_region.code, "--year", "2024", "--json"))
    assert {r["agency_code"]: {f["rule"] for f in r["findings"]} for r in rows} == published_region.expected
    assert all(r["file"] is None for r in rows)


def test_an_unknown_region_or_nothing_to_audit_is_a_clear_error():
    with pytest.raises(CommandError):
        run("--region", "nowhere", "--year", "2024")
    with pytest.raises(CommandError):
        run()


def test_help_works():
    with pytest.raises(SystemExit) as exit_:
        call_command("audit_reports", "--help", stdout=io.StringIO())
    assert exit_.value.code == 0
