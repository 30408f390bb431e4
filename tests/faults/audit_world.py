"""A region and a file audit of N uploaded reports queued, in the database of DATABASE_URL.

`python -m tests.faults.audit_world N` (production settings, as the workers use) creates a government with
N departments, uploads one DOCX report of each for the file audit and prints the audit's id.
"""
from __future__ import annotations

import sys

CODE, YEAR = "auditqu", 2024


def main(count: int) -> int:
    import django

    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile

    from agencies.models import Agency, AgencyKind, AgencyLevel
    from quality.services import audit_run_start
    from reports.demo.generate import Profile, generate
    from tests.importers.samples import render_docx

    government = Agency.objects.create(code=CODE, name="审计区人民政府", kind=AgencyKind.GOVERNMENT,
                                       level=AgencyLevel.COUNTY)
    files = []
    for i in range(count):
        agency = Agency.objects.create(code=f"a{i}", name=f"审计区第{i}局", kind=AgencyKind.DEPARTMENT,
                                       level=AgencyLevel.COUNTY, parent=government)
        data = generate(agency=agency.name, year=YEAR, profile=Profile(applications=5 + i, licenses=20),
                        seed=agency.code, previous=None)
        files.append(SimpleUploadedFile(f"a{i}-{YEAR}.docx", render_docx(data)))
    return audit_run_start(region=government, year=YEAR, files=files, by=None).pk


if __name__ == "__main__":
    print(main(int(sys.argv[1])))
