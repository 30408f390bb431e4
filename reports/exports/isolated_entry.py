"""What the fork server loads once for exports, so that each limited child starts rendering at once."""
import django

django.setup()

import openpyxl  # noqa: F401

from reports.exports import pdf, word  # noqa: F401

# Font discovery costs more than a small report's layout: done once, inherited by every child.
pdf._font_config()
