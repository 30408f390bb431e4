"""The format definitions against the statutory text (a copy of the spec in tests/fixtures/spec)."""
import re
from pathlib import Path

import pytest

from reports.formats import (
    FORMATS,
    GOV_2019,
    GOV_2021,
    HEAD,
    VALUE,
    UnknownFormat,
    format_for_year,
    get_format,
)

SPEC = (Path(__file__).parent / "fixtures" / "spec" / "statutory-format.md").read_text(encoding="utf-8")
CELL = re.compile(r"\[(?P<text>[^\[\]]+?)(?: span=(?P<span>\d+))?(?: rowspan=(?P<rowspan>\d+))?\]")


def code_block_after(heading: str) -> list[str]:
    start = SPEC.index(heading)
    block = SPEC[start:].split("```", 2)[1]
    return [line for line in block.splitlines() if line.strip()]


def parse_grid_line(line: str) -> list[tuple[str, int, int]]:
    """`[a span=2] b | c` -> [(text, colspan, rowspan), ...]."""
    cells = []
    for token in re.findall(r"\[[^\]]+\]|[^|\[\]]+", line):
        token = token.strip()
        if not token:
            continue
        match = CELL.fullmatch(token)
        if match:
            cells.append((match["text"].strip(), int(match["span"] or 1), int(match["rowspan"] or 1)))
        else:
            cells.append((token, 1, 1))
    return cells


def grid_of(table) -> list[list[tuple[str, int, int]]]:
    return [[(c.key if c.role == VALUE else c.text, c.colspan, c.rowspan) for c in row] for row in table.rows()]


def test_registry_maps_years_to_formats():
    assert format_for_year(2019) is GOV_2019
    assert format_for_year(2020) is GOV_2019
    for year in (2021, 2024, 2025, 2030):
        assert format_for_year(year) is GOV_2021
    with pytest.raises(UnknownFormat):
        format_for_year(2018)
    assert get_format("gov-2021") is GOV_2021
    with pytest.raises(UnknownFormat):
        get_format("gov-1999")


def test_value_counts_match_the_spec():
    assert len([k for k in GOV_2021.keys if k.startswith("apply.")]) == 175
    assert len([k for k in GOV_2019.keys if k.startswith("apply.")]) == 161
    assert len([k for k in GOV_2021.keys if k.startswith("appeal.")]) == 15


def test_active_table_2021_matches_spec_cell_for_cell():
    lines = code_block_after("### 表二 二、主动公开政府信息情况 — `gov-2021`")
    expected = [parse_grid_line(line) for line in lines]
    assert grid_of(GOV_2021.table("active")) == expected


def test_active_table_2019_labels_and_keys():
    lines = code_block_after("### 表二 — `gov-2019`")
    table = GOV_2019.table("active")
    texts = [c.text for row in table.rows() for c in row if c.role != VALUE]
    for line in lines:
        name, _, rest = line.strip().partition(":")
        parts = [p.strip() for p in rest.split("|")]
        if name.startswith("第二十条"):
            assert name in texts
            header_row = next(row for row in table.rows() if row[0].text == parts[0] and
                              [c.text for c in row] == parts)
            assert all(c.role == HEAD for c in header_row)
        else:
            row = next(row for row in table.rows() if row[0].text == name)
            assert [c.key for c in row[1:]] == parts


def test_apply_header_matches_spec():
    lines = code_block_after("Header, 3 rows on a 10-column grid")
    expected = [parse_grid_line(line) for line in lines]
    for fmt in FORMATS.values():
        assert [[(t, c, r) for t, c, r in row] for row in grid_of(fmt.table("apply"))[:3]] == expected


def apply_spec_rows():
    """(key or None, label, colspan, rowspan, gov-2019 note) from the 表三 rows block."""
    rows = []
    for line in code_block_after("Rows (key → label; the label cells' merges as in the official table)"):
        note = None
        if "(gov-2019" in line:
            line, note = line.split("(gov-2019", 1)
            if line.count("[") > line.count("]"):
                line = line.rstrip() + "]"
        match = re.match(r"\s*(?P<key>[a-z_.]+)?\s+(?P<label>.+?)\s*$", line)
        key, label = match["key"], match["label"]
        cell = CELL.fullmatch(label.strip())
        text, span, rowspan = (
            (cell["text"], int(cell["span"] or 1), int(cell["rowspan"] or 1)) if cell else (label.strip(), 1, 1)
        )
        rows.append((key, text, span, rowspan, note))
    return rows


