"""Forms for the cover and the narrative steps (rendered with crispy); tables are laid out from the format grid."""
from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from reports.data import ReportData

from .steps import Step, dom_id


def _textarea(text_field, rows: int) -> forms.CharField:
    return forms.CharField(
        label=text_field.label,
        help_text=text_field.guidance,
        required=False,
        widget=forms.Textarea(attrs={"id": dom_id(text_field.key), "rows": rows}),
    )


class StepForm(forms.Form):
    """The cover (title, signature date, preamble) or a step of narrative texts; field names are canonical keys."""

    def __init__(self, *args, step: Step, data_: ReportData, read_only: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.step = step
        if step.has_meta:
            self.fields["meta.title"] = forms.CharField(
                label=_("Title"),
                required=False,
                max_length=200,
                help_text=_("Leave as it is to use the standard title: agency full name, year, then "
                            "“年政府信息公开工作年度报告”."),
                widget=forms.TextInput(attrs={"id": dom_id("meta.title")}),
            )
            self.fields["meta.signed_on"] = forms.CharField(
                label=_("Signature date"),
                required=False,
                help_text=_("In the year after the report's year, not after the publication deadline."),
                widget=forms.DateInput(attrs={"id": dom_id("meta.signed_on"), "type": "date"}),
            )
            self.initial.setdefault("meta.title", data_.display_title)
            self.initial.setdefault("meta.signed_on", data_.signed_on.isoformat() if data_.signed_on else "")
        rows = 10 if len(step.texts) == 1 else 6
        for text_field in step.texts:
            self.fields[text_field.key] = _textarea(text_field, rows)
            self.initial.setdefault(text_field.key, data_.text(text_field.key))
        for f in self.fields.values():
            f.disabled = read_only
