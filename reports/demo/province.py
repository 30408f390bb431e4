"""A synthetic province at full size, for benchmarks and for trying the app at scale.

省 → 设区的市 → 县/区 → departments, public bodies and townships: about 20,000 reporting
agencies with last year's reports published and this year's in every state. Everything is
written with bulk inserts: a few dozen distinct generated reports serve as templates, each
agency's copy naming the agency itself, so a full province takes minutes rather than hours.
Running it again changes nothing once the province exists.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.db import connection, transaction

from agencies.models import Agency, AgencyKind, AgencyLevel, Membership, Role
from reports.data import ReportData
from reports.models import Report, ReportStatus, ReportText, ReportValue
from reports.rules import ERROR, SUBMIT, WARNING, evaluate
from review.models import ReportCheckSummary

from .generate import Profile, generate

CODE = "shifan"
NAME = "示范省"
PASSWORD = "nianbao-demo"
TEMPLATE_AGENCY = "示范机关"
# Per city: its own departments, its counties, and per county its departments and townships.
SHAPE = {"province_departments": 60, "cities": 17, "city_departments": 60, "counties": 11,
         "county_departments": 80, "townships": 20}
DEPARTMENT_NAMES = ("发展和改革委员会", "教育局", "公安局", "民政局", "司法局", "财政局", "人力资源和社会保障局",
                    "自然资源和规划局", "生态环境局", "住房和城乡建设局", "交通运输局", "水利局", "农业农村局",
                    "商务局", "文化和旅游局", "卫生健康委员会", "退役军人事务局", "应急管理局", "审计局",
                    "市场监督管理局", "统计局", "医疗保障局", "信访局", "城市管理局")
# This year's reports, in the mix of a busy January: share of agencies per state.
CURRENT_MIX = ((None, 20), (ReportStatus.DRAFT, 35), (ReportStatus.SUBMITTED, 15), (ReportStatus.APPROVED, 10),
               (ReportStatus.PUBLISHED, 20))
TEMPLATES = 24
PEOPLE = (  # username, agency (by level), role
    ("province-overseer", "province", Role.OVERSEER),
    ("city-overseer", "city", Role.OVERSEER),
    ("county-overseer", "county", Role.OVERSEER),
)


@dataclass(frozen=True)
class Template:
    data: ReportData
    errors: int
    warnings: int


def _templates(year: int) -> dict[int, list[Template]]:
    """Distinct plausible reports for `year` and the year before, chained (carried-over applications)."""
    found: dict[int, list[Template]] = {year - 1: [], year: []}
    for n in range(TEMPLATES):
        profile = Profile(applications=3 + (n * 7) % 90, licenses=(n * 131) % 2000, penalties=(n * 17) % 300,
                          coercions=n % 9, fees_wan="0" if n % 4 else f"{n % 7}.{n:02d}00", normative=n % 4)
        last = generate(agency=TEMPLATE_AGENCY, year=year - 1, profile=profile, seed=f"province{n}", previous=None,
                        signed_on=date(year, 1, 15 + n % 10))
        this = generate(agency=TEMPLATE_AGENCY, year=year, profile=profile, seed=f"province{n}", previous=last,
                        signed_on=date(year + 1, 1, 15 + n % 10))
        for data, previous in ((last, None), (this, last)):
            findings = evaluate(data, last_year=previous, stage=SUBMIT)
            found[data.year].append(Template(
                data, sum(f.severity == ERROR for f in findings), sum(f.severity == WARNING for f in findings)))
    return found


def _tree(shape: dict) -> list[tuple[str, str, str, str, int | None]]:
    """(code, name, kind, level, index of the parent in this list) in tree order, parents first."""
    rows: list = [(CODE, f"{NAME}人民政府", AgencyKind.GOVERNMENT, AgencyLevel.PROVINCE, None)]

    def departments(prefix: str, place: str, parent: int, level: str, count: int) -> None:
        for d in range(count):
            base = DEPARTMENT_NAMES[d % len(DEPARTMENT_NAMES)]
            name = f"{place}{base}" if d < len(DEPARTMENT_NAMES) else f"{place}第{d + 1}{base}"
            rows.append((f"{prefix}-d{d}", name, AgencyKind.DEPARTMENT, level, parent))

    departments(CODE, NAME, 0, AgencyLevel.PROVINCE, shape["province_departments"])
    for c in range(shape["cities"]):
        city, city_name = f"{CODE}-c{c}", f"示范{c + 1}市"
        rows.append((city, f"{city_name}人民政府", AgencyKind.GOVERNMENT, AgencyLevel.CITY, 0))
        city_index = len(rows) - 1
        departments(city, city_name, city_index, AgencyLevel.CITY, shape["city_departments"])
        for k in range(shape["counties"]):
            county, county_name = f"{city}-k{k}", f"{city_name}示范{k + 1}区"
            rows.append((county, f"{county_name}人民政府", AgencyKind.GOVERNMENT, AgencyLevel.COUNTY, city_index))
            county_index = len(rows) - 1
            departments(county, county_name, county_index, AgencyLevel.COUNTY, shape["county_departments"])
            for t in range(shape["townships"]):
                rows.append((f"{county}-t{t}", f"{county_name}示范{t + 1}街道办事处", AgencyKind.TOWNSHIP,
                             AgencyLevel.TOWNSHIP, county_index))
    return rows


def agency_count(shape: dict = SHAPE) -> int:
    return len(_tree(shape))


def _create_agencies(shape: dict) -> list[Agency]:
    rows = _tree(shape)
    created = Agency.objects.bulk_create(
        Agency(code=code, name=name, short_name=name, kind=kind, level=level) for code, name, kind, level, _ in rows
    )
    for agency, (*_rest, parent) in zip(created, rows):
        agency.parent_id = created[parent].pk if parent is not None else None
        agency.path = (created[parent].path if parent is not None else "/") + f"{agency.pk}/"
    Agency.objects.bulk_update(created, ["parent", "path"], batch_size=2000)
    return created


def _value_rows(report_id: int, data: ReportData):
    fmt = data.format
    for key, value in data.cells.items():
        if value is not None:
            yield (report_id, key, None, value) if fmt.field(key).kind == "amount" else (report_id, key, value, None)


def _insert(model, names: tuple[str, ...], rows, batch: int = 20000) -> None:
    """INSERT many rows of `names` (other columns get their defaults) without building model instances:
    at millions of values, Django's per-object work in bulk_create is most of the time."""
    meta = model._meta
    given = [meta.get_field(n) for n in names]
    others = [f for f in meta.concrete_fields if not f.primary_key and f.name not in names]
    defaults = tuple(f.get_db_prep_save(f.get_default(), connection) for f in others)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in given + others)
    marks = ", ".join(["%s"] * (len(given) + len(others)))
    sql = f"INSERT INTO {connection.ops.quote_name(meta.db_table)} ({columns}) VALUES ({marks})"
    rows = iter(rows)
    with connection.cursor() as cursor:
        while chunk := [row + defaults for row in itertools.islice(rows, batch)]:
            cursor.executemany(sql, chunk)


