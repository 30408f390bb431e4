"""Review: comments, return, approve, submission with warning explanations, correction, dashboard filters.

A refused action changes nothing; an accepted one records exactly the (trimmed) text that was sent.
"""
from __future__ import annotations

from dataclasses import dataclass

import pytest
from hypothesis import given
from hypothesis import strategies as st

from agencies.models import Role
from reports.models import ReportStatus
from reports.normalize import normalize_text
from reports.services import report_set_status
from review.models import ReportEvent, ReportRevision, ReviewComment, WarningExplanation
from review.sections import section_choices
from tests.factories import MembershipFactory, ReportFactory, UserFactory

from .conftest import examples, log_in, rolled_back
from .state import database_state
from .strategies import postable_text, text_value, version_value

pytestmark = pytest.mark.django_db
WARNING_RULES = ("APPLY-CARRIED-IN", "FEES-ZERO")
# NUL (which PostgreSQL refuses) is tested on its own below.
review_text = text_value.map(lambda text: text.replace("\x00", ""))


@dataclass(frozen=True)
class Warning:
    rule: str
    severity: str = "warning"
    message: str = "请说明。"
    cells: tuple = ()
    texts: tuple = ()


@pytest.fixture(autouse=True)
def two_warnings(monkeypatch):
    """Two warnings and no error, whatever the content: every submission needs two explanations."""
    monkeypatch.setattr("reports.selectors.check_report", lambda report, stage: [Warning(r) for r in WARNING_RULES])


@pytest.fixture
def people(agency, editor):
    approver = MembershipFactory(agency=agency, role=Role.APPROVER, user=UserFactory(username="prop-approver")).user
    overseer = MembershipFactory(agency=agency.parent, role=Role.OVERSEER,
                                 user=UserFactory(username="prop-overseer")).user
    return {"editor": editor, "approver": approver, "overseer": overseer}


@pytest.fixture
def report(agency):
    return ReportFactory(agency=agency, year=2024)


def review_url(report, action: str) -> str:
    return f"/review/{report.agency.code}/{report.year}/{action}/"


def sections_and_cells(report):
    fmt = report.format
    sections = [key for key, _label in section_choices(fmt)]
    return st.sampled_from(sections) | postable_text, st.sampled_from(["", *fmt.keys[:20]]) | postable_text


def stored_text(text: str) -> str:
    return normalize_text(text)


@examples(40)
@given(data=st.data(), body=text_value)
def test_a_comment_is_stored_as_sent_or_refused_without_a_trace(client, people, report, data, body):
    sections, cells = sections_and_cells(report)
    section, cell = data.draw(sections, label="section"), data.draw(cells, label="cell")
    log_in(client, people["approver"])
    with rolled_back():
        before = database_state()
        response = client.post(review_url(report, "comment"), {"section": section, "cell": cell, "body": body})
        assert response.status_code == 302
        comment = ReviewComment.objects.filter(report=report).first()
        if comment is None:
            assert database_state() == before
        else:
            assert (comment.section, comment.cell, comment.body) == (section, cell, stored_text(body))


@examples(40)
@given(data=st.data(), comment=review_text, action=st.sampled_from(["return", "approve"]))
def test_return_and_approve_record_the_comment_or_change_nothing(client, people, report, data, comment, action):
    sections, cells = sections_and_cells(report)
    section, cell = data.draw(sections, label="section"), data.draw(cells, label="cell")
    who = data.draw(st.sampled_from(["approver", "overseer", "editor"]), label="who")
    log_in(client, people[who])
    with rolled_back():
        report_set_status(report=report, status=ReportStatus.SUBMITTED)
        before = database_state()
        seen = data.draw(version_value, label="seen_event")
        response = client.post(review_url(report, action), {"comment": comment, "section": section, "cell": cell,
                                                            "seen_event": seen})
        assert response.status_code in (302, 403, 404)
        event = ReportEvent.objects.filter(report=report).first()
        if event is None:
            assert database_state() == before
        else:
            assert event.comment == stored_text(comment)
            report.refresh_from_db()
            assert report.status == (ReportStatus.DRAFT if action == "return" else ReportStatus.APPROVED)


