"""A file audit of many files, one task per file: in any order, run any number of times, it gives the rows of
the audit done at once, counts each file once, and ends with the last file read.

The tasks run here one after another; tests/faults/test_audit_workers.py runs them in real worker processes.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.utils import override_settings

from quality.models import AuditPart, AuditRun, RunStatus
from quality.parts import audit_part_read, audit_run_plan
from quality.services import INLINE_LIMIT, audit_run_execute, audit_run_start
from tests.factories import GovernmentFactory

from .corpus import EXPECTED, write_corpus

pytestmark = pytest.mark.django_db
DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def uploads(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    folder = tmp_path / "files"
    write_corpus(folder)
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 not really a pdf")
    paths = sorted(folder.iterdir())
    assert len(paths) > INLINE_LIMIT
    return lambda: [SimpleUploadedFile(p.name, p.read_bytes()) for p in paths]


def queued(region, uploads) -> AuditRun:
    with override_settings(TASKS=DUMMY):  # the tasks are run by hand
        return audit_run_start(region=region, year=2024, files=uploads(), by=None)


def planned(region, uploads) -> AuditRun:
    run = queued(region, uploads)
    with override_settings(TASKS=DUMMY):
        audit_run_plan(run_id=run.pk)
    run.refresh_from_db()
    return run


def part_ids(run) -> list[int]:
    return list(AuditPart.objects.filter(run=run).order_by("number").values_list("pk", flat=True))


def test_parts_in_any_order_give_the_rows_of_the_audit_at_once(published_region, uploads):
    run = planned(published_region, uploads)
    assert run.status == RunStatus.RUNNING and run.done == 0 and run.total == len(EXPECTED) + 1
    ids = part_ids(run)
    assert len(ids) == run.total
    seen = []
    for part_id in reversed(ids):
        audit_part_read(part_id=part_id)
        run.refresh_from_db()
        seen.append((run.status, run.done, run.total))
    # One bar moving forward; the run ends with its last file, not before.
    total = run.total
    assert seen == [(RunStatus.RUNNING, n, total) for n in range(1, total)] + [(RunStatus.DONE, total, total)]
    at_once = audit_run_execute(run_id=queued(published_region, uploads).pk)
    assert at_once.status == RunStatus.DONE
    at_once.refresh_from_db()
    assert run.rows == at_once.rows  # the same rows in the same order
    rows = {r["source"]: r for r in run.rows}
    assert [r["number"] for r in run.rows] == list(range(1, total + 1))
    assert {name: {f["rule"] for f in rows[name]["findings"]} for name in EXPECTED} == EXPECTED
    assert rows["broken.pdf"]["error"]
    assert not Path(run.upload_dir).exists()  # the files are gone
    # What was read is in the rows now, not kept twice.
    assert all(p == {} for p in AuditPart.objects.filter(run=run).values_list("parsed", flat=True))


def test_a_file_is_checked_against_last_years_file_of_the_same_upload(uploads):
    region = GovernmentFactory(code="bare")  # nothing stored: last year can only come from the files
    run = planned(region, uploads)
    for part_id in part_ids(run):
        audit_part_read(part_id=part_id)
    run.refresh_from_db()
    rows = {r["source"]: r for r in run.rows}
    assert {f["rule"] for f in rows["copied-2024.txt"]["findings"]} == EXPECTED["copied-2024.txt"]


def test_a_part_run_again_is_counted_once(published_region, uploads):
    run = planned(published_region, uploads)
    first, *others = part_ids(run)
    audit_part_read(part_id=first)
    parsed = AuditPart.objects.get(pk=first).parsed
    audit_part_read(part_id=first)
    run.refresh_from_db()
    assert run.done == 1 and AuditPart.objects.get(pk=first).parsed == parsed
    for part_id in others:
        audit_part_read(part_id=part_id)
    run.refresh_from_db()
    assert run.status == RunStatus.DONE
    ended = (run.rows, run.done, run.finished_at)
    for part_id in (first, others[-1]):  # retried after the end: nothing changes
        audit_part_read(part_id=part_id)
    run.refresh_from_db()
    assert (run.rows, run.done, run.finished_at) == ended


def test_a_last_part_that_died_before_the_end_ends_the_run_when_retried(published_region, uploads, monkeypatch):
    import quality.parts

    run = planned(published_region, uploads)
    *others, last = part_ids(run)
    for part_id in others:
        audit_part_read(part_id=part_id)
    end = quality.parts._end
    monkeypatch.setattr(quality.parts, "_end", lambda run_id: (_ for _ in ()).throw(SystemExit))
    with pytest.raises(SystemExit):  # its worker killed once the file was counted
        audit_part_read(part_id=last)
    run.refresh_from_db()
    assert run.status == RunStatus.RUNNING and run.done == run.total
    monkeypatch.setattr(quality.parts, "_end", end)
    audit_part_read(part_id=last)
    run.refresh_from_db()
    assert run.status == RunStatus.DONE and run.done == run.total == len(run.rows)


def test_the_plan_run_again_makes_no_second_part(published_region, uploads):
    run = planned(published_region, uploads)
    audit_part_read(part_id=part_ids(run)[0])
    with override_settings(TASKS=DUMMY):
        audit_run_plan(run_id=run.pk)
    run.refresh_from_db()
    assert len(part_ids(run)) == run.total and run.done == 1 and run.status == RunStatus.RUNNING


def test_a_file_failing_to_be_read_ends_as_its_row(published_region, uploads, monkeypatch):
    import quality.parts

    real = quality.parts.parse_file

    def parse(source, **kwargs):
        if source.name.endswith("nofee-2024.txt"):
            raise MemoryError
        return real(source, **kwargs)

    monkeypatch.setattr(quality.parts, "parse_file", parse)
    run = planned(published_region, uploads)
    for part_id in part_ids(run):
        audit_part_read(part_id=part_id)
    run.refresh_from_db()
    assert run.status == RunStatus.DONE and run.done == run.total
    rows = {r["source"]: r for r in run.rows}
    assert rows["nofee-2024.txt"]["error"] and not rows["nofee-2024.txt"]["findings"]
    assert {f["rule"] for f in rows["totals-2024.docx"]["findings"]} == EXPECTED["totals-2024.docx"]


def test_checks_that_fail_end_the_run_as_failed(published_region, uploads, monkeypatch):
    def fail(parsed, **kwargs):
        raise RuntimeError("checks broken")

    monkeypatch.setattr("quality.parts.audit_parsed", fail)
    run = planned(published_region, uploads)
    for part_id in part_ids(run):
        audit_part_read(part_id=part_id)
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED and run.error == "checks broken" and run.finished_at
    assert not Path(run.upload_dir).exists()


def test_the_queued_task_splits_the_audit_into_parts(published_region, uploads):
    run = queued(published_region, uploads)
    from quality.tasks import run_file_audit

    with override_settings(TASKS=IMMEDIATE):
        run_file_audit.enqueue(run.pk)
    run.refresh_from_db()
    assert run.status == RunStatus.DONE and run.done == run.total == len(part_ids(run))


def test_a_part_asks_a_fixed_number_of_queries(published_region, uploads, django_assert_max_num_queries):
    run = planned(published_region, uploads)
    first, *others = part_ids(run)
    with django_assert_max_num_queries(8):
        audit_part_read(part_id=first)
    for part_id in others[:-1]:
        audit_part_read(part_id=part_id)
    with django_assert_max_num_queries(22):  # the last one also runs the checks of every file and ends the run
        audit_part_read(part_id=others[-1])
    run.refresh_from_db()
    assert run.status == RunStatus.DONE
