from django.apps import AppConfig


class DraftingConfig(AppConfig):
    """The step wizard: an app so that Django finds its templates, static files and catalogue."""

    name = "reports.drafting"
    label = "drafting"
