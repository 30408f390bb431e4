"""Template helpers of the review app: the comments on one section of a report."""
from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from reports.drafting.steps import dom_id
from reports.rules import Severity

from ..dashboard import STATUS_FILTERS
from ..selectors import section_comments as _section_comments

register = template.Library()


@register.filter
def severity_label(severity: str) -> str:
    return Severity(severity).label


@register.simple_tag
def section_comments(report, section: str):
    """`{% section_comments report "apply" as comments %}`: the comments on one section, oldest first.

    A comment on a cell carries the cell's label and the element id the wizard gives its input.
    """
    comments = list(_section_comments(report, section))
    for comment in comments:
        comment.cell_label = report.format.label_of(comment.cell) if comment.cell else ""
        comment.cell_anchor = dom_id(comment.cell) if comment.cell else ""
    return comments


_ROW = (
    '<tr{}><td>{}</td><td>{}</td><td><span class="badge status-{}">{}</span>{}</td>'
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
    labels = dict(STATUS_FILTERS)
    overdue_class = mark_safe(' class="review-overdue"')

    def cells(row):
        agency, overdue = row.agency, row.overdue
        checkbox = format_html(
            '<input class="form-check-input" type="checkbox" name="agency" value="{}" aria-label="{} {}"{}>',
            agency.pk, remind, agency.name, mark_safe(" checked") if overdue else "",
        ) if row.remindable else ""
        link = format_html('<a href="{}{}/{}/">{}</a>', report_prefix, agency.code, year, agency.name) \
            if row.report else agency.name
        days = format_html('<strong class="text-danger">{}</strong>', days_late % {"days": row.days_late}) \
            if overdue else row.days_left
        return (
            overdue_class if overdue else "", checkbox, link, row.status, labels[row.status],
            awaiting if row.awaiting_acceptance else "", row.last_change_text,
            "—" if row.errors is None else row.errors, stale if row.counts_stale else "",
            "—" if row.warnings is None else row.warnings, days, row.deadline_text,
        )

    return format_html_join("\n", _ROW, (cells(row) for row in rows))


@register.filter
def person(user) -> str:
    """Who did something: the user's name, or a plain word when nobody is on record (demo data,
    command-line imports, deleted users)."""
    if user is None:
        return _("nobody on record")
    return user.get_full_name() or user.username
