"""Public pages and open data: any address, any query string; what is served equals what is stored."""
from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from openpyxl import load_workbook

from agencies.models import Role
from reports.demo.generate import Profile, generate
from reports.interchange import to_json
from reports.models import ReportStatus
from reports.services import report_create, report_data, report_replace_content, report_set_status
from tests.factories import AgencyFactory, MembershipFactory, UserFactory
from tests.publication.test_opendata import CANONICAL

from .conftest import examples, log_in, rolled_back
from .state import database_state
from .strategies import postable_text

pytestmark = pytest.mark.django_db
YEAR = 2024
codes = st.sampled_from(["propqu", "prop-pub0", "prop-pub1", "prop-draft", "nowhere"]) | st.from_regex(
    r"[-a-zA-Z0-9_]{1,30}", fullmatch=True)
years = st.sampled_from([YEAR, 2023, 2020, 2019, 2100, 2101]) | st.integers(0, 10**25)
query_strings = st.dictionaries(st.sampled_from(["year", "agency", "format", "q", "page", "sort", "kind"])
                                | postable_text, postable_text | st.integers().map(str), max_size=4)


def _store(agency, status: str, applications: int):
    data = generate(agency=agency.name, year=YEAR, profile=Profile(applications=applications, licenses=20),
                    seed=agency.code, previous=None)
    report = report_create(agency=agency, year=YEAR)
    report_replace_content(report=report, data=data)
    return report_set_status(report=report, status=status)


@pytest.fixture
def published(government):
    reports = [_store(AgencyFactory(parent=government, code=f"prop-pub{i}", name=f"属性区公开{i}局"),
                      ReportStatus.PUBLISHED, applications) for i, applications in enumerate((4, 31))]
    _store(AgencyFactory(parent=government, code="prop-draft", name="属性区草稿局"), ReportStatus.DRAFT, 9)
    return reports


def public_json(report) -> dict:
    return {"agency_code": report.agency.code, **to_json(report_data(report))}


def check_dataset(response, suffix: str, published) -> None:
    """The dataset holds the published reports, and exactly their stored values."""
    expected = {r.agency.code: to_json(report_data(r))["cells"] for r in published}
    if suffix == "json":
        doc = response.json()
        assert {r["agency_code"]: r["cells"] for r in doc["reports"]} == expected
        return
    if suffix == "csv":
        header, *values = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    else:
        sheet = load_workbook(io.BytesIO(response.content), read_only=True)["values"]
        header, *values = list(sheet.iter_rows(values_only=True))
    names = [CANONICAL[h] for h in header]
    rows = [dict(zip(names, (v if v is not None else "" for v in row), strict=True)) for row in values]
    found: dict = {}
    for row in rows:
        if row["value"] not in ("", None):
            # The sheet holds numbers: compare values, not their printing.
            found.setdefault(row["agency_code"], {})[row["key"]] = Decimal(str(row["value"]))
    assert found == {code: {k: Decimal(str(v)) for k, v in cells.items()} for code, cells in expected.items()}


@examples(40)
@given(region=codes, year=years, suffix=st.sampled_from(["json", "csv", "xlsx"]), query=query_strings)
@example(region="propqu", year=YEAR, suffix="json", query={"year": "2020", "format": "csv"})
@example(region="propqu", year=YEAR, suffix="csv", query={})
@example(region="propqu", year=YEAR, suffix="xlsx", query={"agency": "prop-draft"})
def test_a_regions_dataset_is_the_published_values_or_not_found(client, published, region, year, suffix, query):
    response = client.get(f"/public/{region}/{year}.{suffix}", query)
    assert response.status_code in (200, 404)
    if response.status_code == 200:
        assert (region, year) == ("propqu", YEAR)
        check_dataset(response, suffix, published)


@examples(40)
@given(region=codes, agency=codes, year=years, suffix=st.sampled_from([".json", ".csv", "/", ".pdf", ".docx"]),
       query=query_strings)
