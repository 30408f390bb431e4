"""Every page of every role speaks Chinese: no English word outside an allow-list.

The pages come from the URL configuration (as in the authorization matrix), filled with a report
that went through a round with a return, a reply and an approval, and with published reports, so
that each page shows real content. A person's pages are walked as that person; the admin as a
site administrator. Words allowed: file formats, ids (rule ids, agency codes, keys), addresses.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied

from agencies.models import Agency
from reports.models import ReportStatus
from review import services
from review.sections import section_choices
from tests.factories import PASSWORD, ReportFactory, UserFactory

from .conftest import FakeFinding
from .test_authorization_matrix import PATTERNS, urls_for

pytestmark = pytest.mark.django_db

# Formats and names that are written in Latin letters in Chinese too.
ALLOWED = {
    "PDF", "DOCX", "JSON", "CSV", "XLSX", "Word", "Excel", "HTML", "ZIP", "SVG", "WPS", "OCR", "MB", "KB",
    # File extensions as the upload page lists them (.docx, .txt …).
    "pdf", "docx", "json", "csv", "xlsx", "html", "htm", "txt", "md", "zip", "doc", "wps", "png", "jpg", "jpeg",
}
# Written into Django's admin templates and code, not translatable: the search icon's alt and boolean icons.
ADMIN_HARDCODED = {"Search", "True", "False"}
# Rule ids (TEXT-PROBLEMS-SUBSTANCE), keys (apply.new.natural), codes and addresses are ids, not words.
ID = re.compile(r"^[A-Z0-9]+(?:-[A-Z0-9]+)+$|^[a-z0-9_]+(?:[.-][a-z0-9_]+)+$|^[\w.-]+\.(?:pdf|docx|json|csv|xlsx|zip)$")
WORD = re.compile(r"[A-Za-z][A-Za-z0-9_.\-/:@]*[A-Za-z0-9]|[A-Za-z]{2,}")
SKIPPED_TAGS = {"script", "style", "code", "pre", "kbd", "samp"}
SHOWN_ATTRIBUTES = {"title", "aria-label", "placeholder", "alt", "value"}


class VisibleText(HTMLParser):
    """The text a person reads: element text and the labelling attributes, without scripts and code."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in SKIPPED_TAGS:
            self.skipping += 1
        attributes = dict(attrs)
        for name in SHOWN_ATTRIBUTES:
            # A button's value is not shown; an input button's is.
            if name == "value" and not (tag == "input" and attributes.get("type") in ("submit", "button")):
                continue
            if attributes.get(name):
                self.parts.append(attributes[name])

    def handle_endtag(self, tag):
        if tag in SKIPPED_TAGS and self.skipping:
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def english_words(html: str) -> list[str]:
    parser = VisibleText()
    parser.feed(html)
    found = []
    for part in parser.parts:
        for word in WORD.findall(part):
            word = word.strip(".:/-")
            if not word or word in ALLOWED or ID.match(word) or word.startswith(("http", "/")):
                continue
            if re.search(r"\d", word):  # a code or a number with a unit, not a word
                continue
            found.append(word)
    return found


NAMES = {"editor": ("李", "娜"), "editor2": ("赵", "敏"), "approver": ("王", "晓梅"), "approver2": ("陈", "刚"),
         "overseer": ("张", "伟")}


@pytest.fixture
def round_report(world, report, findings):
    for username, (family, given) in NAMES.items():
        user = world.user(username)
        user.last_name, user.first_name = family, given
        user.save()
    findings.current = [FakeFinding("TEXT-PROBLEMS-SUBSTANCE", "warning", "五过于简略")]
    editor, approver = world.user("editor"), world.user("approver")
    services.report_submit(report=report, by=editor, explanations={"TEXT-PROBLEMS-SUBSTANCE": "已核实"})
    services.report_return(report=report, by=approver, comment="请补充", section="problems")
    comment = report.review_comments.get()
    services.report_comment_reply(report=report, by=editor, parent=comment.pk, body="已补充", resolves=True)
    services.report_submit(report=report, by=editor, explanations={"TEXT-PROBLEMS-SUBSTANCE": "已核实"})
    services.report_approve(report=report, by=approver)
    services.report_publish(report=report, by=approver)
    services.report_start_correction(report=report, by=editor, reason="更正表三")
    ReportFactory(agency=world.agency, year=2023)
    return report


def admin_page_in_scope(name: str) -> bool:
    """The admin's index, sections and lists; its object forms show stored data and Django's permission names."""
    return not name.startswith("admin:") or name in ("admin:index", "admin:app_list") or name.endswith("_changelist")


def walk(client, world, report) -> dict[str, list[str]]:
    # Login names, addresses, agency codes and section keys are ids, not words of the interface.
    users = get_user_model().objects.all()
    ids = {u.username for u in users} | {u.email for u in users} | set(Agency.objects.values_list("code", flat=True))
    ids |= {key for key, _heading in section_choices(report.format)}
    problems: dict[str, list[str]] = {}
    for name, args in PATTERNS:
        if not admin_page_in_scope(name):
            continue
        for url, _names_fixture in urls_for(world, report, name, args):
            try:
                response = client.get(url)
            except PermissionDenied:
                continue
            if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
                continue
            allowed = ids | (ADMIN_HARDCODED if url.startswith("/admin/") else set())
            words = [w for w in english_words(response.content.decode()) if w not in allowed]
            if words:
                problems[url] = sorted(set(words))
    return problems


@pytest.mark.parametrize("role", ["editor", "approver", "overseer", "admin"])
def test_every_page_of_every_role_is_in_chinese(client, world, round_report, role):
    if role == "admin":
        UserFactory(username="root", is_staff=True, is_superuser=True)
        assert client.login(username="root", password=PASSWORD)
    else:
        assert client.login(username=world.user(role).username, password=PASSWORD)
    assert round_report.status == ReportStatus.DRAFT
    problems = walk(client, world, round_report)
    assert not problems, "\n".join(f"{url}: {words}" for url, words in sorted(problems.items()))


def test_the_walker_finds_english():
    assert english_words("<p>已退回 by someone</p><code>apply.new.natural</code>") == ["by", "someone"]
    assert english_words('<button title="Remind">提醒</button> 下载PDF TEXT-PROBLEMS-SUBSTANCE') == ["Remind"]
