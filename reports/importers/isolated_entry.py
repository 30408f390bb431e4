"""What the import fork server loads once, so that each limited child starts reading at once."""
import django

django.setup()

import docx  # noqa: F401
import pdfplumber  # noqa: F401

from reports.importers import services  # noqa: F401
