"""The load test's editor (bench/load/scenario.py) against the real views, and its lost-write check."""
import copy
from urllib.parse import urlencode

import pytest
from django.test import Client

from bench.load.population import create_editors, stored_values
from bench.load.report import section
from bench.load.scenario import ACKED, STEPS, UNKNOWN, Editor, Reply, RequestFailed
from bench.load.verify import latency_row, lost_writes
from reports.models import Report, ReportStatus
from reports.services import report_write


class ClientTransport:
    """What locustfile.py does over HTTP, through the Django test client."""

    origin = "http://testserver"

    def __init__(self):
        self.client = Client()
        self.names = []

    def send(self, method, path, *, name, check, data=None, headers=None):
        self.names.append(name)
        headers = {**(headers or {}), **({"Origin": self.origin} if data is not None else {})}
        response = self.client.generic(method, path, data=urlencode(data or {}), headers=headers,
                                       content_type="application/x-www-form-urlencoded")
        reply = Reply(response.status_code, response.content.decode(), response.headers.get("Location", ""))
        problem = check(reply)
        if problem:
            raise RequestFailed(f"{name}: {problem}")
        return reply


@pytest.fixture
def editor(db):
    account = create_editors(1, year=2026)[0]
    transport = ClientTransport()
    editor = Editor(transport, **account)
    editor.log_in()
    for _ in STEPS:  # every step once: narrative texts and tables
        editor.iterate()
    return editor


def test_editor_saves_through_live_check_and_form_post_and_nothing_is_lost(editor):
    assert editor.http.names[:2] == ["login page", "login"]
    assert editor.http.names[2:] == ["step page", "live check", "save"] * len(STEPS)
    assert editor.writes and all(w["outcome"] == ACKED for w in editor.writes)
    assert {w["answer"] for w in editor.writes} == {200, 302}  # live check, save
    records = [editor.record()]
    assert lost_writes(records, stored_values(records)) == []


def test_lost_write_check_detects_a_tampered_record(editor):
    records = [editor.record()]
    stored = stored_values(records)
    tampered = copy.deepcopy(records)
    last = tampered[0]["writes"][-1]
    last["value"] += "0" if last["value"].isdigit() else "（改）"
    assert len(lost_writes(tampered, stored)) == 1


def test_lost_write_check_detects_a_value_overwritten_behind_the_editors_back(editor):
    cell = next(w for w in reversed(editor.writes) if not w["key"].startswith("text."))
    report = Report.objects.get(agency__code="load-01", year=2026)
    report_write(report=report, cells={cell["key"]: int(cell["value"]) + 1})
    problems = lost_writes([editor.record()], stored_values([editor.record()]))
    expected = f"load-editor-01 {cell['key']}: expected {cell['value']!r}, stored '{int(cell['value']) + 1}'"
    assert problems == [expected]


def test_a_refused_autosave_is_a_failure_and_its_values_are_not_acknowledged(editor):
    def submit_meanwhile():  # someone submits the report while the editor types
        Report.objects.filter(agency__code="load-01", year=2026).update(status=ReportStatus.SUBMITTED)

    with pytest.raises(RequestFailed, match="live check: status 403"):
        editor.iterate(pause=submit_meanwhile)
    assert editor.writes[-1]["outcome"] == UNKNOWN
    assert editor.writes[-1]["answer"].startswith("live check: status 403")


def test_latency_row_uses_nearest_rank_percentiles():
    row = latency_row("save", [(float(ms), ms == 100) for ms in range(1, 101)])
    assert (row.count, row.failures, row.p50, row.p95, row.p99) == (100, 1, 50.0, 95.0, 99.0)


def test_section_reports_the_run_and_says_when_it_failed():
    samples = [["login", 0.0, 900.0, None], ["step page", 1.0, 40.0, None], ["live check", 2.0, 30.0, None],
               ["save", 3.0, 20.0, "not saved: status 500, location ''"]]
    records = {"editors": [{"username": "u", "writes": [{"key": "k", "value": "1", "outcome": ACKED}]}],
               "samples": samples}
    failed = section(setup="", records=records, lost=[], server_errors=1, cpu="")
    assert "| save | 1 | 0.3 | 20 ms | 20 ms | 20 ms | 20 ms | 20 ms | 20 ms | 1 |" in failed
    assert "**Failed**: 0 lost writes, 1 failed requests, 1 server errors" in failed
    samples[-1][3] = None
    assert "No lost writes" in section(setup="", records=records, lost=[], server_errors=0, cpu="")
