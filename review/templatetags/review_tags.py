"""Template helpers of the review app: the comments on one section of a report."""
from django import template

from ..sections import key_label
from ..selectors import section_comments as _section_comments

register = template.Library()


@register.simple_tag
def section_comments(report, section: str):
    """`{% section_comments report "apply" as comments %}`: the comments on one section, oldest first.

    A comment on a cell carries the cell's label and the element id the wizard gives its input.
    """
    comments = list(_section_comments(report, section))
    for comment in comments:
        if comment.cell:
            comment.cell_label = key_label(report.format, comment.cell)
            comment.cell_anchor = "f-" + comment.cell.replace(".", "-")
    return comments
