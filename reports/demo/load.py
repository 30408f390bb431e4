"""The demo region: agencies, people, and years of reports. Idempotent: what exists is left alone."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction

from agencies.models import Agency, AgencyKind, AgencyLevel, Membership, Role
from reports.data import ReportData
from reports.interchange import from_json
from reports.models import Report, ReportStatus
from reports.rules import SUBMIT, WARNING
from reports.selectors import check_report
from reports.services import (
    report_create,
    report_data,
    report_replace_content,
    report_set_status,
    report_write,
)
from review.services import report_return, report_submit

from .generate import Profile, generate

PASSWORD = "nianbao-demo"
EXAMPLES = Path(__file__).parent / "examples"
PUBLISHED_YEARS = range(2020, 2026)
CURRENT_YEAR = 2026

GOVERNMENT = ("gulou", "鼓楼区人民政府", "鼓楼区政府", AgencyKind.GOVERNMENT)
OFFICE = ("gulou-office", "鼓楼区人民政府办公室", "区政府办", AgencyKind.GENERAL_OFFICE)
# code, full name, short name, profile, state of the current year's report
DEPARTMENTS = [
    ("gulou-xinfang", "鼓楼区信访局", "区信访局", Profile(applications=6), "filling"),
    ("gulou-fgw", "鼓楼区发展和改革委员会", "区发改委", Profile(applications=14, licenses=60, normative=2), "submitted"),
    ("gulou-jyj", "鼓楼区教育局", "区教育局", Profile(applications=25, licenses=40, normative=3), "not_started"),
    ("gulou-rsj", "鼓楼区人力资源和社会保障局", "区人社局",
     Profile(applications=38, licenses=820, penalties=35, normative=2), "returned"),
    ("gulou-scjgj", "鼓楼区市场监督管理局", "区市场监管局",
     Profile(applications=64, licenses=12400, penalties=930, coercions=120, fees_wan="12.5600", normative=1),
     "not_started"),
    ("gulou-zrzyj", "鼓楼区自然资源和规划局", "区资规局",
     Profile(applications=95, licenses=480, penalties=22, coercions=6, fees_wan="3.2000", normative=1),
     "not_started"),
    ("gulou-wjw", "鼓楼区卫生健康委员会", "区卫健委", Profile(applications=11, licenses=650, penalties=140),
     "not_started"),
]
GOVERNMENT_PROFILE = Profile(applications=120, licenses=300, normative=4)
# The real published reports kept as demo history (region, agency).
EXAMPLE_REGION = ("xigong", "西工区人民政府", "西工区政府")
EXAMPLE_AGENCIES = {
    "gulou-xinfang-2021.json": None,
    "xigong-shequ-2021.json": ("xigong-shequ", "西工区社区治理和服务创新办公室", "区社区治理办"),
}
USERS = [
    # username, full name, agency code, role, superuser
    ("editor", "王晓梅", "gulou-xinfang", Role.EDITOR, False),
    ("editor2", "李建国", "gulou-jyj", Role.EDITOR, False),
    ("approver", "张立华", "gulou-xinfang", Role.APPROVER, False),
    ("overseer", "陈静", "gulou", Role.OVERSEER, False),
    ("admin", "系统管理员", None, None, True),
    ("editor3", "赵明", "gulou-fgw", Role.EDITOR, False),
    ("editor4", "孙丽", "gulou-rsj", Role.EDITOR, False),
]
RETURN_COMMENT = "表三“不予公开”各项的理由请逐项核实；一、总体情况（二）依申请公开的件数应与表三一致。"


def _agency(code, name, short, kind, parent, level=AgencyLevel.COUNTY) -> Agency:
    agency, _ = Agency.objects.get_or_create(
        code=code, defaults={"name": name, "short_name": short, "kind": kind, "level": level, "parent": parent}
    )
    return agency


def _users(agencies: dict[str, Agency]) -> None:
    User = get_user_model()
    for username, full_name, agency_code, role, superuser in USERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, first_name=full_name[1:], last_name=full_name[0],
                        email=f"{username}@example.gov.cn", is_superuser=superuser, is_staff=superuser)
            user.set_password(PASSWORD)
            user.save()
        if role:
            Membership.objects.get_or_create(user=user, agency=agencies[agency_code], role=role)


def _store(agency: Agency, data: ReportData, status: str) -> Report:
    report = report_create(agency=agency, year=data.year)
    report_replace_content(report=report, data=data)
    return report_set_status(report=report, status=status)


def _history(agency: Agency, profile: Profile, examples: dict[tuple[str, int], ReportData]) -> ReportData | None:
    previous = None
    for year in PUBLISHED_YEARS:
        existing = Report.objects.filter(agency=agency, year=year).first()
        if existing:
            previous = report_data(existing)
            continue
        data = examples.get((agency.code, year)) or generate(
            agency=agency.name, year=year, profile=profile, seed=agency.code, previous=previous,
            carry_over=(agency.code, year + 1) not in examples,
        )
        _store(agency, data, ReportStatus.PUBLISHED)
        previous = data
    return previous


def _current(agency: Agency, profile: Profile, state: str, previous: ReportData | None) -> None:
    if state == "not_started" or Report.objects.filter(agency=agency, year=CURRENT_YEAR).exists():
        return
    full = generate(agency=agency.name, year=CURRENT_YEAR, profile=profile, seed=agency.code, previous=previous,
                    signed_on=date(CURRENT_YEAR + 1, 1, 20))
    report = report_create(agency=agency, year=CURRENT_YEAR)
    if state == "filling":
        # Being filled in: the cover, part of 一 and the first rows of 表三.
        cells = {k: v for k, v in full.cells.items() if k.startswith(("apply.new.", "apply.carried_in."))}
        texts = {k: full.texts[k] for k in ("text.preamble", "text.overview.active")}
        report_write(report=report, cells=cells, texts=texts, signed_on=full.signed_on)
        return
    report_replace_content(report=report, data=full)
    _submit(report)
    if state == "returned":
        report_return(report=report, by=_user("overseer"), comment=RETURN_COMMENT)


def _user(username: str):
    return get_user_model().objects.get(username=username)


def _submit(report: Report) -> None:
    """Through the workflow, as its editor would: each warning explained."""
    editor = Membership.objects.filter(agency=report.agency, role=Role.EDITOR).select_related("user").first().user
    warnings = {f.rule for f in check_report(report, stage=SUBMIT) if f.severity == WARNING}
    report_submit(report=report, by=editor, explanations={rule: "已逐项核实，情况属实。" for rule in warnings})


def _examples() -> dict[tuple[str, int], ReportData]:
    loaded = {}
    for filename, agency in EXAMPLE_AGENCIES.items():
        data, problems = from_json(json.loads((EXAMPLES / filename).read_text(encoding="utf-8")))
        if problems:
            raise ValueError(f"{filename}: {problems[0].message}")
        code = agency[0] if agency else "gulou-xinfang"
        loaded[(code, data.year)] = data
    return loaded


@transaction.atomic
def load_demo() -> None:
    government = _agency(*GOVERNMENT, parent=None)
    agencies = {government.code: government, OFFICE[0]: _agency(*OFFICE, parent=government)}
    for code, name, short, _, _ in DEPARTMENTS:
        agencies[code] = _agency(code, name, short, AgencyKind.DEPARTMENT, government)
    xigong = _agency(*EXAMPLE_REGION, AgencyKind.GOVERNMENT, parent=None)
    for agency in filter(None, EXAMPLE_AGENCIES.values()):
        agencies[agency[0]] = _agency(*agency, AgencyKind.OTHER, xigong)
    _users(agencies)

    examples = _examples()
    last = _history(government, GOVERNMENT_PROFILE, examples)
    _current(government, GOVERNMENT_PROFILE, "not_started", last)
    _history(agencies[OFFICE[0]], Profile(applications=3), examples)
    for code, _, _, profile, state in DEPARTMENTS:
        last = _history(agencies[code], profile, examples)
        _current(agencies[code], profile, state, last)
    for (code, year), data in examples.items():
        if code not in {d[0] for d in DEPARTMENTS} and not Report.objects.filter(agency__code=code, year=year).exists():
            _store(agencies[code], data, ReportStatus.PUBLISHED)
