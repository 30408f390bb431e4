from django import forms
from django.utils.translation import gettext_lazy as _

from .aggregation import SCOPE_FIELD_LABEL, SCOPE_HELP, SCOPE_LABELS


class ScopeForm(forms.Form):
    scope = forms.ChoiceField(label=SCOPE_FIELD_LABEL, help_text=SCOPE_HELP, choices=list(SCOPE_LABELS.items()))


class BuildForm(forms.Form):
    replace = forms.BooleanField(
        label=_("Replace the values already in the government's report"), required=False,
    )
