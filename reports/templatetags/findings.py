"""Template filters for findings, shared by every app that lists them."""
from django import template

from reports.rules import Severity

register = template.Library()


@register.filter
def severity_label(severity: str) -> str:
    """`{{ finding.severity|severity_label }}`: 错误, 警告 or 提示, as Severity names them."""
    return Severity(severity).label
