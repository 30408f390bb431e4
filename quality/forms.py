from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from reports.formats import ReportFormat
from reports.rules import Severity

from .audit import AuditRow

SORTS = {
    "agency": (_("Agency"), lambda r: (r.agency, r.source), False),
    "errors": (_("Most errors"), lambda r: (r.errors, r.warnings), True),
    "warnings": (_("Most warnings"), lambda r: (r.warnings, r.errors), True),
    "unmapped": (_("Most unplaced values"), lambda r: r.unmapped, True),
    "values": (_("Fewest values read"), lambda r: r.values, False),
}


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"multiple": True}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        clean_one = super().clean
        if isinstance(data, list | tuple) and data:
            return [clean_one(item, initial) for item in data]
        return [clean_one(data or None, initial)]


class AuditUploadForm(forms.Form):
    files = MultipleFileField(
        label=_("Published reports"),
        help_text=_("Text, web page, DOCX, PDF or JSON files, or ZIP archives of them; each at most 10 MB. "
                    "The files are only read, never stored."),
    )


class AuditFilterForm(forms.Form):
    rule = forms.ChoiceField(label=_("Rule"), required=False)
    severity = forms.ChoiceField(label=_("Severity"), required=False, choices=[("", _("Any")), *Severity.choices])
    sort = forms.ChoiceField(label=_("Sort by"), required=False,
                             choices=[(key, label) for key, (label, _key, _desc) in SORTS.items()])

    def __init__(self, *args, rules: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rule"].choices = [("", _("Any"))] + [(r, r) for r in rules]

    def _option(self, name: str) -> str:
        return self.cleaned_data.get(name, "") if self.is_bound and self.is_valid() else ""

    def apply(self, rows: list[AuditRow]) -> list[AuditRow]:
        rule, severity = self._option("rule"), self._option("severity")
        shown = [
            r for r in rows
            if (not rule or rule in r.rules) and (not severity or any(f.severity == severity for f in r.findings))
        ]
        _label, key, descending = SORTS.get(self._option("sort") or "agency")
        return sorted(shown, key=key, reverse=descending)


class RegionCompareForm(forms.Form):
    table = forms.ChoiceField(label=_("Compare"), required=False)
    sort = forms.ChoiceField(label=_("Order the agencies by"), required=False)

    def __init__(self, *args, fmt: ReportFormat, **kwargs):
        super().__init__(*args, **kwargs)
        self.fmt = fmt
        self.fields["table"].choices = [("", _("Key indicators"))] + [
            (s.table.key, s.heading) for s in fmt.sections if s.table is not None
        ]
        from .regions import indicators_for

        table = self.data.get("table") if self.is_bound else ""
        try:
            shown = indicators_for(fmt, table or None)
        except StopIteration:
            shown = indicators_for(fmt, None)
        self.fields["sort"].choices = [("", _("Agency"))] + [(i.key, i.label) for i in shown]

    def options(self) -> dict:
        if not (self.is_bound and self.is_valid()):
            return {"table": None, "sort": None}
        return {"table": self.cleaned_data["table"] or None, "sort": self.cleaned_data["sort"] or None}
