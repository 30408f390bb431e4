"""`manage.py validate_report FILE.json [--last-year FILE.json] [--json]` or `--agency CODE --year N`.

Implemented in reports.rules.command, next to the rules and their messages.
"""
from reports.rules.command import ValidateReportCommand as Command

__all__ = ["Command"]