def _write_reports(pairs: list[tuple[Agency, Template, str]], year: int) -> None:
    reports = Report.objects.bulk_create(
        Report(agency=agency, year=year, format_id=t.data.format.id, status=status,
               signed_on=t.data.signed_on, title=f"{agency.name}{year}年政府信息公开工作年度报告"
               if status == ReportStatus.PUBLISHED else "")
        for agency, t, status in pairs
    )
    _insert(ReportValue, ("report", "key", "number", "amount"),
            itertools.chain.from_iterable(_value_rows(r.pk, t.data) for r, (_a, t, _s) in zip(reports, pairs)))
    ReportText.objects.bulk_create(
        (ReportText(report=r, key=k, body=body.replace(TEMPLATE_AGENCY, a.name))
         for r, (a, t, _s) in zip(reports, pairs) for k, body in t.data.texts.items()),
        batch_size=5000,
    )
    ReportCheckSummary.objects.bulk_create(
        (ReportCheckSummary(report=r, version=r.version, errors=t.errors, warnings=t.warnings)
         for r, (_a, t, _s) in zip(reports, pairs)),
        batch_size=10000,
    )


def _mix(n: int) -> str | None:
    """The state of the n-th agency's report this year, spread evenly over CURRENT_MIX."""
    position, total = (n * 37) % 100, 0  # a stride coprime with 100 mixes neighbours
    for status, share in CURRENT_MIX:
        total += share
        if position < total:
            return status
    return None


def _people(agencies: list[Agency]) -> None:
    users = get_user_model().objects
    first = {level: next(a for a in agencies if a.kind == AgencyKind.GOVERNMENT and a.level == level)
             for level in (AgencyLevel.PROVINCE, AgencyLevel.CITY, AgencyLevel.COUNTY)}
    for username, level, role in PEOPLE:
        user = users.filter(username=username).first() or users.create_user(username, password=PASSWORD)
        Membership.objects.get_or_create(user=user, agency=first[level], role=role)


@transaction.atomic
def load_province(*, year: int, shape: dict = SHAPE) -> int:
    """Build the province (unless it exists); the number of agencies created."""
    if Agency.objects.filter(code=CODE).exists():
        return 0
    templates = _templates(year)
    agencies = _create_agencies(shape)
    last = [(a, templates[year - 1][n % TEMPLATES], ReportStatus.PUBLISHED) for n, a in enumerate(agencies)]
    _write_reports(last, year - 1)
    current = [(a, templates[year][n % TEMPLATES], _mix(n)) for n, a in enumerate(agencies)]
    _write_reports([(a, t, s) for a, t, s in current if s is not None], year)
    _people(agencies)
    return len(agencies)
