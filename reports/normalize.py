"""Turning what people type or paste into the number or text they mean.

Accepted: full-width digits and signs (`０１２`), thousands separators in groups
of three (`1,234`, `１，２３４`, `1 234`), surrounding spaces, and for amounts
trailing zeros beyond the allowed decimals (`1.50000`). Anything else is an
InvalidValue whose message names the cell by its row and column labels.

Texts keep every character a document can hold: line breaks become `\n`, and
characters that neither the database nor a DOCX can store are dropped.
"""
from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from .formats import AMOUNT, SIGNED, Field
from .rules import input as messages

# Values larger than this cannot be a count of anything in a report and would overflow the database.
MAX_COUNT = 10**12
MAX_AMOUNT = Decimal(10) ** 13

_GROUPED = re.compile(r"[+-]?\d{1,3}(?:[,' ]\d{3})+(?:\.\d*)?")
_INTEGER = re.compile(r"[+-]?\d+")
_DECIMAL = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")
# More digits than this is too large whatever they say (and int() refuses beyond 4300 of them).
_MAX_DIGITS = len(str(MAX_COUNT))
# NUL, control characters and lone surrogates: PostgreSQL refuses NUL, XML (DOCX) refuses them all.
_UNSTORABLE = re.compile("[\x00-\x08\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")


class InvalidValue(ValueError):
    def __init__(self, field: Field | None, raw: str, message: str):
        self.field, self.raw, self.message = field, raw, message
        super().__init__(message)


def _canonical(raw: str) -> str:
    # NFKC folds full-width digits, signs, the full-width comma and the ideographic space.
    text = unicodedata.normalize("NFKC", str(raw)).strip()
    text = text.replace("−", "-").replace("。", ".")
    if _GROUPED.fullmatch(text):
        text = re.sub(r"[,' ]", "", text)
    return text


def _text_of(raw) -> str:
    if isinstance(raw, bool):
        return "\0"  # never a number, whatever Python thinks
    if isinstance(raw, int | Decimal):
        return str(raw)
    if isinstance(raw, float):
        return repr(raw)
    return _canonical(raw)


def amount_text(value, decimals: int) -> str:
    """An amount as entered, never beyond the field's decimals: `0`, `96171.6`, `12.5600`."""
    amount = Decimal(value)
    if -amount.as_tuple().exponent > decimals:
        amount = amount.quantize(Decimal(1).scaleb(-decimals))
    return format(amount, "f")


def parse_value(field: Field, raw) -> int | Decimal | None:
    """Return the value `raw` means for `field`, None for blank; raise InvalidValue otherwise."""
    if raw is None:
        return None
    text = _text_of(raw)
    if text == "":
        return None
    args = {"cell": field.label, "raw": str(raw)[:40], "places": field.decimals}

    def invalid(message):
        return InvalidValue(field, str(raw), str(message) % args)

    if field.kind == AMOUNT:
        return _amount(field, text, invalid)
    if not _INTEGER.fullmatch(text):
        raise invalid(messages.NOT_WHOLE if _DECIMAL.fullmatch(text) else messages.NOT_A_NUMBER)
    if len(text.lstrip("+-").lstrip("0")) > _MAX_DIGITS:
        raise invalid(messages.TOO_LARGE)
    number = int(text)
    if number < 0 and field.kind != SIGNED:
        raise invalid(messages.NEGATIVE_COUNT)
    if abs(number) >= MAX_COUNT:
        raise invalid(messages.TOO_LARGE)
    return number


def _amount(field: Field, text: str, invalid) -> Decimal:
    if not _DECIMAL.fullmatch(text):
        raise invalid(messages.NOT_AN_AMOUNT)
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise invalid(messages.NOT_AN_AMOUNT) from None
    if amount < 0:
        raise invalid(messages.NEGATIVE_AMOUNT)
    if amount >= MAX_AMOUNT:
        raise invalid(messages.TOO_LARGE)
    places = Decimal(1).scaleb(-field.decimals)
    if amount != amount.quantize(places):
        raise invalid(messages.TOO_PRECISE)
    return amount.quantize(places) if -amount.as_tuple().exponent > field.decimals else amount


# The longest narrative text a report keeps. A whole annual report is 10,000–20,000 characters;
# one of its texts is far shorter. The limit keeps compare, checks and exports bounded.
TEXT_MAX_LENGTH = 20_000


def text_too_long(text: str) -> str:
    """The message for a text over TEXT_MAX_LENGTH, or "" when it fits."""
    if len(text) <= TEXT_MAX_LENGTH:
        return ""
    return messages.TEXT_TOO_LONG % {"limit": f"{TEXT_MAX_LENGTH:,}", "length": f"{len(text):,}"}


def normalize_text(raw) -> str:
    """A narrative text as stored: `\n` line breaks, no unstorable characters, no outer blanks."""
    text = _LINE_BREAKS.sub("\n", str(raw or ""))
    return _UNSTORABLE.sub("", text).strip()


def normalize_title(raw) -> str:
    """A title as stored: one line, single spaces."""
    return " ".join(normalize_text(raw).split())
