from django.apps import AppConfig


class ExportsConfig(AppConfig):
    """PDF, DOCX, HTML and JSON exports: an app so that Django finds its templates, static files,
    catalogue and the export_report command."""

    name = "reports.exports"
    label = "exports"
