"""How a person is named in the interface and in mail: Chinese order, family name first (王晓梅)."""
from __future__ import annotations


def person_name(user) -> str:
    """Family name then given name, without a space; the login name when neither is set; "" for nobody.

    Django's get_full_name() puts the given name first ("晓梅 王"), which is not how Chinese names read.
    """
    if user is None:
        return ""
    name = f"{user.last_name.strip()}{user.first_name.strip()}"
    return name or user.username
