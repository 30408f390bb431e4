"""`{{ user|person }}`: a person's name in Chinese order (see agencies.people)."""
from django import template
from django.utils.translation import gettext as _

from ..people import person_name

register = template.Library()


@register.filter
def person(user) -> str:
    """Nobody on record (demo data, command-line imports, deleted users) is said so, not left blank."""
    return person_name(user) if user is not None else _("nobody on record")
