"""Template helpers of the review app: the comments on one section of a report."""
from html import escape

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from agencies.models import Role
from reports.drafting.steps import dom_id

from ..dashboard import STATUS_FILTERS
from ..selectors import section_comments as _section_comments

register = template.Library()


@register.simple_tag
def section_comments(report, section: str):
    """`{% section_comments report "apply" as comments %}`: the threads of one section, oldest first.

    A comment on a cell carries the cell's label and the element id the wizard gives its input.
    """
    comments = _section_comments(report, section)
    for comment in comments:
        comment.cell_label = report.format.label_of(comment.cell) if comment.cell else ""
        comment.cell_anchor = dom_id(comment.cell) if comment.cell else ""
    return comments


@register.simple_tag
def dashboard_table_rows(rows, report_prefix: str, year: int):
    """The dashboard's table rows, built here rather than in a template loop.

    A region can have thousands of agencies and the dashboard has a 300 ms budget: the template
    language (and format_html) spend several times what plain escaping and f-strings do here.
    Every value that is not a number goes through `escape`.
    """
    stale_title, awaiting_text = _("Counted on an earlier version"), _("awaiting acceptance")
    stale = f' <span class="text-muted" title="{escape(stale_title)}">*</span>'
    days_late, remind = _("%(days)d days late"), escape(_("Remind"))
    labels = {status: escape(str(label)) for status, label in STATUS_FILTERS}
    overdue_class = ' class="review-overdue"'
    awaiting = f' <span class="small text-muted">{escape(awaiting_text)}</span>'
    missing = {
        Role.EDITOR: _("No editor: nobody can write this report"),
        Role.APPROVER: _("No approver: the open government office approves"),
    }
    missing_badges = {
        role: f' <span class="badge text-bg-danger staffing-missing">{escape(str(text))}</span>'
        for role, text in missing.items()
    }
    returned_label, returned_by = escape(_("Returned")), _("returned by %(who)s")
    html = []
    for row in rows:
        agency, overdue = row.agency, row.overdue
        name = escape(agency.name)
        checkbox = (
            f'<input class="form-check-input" type="checkbox" name="agency" value="{agency.pk}" '
            f'aria-label="{remind} {name}"{" checked" if overdue else ""}>'
        ) if row.remindable else ""
        link = f'<a href="{escape(report_prefix)}{escape(agency.code)}/{year}/">{name}</a>' if row.report else name
        link += "".join(missing_badges[role] for role in row.missing_roles)
        status = (
            f'<span class="badge status-returned">{returned_label}</span> <span class="small text-muted">'
            f'{escape(returned_by % {"who": row.returned_by})}</span>'
        ) if row.returned_by else f'<span class="badge status-{row.status}">{labels[row.status]}</span>'
        errors, warnings = row.errors, row.warnings
        days = (
            f'<strong class="text-danger">{escape(days_late % {"days": row.days_late})}</strong>' if overdue
            else row.days_left
        )
        html.append(
            f'<tr{overdue_class if overdue else ""}><td>{checkbox}</td><td>{link}</td>'
            f'<td>{status}{awaiting if row.awaiting_acceptance else ""}</td>'
            f'<td class="text-nowrap">{row.last_change_text}</td>'
            f'<td class="text-end">{"—" if errors is None else errors}{stale if row.counts_stale else ""}</td>'
            f'<td class="text-end">{"—" if warnings is None else warnings}</td>'
            f'<td class="text-end">{days} <span class="text-muted small">({row.deadline_text})</span></td></tr>'
        )
    return mark_safe("\n".join(html))  # every inserted string is escaped above


@register.filter
def open_count(counts: dict, section: str) -> int:
    """`{{ open_comments|open_count:step.slug }}`: the comments of a section not yet dealt with."""
    return counts.get(section, 0) if counts else 0
