"""`manage.py import_report PATH [--agency CODE] [--year N] [--dry-run] [--replace] [--json]`.

Also `import_report FOLDER --region CODE [--year N]` for a folder of past reports.
"""
from reports.importers.cli import ImportReportCommand as Command

__all__ = ["Command"]
