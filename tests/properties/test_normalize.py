"""reports.normalize: any input gives a storable value or an InvalidValue naming the cell, nothing else."""
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from reports.drafting.services import display_value
from reports.formats import AMOUNT, FORMATS, SIGNED
from reports.normalize import InvalidValue, normalize_text, parse_value

from .conftest import examples
from .strategies import grouped, json_scalars, typed_value

FIELDS = sorted({f.kind: f for fmt in FORMATS.values() for f in fmt.fields}.values(), key=lambda f: f.kind)
fields = st.sampled_from(FIELDS)
anything = st.one_of(typed_value, json_scalars, st.text(), st.decimals(), st.lists(st.integers(), max_size=2))


def storable(field, value) -> bool:
    """What the database columns take: BigIntegerField, DecimalField(max_digits=18, decimal_places=4)."""
    if field.kind == AMOUNT:
        sign, digits, exponent = value.as_tuple()
        return not sign and -exponent <= field.decimals and len(digits) + max(exponent, 0) <= 18 - 4
    return (field.kind == SIGNED or value >= 0) and -(2**63) <= value < 2**63


@examples(400)
@given(fields, anything)
def test_any_input_is_a_storable_value_or_an_invalid_value_naming_the_cell(field, raw):
    try:
        value = parse_value(field, raw)
    except InvalidValue as exc:
        assert exc.message.startswith(field.label) and len(exc.message) < len(field.label) + 120
        return
    assert value is None or storable(field, value)


@examples(200)
@given(fields, typed_value)
def test_an_accepted_value_reads_back_from_how_it_is_shown(field, raw):
    try:
        value = parse_value(field, raw)
    except InvalidValue:
        return
    assert parse_value(field, display_value(value)) == value


@examples(150)
@given(st.sampled_from([f for f in FIELDS if f.kind != AMOUNT]), st.integers(0, 10**11), st.data())
def test_a_count_pasted_with_separators_or_full_width_digits_is_the_same_count(field, number, data):
    assert parse_value(field, data.draw(grouped(number))) == number


@examples(100)
@given(st.sampled_from([f for f in FIELDS if f.kind == AMOUNT]), st.decimals(0, 10**12, places=4))
def test_an_amount_keeps_its_exact_value(field, amount):
    assert parse_value(field, str(amount)) == amount
    assert parse_value(field, f"{amount:,}") == amount
    assert isinstance(parse_value(field, str(amount)), Decimal)


@examples(200)
@given(st.text())
def test_normalize_text_keeps_no_character_that_a_database_or_a_document_refuses(raw):
    text = normalize_text(raw)
    assert text == text.strip()
    assert "\r" not in text and "\x00" not in text
    assert all(c in "\n\t" or ord(c) >= 32 for c in text)
    assert not any(0xD800 <= ord(c) <= 0xDFFF for c in text)
    assert normalize_text(text) == text
