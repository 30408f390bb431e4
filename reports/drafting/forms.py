"""Forms for the cover and the narrative steps (rendered with crispy); tables are laid out from the format grid."""
from __future__ import annotations

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from reports.data import ReportData
from reports.formats import META_SIGNED_ON, META_TITLE
from reports.normalize import TEXT_MAX_LENGTH

from .steps import Step, dom_id


def _textarea(text_field, rows: int) -> forms.CharField:
    limit = _("At most %(limit)s characters.") % {"limit": f"{TEXT_MAX_LENGTH:,}"}
    return forms.CharField(
        label=text_field.label,
        help_text=format_lazy("{} {}", text_field.guidance, limit) if text_field.guidance else limit,
        max_length=TEXT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"id": dom_id(text_field.key), "rows": rows}),
    )


class _KeyedBoundField(forms.BoundField):
    """Uses the input's id (derived from the canonical key) for the label, help text and error ids too."""

    @property
    def auto_id(self):
        return self.field.widget.attrs.get("id") or super().auto_id


class StepForm(forms.Form):
    """The cover (title, signature date, preamble) or a step of narrative texts; field names are canonical keys."""

    bound_field_class = _KeyedBoundField

    def __init__(self, *args, step: Step, data_: ReportData, read_only: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.step = step
        if step.has_meta:
            self.fields[META_TITLE] = forms.CharField(
                label=_("Title"),
                required=False,
                max_length=200,
                help_text=_("Leave as it is to use the standard title: agency full name, year, then "
                            "“年政府信息公开工作年度报告”."),
                widget=forms.TextInput(attrs={"id": dom_id(META_TITLE)}),
            )
            self.fields[META_SIGNED_ON] = forms.CharField(
                label=_("Signature date"),
                required=False,
                help_text=_("In the year after the report's year, not after the publication deadline."),
                widget=forms.DateInput(attrs={"id": dom_id(META_SIGNED_ON), "type": "date"}),
            )
            self.initial.setdefault(META_TITLE, data_.display_title)
            self.initial.setdefault(META_SIGNED_ON, data_.signed_on.isoformat() if data_.signed_on else "")
        rows = 10 if len(step.texts) == 1 else 6
        for text_field in step.texts:
            self.fields[text_field.key] = _textarea(text_field, rows)
            self.initial.setdefault(text_field.key, data_.text(text_field.key))
        for f in self.fields.values():
            f.disabled = read_only

    def mark(self, finding_marks: dict) -> None:
        """Point each field at the findings about it (the page script keeps this up to date)."""
        for key, (ids, is_error) in finding_marks.items():
            if key not in self.fields:
                continue
            attrs = self.fields[key].widget.attrs
            attrs["class"] = "has-error" if is_error else "has-warning"
            helptext = [f"{attrs['id']}_helptext"] if self.fields[key].help_text else []
            attrs["aria-describedby"] = " ".join(helptext + ids)
            if is_error:
                attrs["aria-invalid"] = "true"
