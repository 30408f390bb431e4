from django.apps import AppConfig


class RulesConfig(AppConfig):
    """The cross-check rules: an app only so that Django finds their catalogue (the rules read no database).

    Labelled apart from django-rules, whose label is "rules"."""

    name = "reports.rules"
    label = "report_rules"
