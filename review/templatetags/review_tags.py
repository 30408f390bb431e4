"""Template helpers of the review app: the comments on one section of a report, the dashboard's rows."""
from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from agencies.models import Role
from reports.drafting.steps import dom_id

from ..dashboard import STATUS_FILTERS
from ..selectors import CommentThreads
from ..selectors import section_comments as _section_comments

register = template.Library()


@register.simple_tag
def section_comments(report, section: str, threads=None):
    """`{% section_comments report "apply" threads as comments %}`: the threads of one section, oldest first,
    from `threads` (a CommentThreads the view read already) or else read here.

    A comment on a cell carries the cell's label and the element id the wizard gives its input.
    """
    comments = threads.of_section(section) if isinstance(threads, CommentThreads) else _section_comments(report, section)
    for comment in comments:
        comment.cell_label = report.format.label_of(comment.cell) if comment.cell else ""
        comment.cell_anchor = dom_id(comment.cell) if comment.cell else ""
    return comments


_ROW = (
    '<tr{}><td>{}</td><td>{}{}</td><td>{}{}</td>'
    '<td class="text-nowrap">{}</td><td class="text-end">{}{}</td><td class="text-end">{}</td>'
    '<td class="text-end">{} <span class="text-muted small">({})</span></td></tr>'
)


@register.simple_tag
def dashboard_table_rows(rows, report_prefix: str, year: int):
    """The dashboard's table rows, built here rather than in a template loop.

    A region can have thousands of agencies: one format_html per cell that varies costs a
    fraction of an included template per row.
    """
    stale = format_html(' <span class="text-muted" title="{}">*</span>', _("Counted on an earlier version"))
    awaiting = format_html(' <span class="small text-muted">{}</span>', _("awaiting acceptance"))
    days_late, remind = _("%(days)d days late"), _("Remind")
    statuses = {status: format_html('<span class="badge status-{}">{}</span>', status, label)
                for status, label in STATUS_FILTERS}
    overdue_class = mark_safe(' class="review-overdue"')
    missing_badges = {
        role: format_html(' <span class="badge text-bg-danger staffing-missing">{}</span>', text)
        for role, text in ((Role.EDITOR, _("No editor: nobody can write this report")),
                           (Role.APPROVER, _("No approver: the open government office approves")))
    }
    returned_label, returned_by = _("Returned"), _("returned by %(who)s")

    def cells(row):
        agency, overdue = row.agency, row.overdue
        checkbox = format_html(
            '<input class="form-check-input" type="checkbox" name="agency" value="{}" aria-label="{} {}"{}>',
            agency.pk, remind, agency.name, mark_safe(" checked") if overdue else "",
        ) if row.remindable else ""
        link = format_html('<a href="{}{}/{}/">{}</a>', report_prefix, agency.code, year, agency.name) \
            if row.report else agency.name
        status = format_html(
            '<span class="badge status-returned">{}</span> <span class="small text-muted">{}</span>',
            returned_label, returned_by % {"who": row.returned_by},
        ) if row.returned_by else statuses[row.status]
        days = format_html('<strong class="text-danger">{}</strong>', days_late % {"days": row.days_late}) \
            if overdue else row.days_left
        return (
            overdue_class if overdue else "", checkbox, link,
            mark_safe("".join(missing_badges[role] for role in row.missing_roles)),
            status, awaiting if row.awaiting_acceptance else "", row.last_change_text,
            "—" if row.errors is None else row.errors, stale if row.counts_stale else "",
            "—" if row.warnings is None else row.warnings, days, row.deadline_text,
        )

    return format_html_join("\n", _ROW, (cells(row) for row in rows))


@register.filter
def open_count(counts: dict, section: str) -> int:
    """`{{ open_comments|open_count:step.slug }}`: the comments of a section not yet dealt with."""
    return counts.get(section, 0) if counts else 0
