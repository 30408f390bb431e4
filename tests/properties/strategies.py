"""What people type, paste and upload: realistic input, from clean numbers to pasted junk."""
from __future__ import annotations

from hypothesis import strategies as st

FULL_WIDTH = str.maketrans("0123456789+-.,", "０１２３４５６７８９＋－．，")

# Text that survives an HTTP form post (no lone surrogates: browsers send UTF-8).
postable_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=60)

chinese = st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=1, max_size=20)
markup = st.sampled_from([
    "<script>alert(1)</script>", "<b>12</b>", "</textarea><img src=x onerror=alert(1)>", "{{ 7|add:1 }}",
    "{% now 'Y' %}", "&lt;12&gt;", "'; DROP TABLE reports_report; --", "${7*7}",
])
controls = st.sampled_from(["\x00", "12\x00", "\x00\x00", "1\x0b2", "\x07", "\x1b[31m", "\ufeff12", "\u200b3"])
huge = st.integers(min_value=2**63 - 5, max_value=10**40) | st.integers(min_value=-(10**40), max_value=-(2**63))
very_long = st.sampled_from(["9" * 5000, "1" * 200, "１" * 4301, "1," * 3000 + "1", "字" * 20_000])


@st.composite
def grouped(draw, number: int) -> str:
    """A number written the way people paste it: thousands separators, full width, spaces around."""
    text = f"{number:,}"
    separator = draw(st.sampled_from([",", "，", " ", "'", "\u3000"]))
    text = text.replace(",", separator)
    if draw(st.booleans()):
        text = text.translate(FULL_WIDTH)
    padding = draw(st.sampled_from(["", " ", "\u3000", "\t", "\n"]))
    return padding + text + padding


def plain(number) -> st.SearchStrategy[str]:
    return st.just(str(number)) | st.just(str(number).translate(FULL_WIDTH))


decimals = st.decimals(min_value=-10**14, max_value=10**14, places=6, allow_nan=False, allow_infinity=False)

typed_value = st.one_of(
    st.integers(0, 10**6).flatmap(plain),
    st.integers(-10**6, 10**13).flatmap(grouped),
    st.integers(-10**13, 10**13).map(str),
    decimals.map(str),
    decimals.map(lambda d: str(d).translate(FULL_WIDTH)),
    huge.map(str),
    st.sampled_from(["", " ", "\u3000", "-", "+", ".", "1.", ".5", "1e3", "0x10", "Infinity", "NaN", "１２三",
                     "十二", "−5", "1.5000000", "2.00", "0", "-0", "00012", "1 234 567", "1,23", "1,2345"]),
    chinese, markup, controls, very_long, postable_text,
)

text_value = st.one_of(
    postable_text, chinese, markup, controls, very_long,
    st.lists(chinese, max_size=4).map("\r\n\r\n".join),
    st.just("   "),
)

title_value = st.one_of(
    st.just(""), chinese, markup, controls, postable_text, st.text("年报 ", min_size=190, max_size=260),
)

date_value = st.one_of(
    st.dates().map(lambda d: d.isoformat()),
    st.dates().map(lambda d: f"{d.year}年{d.month}月{d.day}日"),
    st.dates().map(lambda d: f"{d.year}年{d.month}月{d.day}日".translate(FULL_WIDTH)),
    st.sampled_from(["2025-02-30", "2025-13-01", "0000-01-01", "9999-12-31", "0001-01-01", "2025年2月30日",
                     "2025/01/20", "20250120", "2025-W03-1", "昨天", "", " ", "\x00", "2025-01-20\x00"]),
    postable_text,
)

version_value = st.one_of(
    st.integers(-3, 40).map(str), huge.map(str), st.sampled_from(["", "abc", "１", "9" * 5000, "\x00", "1.5"]),
)

# JSON values of every type, for documents with wrong types in any place.
json_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**20, 10**20), st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20), typed_value,
)
json_values = st.recursive(
    json_scalars,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=8,
)