@example(region="propqu", agency="prop-pub1", year=YEAR, suffix=".json", query={"format": "xlsx"})
@example(region="propqu", agency="prop-pub0", year=YEAR, suffix=".csv", query={})
@example(region="propqu", agency="prop-draft", year=YEAR, suffix=".json", query={})
@example(region="propqu", agency="prop-pub1", year=YEAR, suffix="/", query={"q": "<script>"})
def test_a_report_is_served_only_when_published_and_as_stored(client, published, region, agency, year, suffix,
                                                               query):
    if suffix in (".pdf", ".docx") and (region, agency, year) in {("propqu", r.agency.code, YEAR) for r in published}:
        agency = "prop-draft"  # building the documents is tested with the exporters, and slow
    response = client.get(f"/public/{region}/{agency}/{year}{suffix}", query)
    assert response.status_code in (200, 404)
    if response.status_code != 200:
        return
    report = next(r for r in published if r.agency.code == agency)
    if suffix == ".json":
        assert response.json() == to_json(report_data(report))
    elif suffix == ".csv":
        header, *rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        rows = [dict(zip([CANONICAL[h] for h in header], row, strict=True)) for row in rows]
        assert {r["key"]: r["value"] for r in rows if r["value"]} == {
            k: str(v) for k, v in to_json(report_data(report))["cells"].items()}


@examples(30)
@given(region=codes, agency=codes, year=years, query=query_strings,
       page=st.sampled_from(["", "statistics/", "statistics/applications.svg", "{year}/", "{agency}/",
                             "{agency}/statistics/x.svg", "{agency}/{year}/corrections/1/", "{year}/export/1/"]))
def test_the_public_pages_answer_any_address_and_query_string(client, published, region, agency, year, query, page):
    path = f"/public/{region}/" + page.format(year=year, agency=agency)
    with rolled_back():
        before = database_state()
        assert client.get(path, query).status_code in (200, 404)
        assert client.get("/public/", query).status_code == 200
        assert database_state() == before


@examples(20)
@given(region=codes, year=years, query=query_strings)
def test_a_batch_export_is_requested_only_for_a_published_year(client, published, region, year, query):
    with rolled_back():
        before = database_state()
        response = client.post(f"/public/{region}/{year}/export/", query)
        assert response.status_code in (302, 404)
        if (region, year) != ("propqu", YEAR):
            assert response.status_code == 404 and database_state() == before


@pytest.fixture
def overseer(government):
    return MembershipFactory(agency=government, role=Role.OVERSEER, user=UserFactory(username="prop-overseer")).user


@examples(30)
@given(year=years, post=st.fixed_dictionaries({}, optional={
    "action": st.sampled_from(["scope", "build", ""]) | postable_text,
    "scope": st.sampled_from(["own_level", "region", "self", "all"]) | postable_text,
    "replace": st.sampled_from(["on", "1", "", "false"]) | postable_text,
}))
def test_the_government_report_form_takes_any_post(client, overseer, published, government, year, post):
    log_in(client, overseer)
    url = f"/publication/government/{government.code}/{year}/"
    with rolled_back():
        before = database_state()
        response = client.post(url, post)
        assert response.status_code in (302, 404)
        if response.status_code == 404:
            assert database_state() == before
        government.refresh_from_db()
        assert government.aggregate_scope in ("own_level", "region")
    if year in (YEAR, 2019, 2100, 2101) or year > 10**6:
        assert client.get(url).status_code in (200, 404)


@examples(30)
@given(username=postable_text | st.just("prop-overseer"), password=postable_text,
       extra=st.dictionaries(postable_text, postable_text, max_size=2))
def test_the_login_form_takes_anything(client, overseer, username, password, extra):
    with rolled_back():
        response = client.post("/accounts/login/", {**extra, "username": username, "password": password})
        assert response.status_code in (200, 302, 403, 429)
        if response.status_code == 200:
            assert "登录" in response.content.decode()
