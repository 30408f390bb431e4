"""`{{ user|person }}`: a person's name in Chinese order (see agencies.people)."""
from django import template

from ..people import person_name

register = template.Library()


@register.filter
def person(user) -> str:
    return person_name(user)
