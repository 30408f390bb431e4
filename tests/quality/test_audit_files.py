"""The quality audit over published files: it finds exactly the defects put in, and nothing else."""
from __future__ import annotations

import io
import shutil

import openpyxl
import pytest

from quality.audit import audit_files, rule_summary
from quality.sources import collect_sources
from quality.xlsx import audit_workbook

from .corpus import EXPECTED, write_corpus, zip_folder


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("published")
    reports = write_corpus(folder)
    return folder, reports


def by_source(rows):
    return {row.source.rsplit("/", 1)[-1]: row for row in rows}


def test_a_folder_of_reports_finds_exactly_the_defects(corpus):
    folder, reports = corpus
    rows = by_source(audit_files(collect_sources([folder])))
    assert set(rows) == set(EXPECTED)
    for name, expected in EXPECTED.items():
        row = rows[name]
        assert not row.error, (name, row.error)
        assert set(row.rules) == expected, name
        assert row.values == len(reports[name].format.keys), name  # every value read
        assert row.unmapped == 0, name
        assert row.agency == reports[name].agency and row.year == reports[name].year


def test_findings_say_where_and_what_stands_there(corpus):
    folder, _reports = corpus
    row = by_source(audit_files(collect_sources([folder])))["totals-2024.docx"]
    balance = next(f for f in row.findings if f.rule == "APPLY-ROW-SUM")
    assert balance.severity == "error"
    assert "apply.new.natural" in balance.keys
    assert any("自然人" in where for where in balance.where)
    assert any(line.startswith("一、本年新收政府信息公开申请数量") for line in balance.excerpts)


def test_a_zip_archive_and_a_broken_file_among_good_ones(corpus, tmp_path):
    folder, _reports = corpus
    copy = tmp_path / "copy"
    shutil.copytree(folder, copy)
    (copy / "broken.pdf").write_bytes(b"%PDF-1.4 not really a pdf")
    archive = zip_folder(copy, tmp_path / "region.zip")
    rows = by_source(audit_files(collect_sources([archive])))
    assert rows["broken.pdf"].error  # said, and the others still audited
    for name, expected in EXPECTED.items():
        assert set(rows[name].rules) == expected, name


def test_rule_summary_counts_reports_failing_each_rule(corpus):
    folder, _reports = corpus
    summary = {c.rule: c.reports for c in rule_summary(audit_files(collect_sources([folder])))}
    assert summary == {"APPLY-ROW-SUM": 1, "APPLY-BALANCE": 1, "TEXT-FEE-STATEMENT": 1,
                       "TEXT-SIMILAR-LAST-YEAR": 1}


def test_progress_is_reported_per_file(corpus):
    folder, _reports = corpus
    seen = []
    audit_files(collect_sources([folder]), on_progress=lambda done, total: seen.append((done, total)))
    assert seen == [(n, len(EXPECTED)) for n in range(1, len(EXPECTED) + 1)]


def test_the_workbook_holds_every_report_and_finding(corpus):
    folder, _reports = corpus
    rows = audit_files(collect_sources([folder]))
    book = openpyxl.load_workbook(io.BytesIO(audit_workbook(rows)))
    reports, findings, _rules = book.worksheets
    assert reports.max_row == len(EXPECTED) + 1
    found = {(r[0].rsplit("/", 1)[-1], r[2]) for r in findings.iter_rows(min_row=2, values_only=True)}
    expected = {(name, rule) for name, rules_ in EXPECTED.items() for rule in rules_}
    assert {(name, rule) for name, rule in found} == expected
    assert reports.freeze_panes == "A2" and reports["A1"].font.bold


def test_a_text_beginning_with_equals_stays_text_in_the_workbook(corpus):
    folder, _reports = corpus
    rows = audit_files(collect_sources([folder]))
    rows[0].source = "=HYPERLINK(\"http://example.org\")"
    book = openpyxl.load_workbook(io.BytesIO(audit_workbook(rows)))
    cell = book.worksheets[0]["A2"]
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")


def test_a_member_larger_than_it_declares_is_read_no_further_than_the_limit(tmp_path, settings):
    import zipfile

    from reports.importers.reading import MAX_BYTES

    target = tmp_path / "big.zip"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("huge.txt", b"0" * (MAX_BYTES + 10))
    rows = audit_files(collect_sources([target]))
    assert len(rows) == 1 and rows[0].error
