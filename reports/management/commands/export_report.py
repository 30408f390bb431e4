"""`manage.py export_report --agency CODE --year N --format pdf|docx|html|json -o PATH`.

Implemented in reports.exports.command, next to the exporters and their messages.
"""
from reports.exports.command import ExportReportCommand as Command

__all__ = ["Command"]
