"""A readable summary of an import, for the command line."""
from __future__ import annotations

from django.utils.translation import gettext as _

from .result import ImportResult


def result_summary(result: ImportResult) -> list[str]:
    data = result.data
    total = len(data.format.keys)
    lines = [
        _("Source: %(source)s") % {"source": result.source},
        _("Agency: %(agency)s") % {"agency": data.agency or _("(not found)")},
        _("Year: %(year)s, format: %(format)s") % {"year": data.year, "format": data.format.id},
        _("Title: %(title)s") % {"title": data.title or _("(not found)")},
        _("Signature date: %(date)s") % {"date": data.signed_on.isoformat() if data.signed_on else _("(not found)")},
        _("Values read: %(filled)d of %(total)d") % {"filled": result.filled_count, "total": total},
    ]
    texts = [f"{key} ({len(data.texts[key])})" for key in data.format.text_keys if data.texts.get(key)]
    lines.append(_("Texts: %(texts)s") % {"texts": "，".join(texts) or _("(none)")})
    if result.unmapped:
        lines.append(_("Not placed (%(count)d):") % {"count": len(result.unmapped)})
        lines += [f"  - {issue.message} ← {issue.source}" for issue in result.unmapped]
    if result.warnings:
        lines.append(_("To check (%(count)d):") % {"count": len(result.warnings)})
        lines += [f"  - {issue.message}" for issue in result.warnings]
    if result.findings:
        lines.append(_("Cross-checks (%(count)d):") % {"count": len(result.findings)})
        lines += [f"  - [{f.severity_label}] {f.rule}: {f.message}" for f in result.findings]
    else:
        lines.append(_("Cross-checks: no findings."))
    return lines