@examples(40)
@given(explanations=st.dictionaries(st.sampled_from([*WARNING_RULES, "OTHER", "", "<b>"]) | postable_text,
                                    review_text, max_size=4))
def test_a_submission_stores_every_explanation_or_nothing(client, people, report, explanations):
    log_in(client, people["editor"])
    post = {f"explanation:{rule}": text for rule, text in explanations.items()}
    with rolled_back():
        before = database_state()
        response = client.post(review_url(report, "submit"), post)
        assert response.status_code in (200, 302)
        report.refresh_from_db()
        if report.status == ReportStatus.DRAFT:
            assert response.status_code == 200
            assert database_state() == before
        else:
            stored = dict(WarningExplanation.objects.values_list("rule", "text"))
            assert stored == {rule: stored_text(explanations[rule]) for rule in WARNING_RULES}


@examples(30)
@given(reason=review_text, who=st.sampled_from(["editor", "approver", "overseer"]))
def test_a_correction_starts_with_its_note_or_not_at_all(client, people, report, reason, who):
    log_in(client, people[who])
    with rolled_back():
        report_set_status(report=report, status=ReportStatus.PUBLISHED)
        before = database_state()
        response = client.post(review_url(report, "correct"), {"comment": reason})
        assert response.status_code in (302, 403, 404)
        revision = ReportRevision.objects.filter(report=report).first()
        if revision is None:
            assert database_state() == before
        else:
            assert revision.reason == stored_text(reason)
            report.refresh_from_db()
            assert report.status == ReportStatus.DRAFT


query_values = st.one_of(postable_text, st.sampled_from(["", "draft", "overdue", "1", "on", "-changed", "errors",
                                                         "name", "deadline", "%00", "\x00"]))


@examples(30)
@given(query=st.dictionaries(st.sampled_from(["status", "overdue", "sort", "page", "q", "from", "to", "key",
                                              "section"]) | postable_text, query_values, max_size=4),
       year=st.sampled_from([2024, 2020, 2019, 2100]))
def test_dashboard_history_and_compare_answer_any_query_string(client, people, report, query, year):
    log_in(client, people["overseer"])
    government = report.agency.parent
    with rolled_back():
        before = database_state()
        for path in (f"/review/dashboard/{government.code}/{year}/", review_url(report, "history"),
                     review_url(report, "compare"), "/review/", review_url(report, "submit")):
            response = client.get(path, query)
            assert response.status_code in (200, 302, 403, 404), path
        assert database_state() == before


@examples(20)
@given(agencies=st.lists(postable_text | st.integers(-5, 10**20).map(str), max_size=5))
def test_the_bulk_reminder_takes_any_list_of_agencies(client, people, report, agencies):
    log_in(client, people["overseer"])
    with rolled_back():
        before = database_state()
        response = client.post(f"/review/dashboard/{report.agency.parent.code}/2024/remind/", {"agency": agencies})
        assert response.status_code == 302
        assert database_state() == before


@pytest.mark.parametrize("action", ["return", "approve", "correct", "submit"])
def test_a_nul_character_in_a_review_text_is_never_a_server_error(client, people, report, action):
    log_in(client, people["editor" if action in ("correct", "submit") else "approver"])
    status = {"submit": ReportStatus.DRAFT, "correct": ReportStatus.PUBLISHED}.get(action, ReportStatus.SUBMITTED)
    report_set_status(report=report, status=status)
    post = {"comment": "说明\x00", **{f"explanation:{rule}": "说明\x00" for rule in WARNING_RULES}}
    response = client.post(review_url(report, action), post)
    assert response.status_code in (200, 302)


@pytest.mark.parametrize("year", [32768, 10**20])
def test_the_dashboard_of_a_year_without_a_format_is_not_found(client, people, report, year):
    log_in(client, people["overseer"])
    assert client.get(f"/review/dashboard/{report.agency.parent.code}/{year}/").status_code == 404
