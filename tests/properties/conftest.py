"""Property-based tests of every input the project accepts: forms, open data, the import command.

The profile is deterministic (derandomized, no example database) so that CI runs the same examples
every time. It is registered, not loaded: tests here take it as the parent of their own settings,
so that the rest of the suite keeps its own Hypothesis defaults.
"""
from __future__ import annotations

from collections import Counter
from contextlib import contextmanager

import pytest
from django.db import transaction
from hypothesis import HealthCheck, event, settings

from agencies.models import Role
from reports.services import report_write
from tests.factories import (
    PASSWORD,
    AgencyFactory,
    GovernmentFactory,
    MembershipFactory,
    ReportFactory,
    UserFactory,
)

PROFILE = "nianbao-properties"
settings.register_profile(
    PROFILE,
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=False,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)


def examples(count: int) -> settings:
    """The project profile with `count` examples: pick counts so that the directory stays under ~90 s."""
    return settings(settings.get_profile(PROFILE), max_examples=count)


@contextmanager
def rolled_back():
    """Run one example in a savepoint that is rolled back, so that every example starts from the fixtures."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def log_in(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


@pytest.fixture
def government(db):
    return GovernmentFactory(code="propqu", name="属性区人民政府")


@pytest.fixture
def agency(government):
    return AgencyFactory(parent=government, code="prop-xinfang", name="属性区信访局")


@pytest.fixture
def editor(agency):
    return MembershipFactory(agency=agency, role=Role.EDITOR, user=UserFactory(username="prop-editor")).user


@pytest.fixture
def editor_client(client, editor):
    return log_in(client, editor)


@pytest.fixture
def drafts(agency, editor):
    """A draft in each format (gov-2019 for 2020, gov-2021 for 2024), with a little content."""
    reports = [ReportFactory(agency=agency, year=2020), ReportFactory(agency=agency, year=2024)]
    for report in reports:
        report_write(report=report, by=editor, texts={"text.preamble": "原有前言。"},
                     cells={"apply.new.natural": 3})
    return reports


class Outcomes:
    """What each generated example came to, so that a property is never proven on refusals alone."""

    def __init__(self):
        self.counts: Counter[str] = Counter()

    def record(self, outcome: str) -> None:
        event(outcome)  # shown in Hypothesis' statistics (pytest --hypothesis-show-statistics)
        self.counts[outcome] += 1


@pytest.fixture
def outcomes():
    """Count outcomes with `outcomes.record("accepted")` / `("refused")`; at least 5 % must be accepted."""
    recorded = Outcomes()
    yield recorded
    total = sum(recorded.counts.values())
    assert total and recorded.counts["accepted"] >= max(1, total // 20), (
        f"only {recorded.counts['accepted']} of {total} examples were accepted and processed: {dict(recorded.counts)}")
