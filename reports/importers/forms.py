"""Upload and confirmation forms of the import page."""
from __future__ import annotations

from pathlib import Path

from django import forms
from django.utils.translation import gettext_lazy as _

from .reading import EXTENSIONS, MAX_BYTES


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Published report"),
        help_text=_("Text (.txt, .md), a saved web page (.html), Word (.docx, .doc), WPS (.wps), PDF, a scanned "
                    "page (.png, .jpg) or interchange JSON; at most 10 MB. Scans are read by text recognition, "
                    "which takes about a minute a page."),
    )

    def __init__(self, *args, too_large: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        # An upload stopped at the size limit arrives without its file.
        self.too_large = too_large
        self.fields["file"].required = not too_large

    def clean(self):
        if self.too_large:
            self.add_error("file", _("The file is larger than 10 MB."))
        return super().clean()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload is None:
            return upload
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        if Path(upload.name).suffix.lower() not in EXTENSIONS:
            raise forms.ValidationError(_("Only .txt, .md, .html, .docx, .doc, .wps, .pdf, .png, .jpg and .json files can be imported."))
        return upload


class ConfirmForm(forms.Form):
    replace = forms.BooleanField(
        label=_("Replace the current content of the draft with the imported report"),
        required=False,
    )

    def __init__(self, *args, must_replace: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.must_replace = must_replace

    def clean_replace(self):
        replace = self.cleaned_data["replace"]
        if self.must_replace and not replace:
            raise forms.ValidationError(_("The draft already has content: confirm that it may be replaced."))
        return replace
