"""Forms of the review pages: parse input, nothing else."""
from __future__ import annotations

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from agencies.models import Role

from .dashboard import STATUS_FILTERS


class CommentForm(forms.Form):
    section = forms.ChoiceField(label=_("Section"))
    # Chosen by clicking a cell or paragraph of the report on the review page, not from a list of hundreds.
    cell = forms.ChoiceField(required=False, widget=forms.HiddenInput)
    body = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, sections: list[tuple[str, str]], cells: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = sections
        self.fields["cell"].choices = [("", _("The whole section"))] + cells
        self.helper = FormHelper()
        self.helper.form_tag = False


class DecisionForm(forms.Form):
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    section = forms.ChoiceField(
        label=_("When returning, show the comment in"), required=False,
        help_text=_("The editors see it in that step of the report."),
    )

    def __init__(self, *args, sections: list[tuple[str, str]], returning: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = [("", _("No particular section"))] + sections
        if not returning:
            # Nothing to return any more (e.g. after approval): the panel does not talk about returns.
            del self.fields["section"]
        self.helper = FormHelper()
        self.helper.form_tag = False


class ReplyForm(forms.Form):
    parent = forms.IntegerField(min_value=1)
    body = forms.CharField(label=_("Reply"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    resolves = forms.BooleanField(label=_("Dealt with"), required=False)


class DashboardFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All"))] + STATUS_FILTERS)
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)
    # The staffing notice links here rather than naming every agency.
    missing = forms.ChoiceField(
        label=_("Staffing"), required=False,
        choices=[("", _("All")), (Role.EDITOR, _("Without an editor")), (Role.APPROVER, _("Without an approver"))],
    )
    sort = forms.ChoiceField(
        label=_("Sort by"), required=False,
        choices=[
            ("name", _("Agency")), ("status", _("Status")), ("deadline", _("Days to the deadline")),
            ("errors", _("Errors and warnings")), ("-changed", _("Last change")),
        ],
    )

    def cleaned_or_defaults(self) -> dict:
        if not self.is_valid():
            return {"status": "", "overdue": False, "sort": "name", "missing": ""}
        return {**self.cleaned_data, "sort": self.cleaned_data["sort"] or "name"}