@pytest.mark.parametrize("fmt", [GOV_2019, GOV_2021], ids=lambda f: f.id)
def test_apply_rows_match_spec(fmt):
    table = fmt.table("apply")
    label_cells = {(c.text, c.colspan, c.rowspan) for row in table.body for c in row if c.role != VALUE}
    row_keys = [f.row for f in table.fields][:: len(table.fields) // len(table.body)]
    spec = apply_spec_rows()
    for key, text, span, rowspan, note in spec:
        if fmt is GOV_2019 and text.startswith("三、本年度办理结果"):
            rowspan = int(re.search(r"rowspan=(\d+)", note).group(1))
        if fmt is GOV_2019 and (text.startswith("（六）其他处理") or (key or "").startswith("other.")):
            continue
        assert (text, span, rowspan) in label_cells, text
        if key:
            assert key in row_keys
    if fmt is GOV_2019:
        assert ("（六）其他处理", 2, 1) in label_cells
        assert "other" in row_keys
    # Rows appear in the official order.
    spec_keys = [k for k, *_ in spec if k]
    if fmt is GOV_2019:
        spec_keys = [k for k in spec_keys if not k.startswith("other.")]
        spec_keys.insert(spec_keys.index("total"), "other")
    assert row_keys == spec_keys


def test_apply_table_has_no_subtotals_and_uses_zongji():
    for fmt in FORMATS.values():
        texts = [c.text for row in fmt.table("apply").rows() for c in row]
        assert "合计" not in "".join(texts)
        assert "3.危及“三安全一稳定”" in texts


def test_appeal_table_matches_spec():
    lines = code_block_after("A 15-column grid, 4 rows")
    expected = [parse_grid_line(line) for line in lines[:3]]
    for fmt in FORMATS.values():
        grid = grid_of(fmt.table("appeal"))
        assert grid[:3] == expected
        groups = ["review", "suit_direct", "suit_after_review"]
        results = ["upheld", "corrected", "other", "pending", "total"]
        assert [key for key, _, _ in grid[3]] == [f"appeal.{g}.{r}" for g in groups for r in results]


def test_every_narrative_key_of_the_spec_is_defined():
    spec_keys = re.findall(r"^\| `(text\.[a-z_.]+)` \|", SPEC, re.MULTILINE)
    assert len(spec_keys) == 9
    for fmt in FORMATS.values():
        assert set(spec_keys) == set(fmt.text_keys)


def test_section_headings_are_exact():
    headings = code_block_after("## Sections (both versions)")
    for fmt in FORMATS.values():
        assert [s.heading for s in fmt.sections] == [h.strip() for h in headings]


def test_every_key_named_in_the_spec_exists():
    named = set(re.findall(r"`((?:active|apply|appeal)\.[a-z_.]+)`", SPEC))
    all_keys = set(GOV_2019.keys) | set(GOV_2021.keys)
    missing = {k for k in named if k not in all_keys and not k.endswith(".*") and "<" not in k}
    assert not missing - {"active.fees.amount"}


def test_grids_are_rectangular():
    for fmt in FORMATS.values():
        for table in fmt.tables:
            occupied = set()
            for r, row in enumerate(table.rows()):
                c = 0
                for cell in row:
                    while (r, c) in occupied:
                        c += 1
                    for dr in range(cell.rowspan):
                        for dc in range(cell.colspan):
                            occupied.add((r + dr, c + dc))
                    c += cell.colspan
            for r in range(len(table.rows())):
                assert {c for rr, c in occupied if rr == r} == set(range(table.columns)), (fmt.id, table.key, r)


def test_computed_cells_are_the_totals():
    for fmt in FORMATS.values():
        computed = {f.key for f in fmt.fields if f.computed}
        assert computed == {rule.target for rule in fmt.sums}
        assert "apply.carried_over.natural" not in computed


def test_help_text_names_the_article():
    assert "第三十七条" in GOV_2021.field("apply.partial.natural").help_text
    assert "第十五条" in GOV_2021.field("apply.denied.third_party.total").help_text
