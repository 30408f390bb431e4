"""Turning what people type or paste into the number they mean.

Full-width digits, thousands separators (`,` `，` and spaces) and surrounding
spaces are accepted; anything else is an InvalidValue naming the cell.
"""
from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from .formats import AMOUNT, SIGNED, Field

# Values larger than this cannot be a count of anything in a report and would overflow the database.
MAX_COUNT = 10**12

_SEPARATORS = re.compile(r"[,，\s\u3000']")
_INTEGER = re.compile(r"[+-]?\d+")
_DECIMAL = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")


class InvalidValue(ValueError):
    def __init__(self, field: Field | None, raw: str, message: str):
        self.field, self.raw, self.message = field, raw, message
        super().__init__(message)


def _canonical(raw: str) -> str:
    # NFKC folds full-width digits, signs and the full-width full stop.
    text = unicodedata.normalize("NFKC", str(raw)).strip()
    text = text.replace("－", "-").replace("−", "-").replace("。", ".")
    return _SEPARATORS.sub("", text)


def parse_value(field: Field, raw) -> int | Decimal | None:
    """Return the value `raw` means for `field`, None for blank; raise InvalidValue otherwise."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise InvalidValue(field, str(raw), _("%(cell)s: “%(raw)s” is not a number.") % _args(field, raw))
    if isinstance(raw, int | Decimal) and not isinstance(raw, bool):
        text = str(raw)
    elif isinstance(raw, float):
        text = repr(raw)
    else:
        text = _canonical(raw)
    if text == "":
        return None
    args = _args(field, raw)
    if field.kind == AMOUNT:
        if not _DECIMAL.fullmatch(text):
            raise InvalidValue(field, str(raw), _("%(cell)s: “%(raw)s” is not an amount.") % args)
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise InvalidValue(field, str(raw), _("%(cell)s: “%(raw)s” is not an amount.") % args) from None
        if amount < 0:
            raise InvalidValue(field, str(raw), _("%(cell)s: the amount cannot be negative.") % args)
        if -amount.as_tuple().exponent > field.decimals:
            raise InvalidValue(
                field,
                str(raw),
                _("%(cell)s: at most %(places)d decimal places (10,000 yuan).") % {**args, "places": field.decimals},
            )
        if amount >= Decimal(10) ** 13:
            raise InvalidValue(field, str(raw), _("%(cell)s: “%(raw)s” is too large.") % args)
        return amount
    if not _INTEGER.fullmatch(text):
        if _DECIMAL.fullmatch(text):
            raise InvalidValue(field, str(raw), _("%(cell)s: “%(raw)s” is not a whole number.") % args)
        raise InvalidValue(field, str(raw), _("%(cell)s: “%(raw)s” is not a number.") % args)
    number = int(text)
    if number < 0 and field.kind != SIGNED:
        raise InvalidValue(field, str(raw), _("%(cell)s: the count cannot be negative.") % args)
    if abs(number) >= MAX_COUNT:
        raise InvalidValue(field, str(raw), _("%(cell)s: “%(raw)s” is too large.") % args)
    return number


def _args(field: Field, raw) -> dict:
    return {"cell": field.label, "raw": str(raw)[:40]}
