"""Every URL of the project × every role: allowed, or denied (401/403/404/405) — never a 500, never a draft's content.

The URLs come from the URL configuration itself (every named pattern, in every namespace),
so a view added later is in the matrix without anyone remembering to add it. Arguments
are filled by name from the fixture report; a pattern whose arguments cannot be filled
fails the test, so that the filler is taught its name.
"""
from __future__ import annotations

import itertools

import pytest
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

from reports.models import Report
from tests.factories import PASSWORD

from .conftest import SECRET

pytestmark = pytest.mark.django_db

INSIDERS = ("editor", "approver", "overseer")
OUTSIDERS = ("editor_other", "approver_other", "overseer_other", "anonymous")
DENIED = {401, 403, 404, 405}
# Names under which a pattern takes the agency (or government) whose report the fixture holds.
AGENCY_ARGS = {"agency_code", "code", "agency", "government", "government_code"}


def named_patterns(patterns=None, namespace: str = "") -> list[tuple[str, tuple[str, ...]]]:
    """(namespaced name, argument names) of every named pattern of the URL configuration."""
    found = []
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            found += [
                (name, tuple(_args(entry)) + args) for name, args in named_patterns(entry.url_patterns, inner)
            ]
        elif isinstance(entry, URLPattern) and entry.name:
            found.append((namespace + entry.name, tuple(a for a in _args(entry) if a not in entry.default_args)))
    return sorted(set(found))


def _args(entry) -> list[str]:
    # Path converters for path(), named groups for re_path().
    return list(getattr(entry.pattern, "converters", None) or entry.pattern.regex.groupindex)


PATTERNS = named_patterns()


def candidates(world, report, name: str) -> list:
    if name in AGENCY_ARGS:
        return [report.agency.code, world.government.code]
    if name == "year":
        return [report.year]
    if name in {"step", "section", "slug"}:
        return ["cover", "apply", "check"]
    if name in {"format", "format_id"}:
        return [report.format_id]
    if name in {"app_label"}:
        return ["reports"]
    if name in {"model_name"}:
        return ["report"]
    if name == "content_type_id":
        from django.contrib.contenttypes.models import ContentType

        return [ContentType.objects.get_for_model(Report).pk]
    if name in {"object_id", "pk", "id", "report_id"}:
        return [str(report.pk)]
    if name in {"number", "version", "revision"}:
        return [1]
    if name in {"key", "cell"}:
        return ["apply.new.natural"]
    if name in {"ext", "extension", "kind", "fmt"}:
        return ["pdf", "docx", "json", "csv"]
    return []


def urls_for(world, report, name: str, args: tuple[str, ...]) -> list[tuple[str, bool]]:
    """Every URL the pattern gives with the fixture's values, and whether it names the fixture's agency."""
    choices = [candidates(world, report, a) for a in args]
    assert all(choices), f"teach the matrix the argument(s) {[a for a, c in zip(args, choices) if not c]} of {name}"
    urls = []
    for values in itertools.product(*choices):
        try:
            url = reverse(name, kwargs=dict(zip(args, values)))
        except NoReverseMatch:
            continue
        urls.append((url, any(a in AGENCY_ARGS for a in args)))
    assert urls, f"no URL of {name} could be built from the fixture"
    return urls


def as_role(client, world, role: str):
    if role != "anonymous":
        assert client.login(username=world.user(role).username, password=PASSWORD)
    return client


def snapshot(report) -> tuple:
    fresh = Report.objects.get(pk=report.pk)
    return fresh.status, fresh.version, fresh.events.count(), fresh.review_comments.count()


@pytest.mark.parametrize("name,args", PATTERNS, ids=[name for name, _ in PATTERNS])
@pytest.mark.parametrize("role", INSIDERS + OUTSIDERS)
def test_every_url_for_every_role(client, world, report, name, args, role):
    as_role(client, world, role)
    before = snapshot(report)
    for url, names_fixture in urls_for(world, report, name, args):
        for method in ("get", "post"):
            data = {"comment": "x", "body": "x", "section": "apply"} if method == "post" else None
            response = getattr(client, method)(url, data)
            assert response.status_code < 500, f"{method.upper()} {url} as {role}: {response.status_code}"
            if role in INSIDERS:
                continue
            body = b"".join(response.streaming_content) if response.streaming else response.content
            assert SECRET.encode() not in body, f"{method.upper()} {url} shows a draft to {role}"
            if names_fixture:
                allowed = DENIED | ({302} if role == "anonymous" else set())
                assert response.status_code in allowed, f"{method.upper()} {url} as {role}: {response.status_code}"
                if response.status_code == 302:
                    assert "/accounts/login/" in response["Location"]
    if role in OUTSIDERS:
        assert snapshot(report) == before, f"{name} let {role} change the report"


def test_the_matrix_covers_the_review_app():
    names = {name for name, _ in PATTERNS}
    assert {"review:dashboard", "review:submit", "review:approve", "review:report", "review:compare"} <= names


def test_the_matrix_covers_the_format_guide():
    """填报说明 is named by the format, not an agency: any logged-in person may read it, nobody may post to it."""
    assert ("drafting:guide", ("format_id",)) in PATTERNS
