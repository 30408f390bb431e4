"""A region with published reports and its batch export requested, in the database of DATABASE_URL.

`python -m tests.faults.queue_world N` (production settings, as the workers use) creates N published
reports below a government and asks for their ZIP, which queues the export's task; prints the export's id.
"""
from __future__ import annotations

import sys

CODE, YEAR = "queuequ", 2024


def main(count: int) -> int:
    import django

    django.setup()
    from agencies.models import Agency, AgencyKind, AgencyLevel
    from publication.batch import batch_export_request
    from reports.demo.generate import Profile, generate
    from reports.models import ReportStatus
    from reports.services import report_create, report_replace_content, report_set_status

    government = Agency.objects.create(code=CODE, name="队列区人民政府", kind=AgencyKind.GOVERNMENT,
                                       level=AgencyLevel.COUNTY)
    for i in range(count):
        agency = Agency.objects.create(code=f"q{i}", name=f"队列区第{i}局", kind=AgencyKind.DEPARTMENT,
                                       level=AgencyLevel.COUNTY, parent=government)
        data = generate(agency=agency.name, year=YEAR, profile=Profile(applications=5 + i, licenses=20),
                        seed=agency.code, previous=None)
        report = report_create(agency=agency, year=YEAR)
        report_replace_content(report=report, data=data)
        report_set_status(report=report, status=ReportStatus.PUBLISHED)
    return batch_export_request(region=government, year=YEAR).pk


if __name__ == "__main__":
    print(main(int(sys.argv[1])))
