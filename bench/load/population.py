"""The load test's editors, and what the database holds for them afterwards.

Used in-process by the tests, and as a command against the load database:
`python -m bench.load.population seed COUNT ACCOUNTS.json` and
`python -m bench.load.population stored RECORDS.json STORED.json`.
"""
from __future__ import annotations

import json
import secrets
import sys
from pathlib import Path


def create_editors(count: int, *, year: int, password: str | None = None) -> list[dict]:
    """`count` editors, each with its own agency and an empty draft for `year`; their logins as dicts."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    from agencies.models import Agency, AgencyKind, AgencyLevel, Membership, Role
    from reports.services import report_create

    password = password or secrets.token_urlsafe(12)
    hashed = make_password(password)  # the configured hasher, once: hashing 50 times adds nothing
    government = Agency.objects.create(name="负载测试区人民政府", code="load-gov", kind=AgencyKind.GOVERNMENT,
                                       level=AgencyLevel.COUNTY)
    accounts = []
    for i in range(1, count + 1):
        agency = Agency.objects.create(name=f"负载测试区第{i}局", code=f"load-{i:02d}", kind=AgencyKind.DEPARTMENT,
                                       level=AgencyLevel.COUNTY, parent=government)
        user = get_user_model().objects.create(username=f"load-editor-{i:02d}", password=hashed)
        Membership.objects.create(user=user, agency=agency, role=Role.EDITOR)
        report_create(agency=agency, year=year, by=user)
        accounts.append({"username": user.username, "password": password, "agency": agency.code, "year": year,
                         "report_path": f"/reports/{agency.code}/{year}/"})
    return accounts


def stored_values(records: list[dict]) -> dict[str, dict[str, str]]:
    """For each editor, the stored value of every key it wrote, as typed into the form ("" when empty)."""
    from reports.drafting.services import display_value
    from reports.models import Report
    from reports.services import report_data

    stored = {}
    for record in records:
        _, _, agency, year, *_ = record["report_path"].split("/")
        data = report_data(Report.objects.get(agency__code=agency, year=int(year)))
        keys = {w["key"] for w in record["writes"]}
        stored[record["username"]] = {
            k: display_value(data.cells.get(k)) if k in data.format.field_map else data.text(k) for k in keys
        }
    return stored


def main(argv: list[str]) -> None:
    import django
    from django.utils import timezone

    django.setup()
    command, *args = argv
    if command == "seed":
        count, out = int(args[0]), Path(args[1])
        out.write_text(json.dumps(create_editors(count, year=timezone.localdate().year)))
    elif command == "stored":
        records = json.loads(Path(args[0]).read_text())["editors"]
        Path(args[1]).write_text(json.dumps(stored_values(records), ensure_ascii=False))
    else:
        raise SystemExit(f"unknown command {command!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
