from django.apps import AppConfig


class ImportersConfig(AppConfig):
    """Reading published reports: an app so that Django finds its templates, catalogue and the
    import_report command."""

    name = "reports.importers"
    label = "importers"
