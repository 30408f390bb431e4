"""What an import keeps of a report's texts and title: what the wizard keeps of the same input."""
from __future__ import annotations

from django.utils.translation import gettext as _

from reports.models import Report
from reports.normalize import normalize_text, normalize_title, text_too_long

from .result import ImportRejected, ImportResult, Issue


def normalize_result(result: ImportResult) -> ImportResult:
    """Texts and title as they will be stored; a title too long to store gives way to the standard one."""
    data = result.data
    data.texts = {key: text for key, raw in data.texts.items() if (text := normalize_text(raw))}
    for text in data.texts.values():
        if message := text_too_long(text):
            raise ImportRejected(message)
    title = normalize_title(data.title)
    limit = Report._meta.get_field("title").max_length
    if len(title) > limit:
        result.warnings.append(Issue(title[:40] + "…", _(
            "The title is longer than %(limit)d characters; the standard title is used instead.") % {"limit": limit}))
        title = ""
    data.title = title
    return result
