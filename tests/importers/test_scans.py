"""Scanned reports read by text recognition: each value in its cell, doubtful ones flagged, none wrong."""
import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command

from reports.formats import get_format
from reports.importers.misread import misread_warnings, one_digit_apart, scan_review
from reports.importers.reading import needs_recognition
from reports.interchange import to_json

from .samples import sample_data
from .shapes import image_pdf, scanned_page

# The keys printed on page 2 of the export that a sum checks: the rows of 表三 down to （三）3 (表二's values,
# which no sum checks, are shown for the editor to enter, never placed from a scan).
PAGE_2 = ("apply.new.", "apply.carried_in.", "apply.granted.", "apply.partial.", "apply.denied.secret.",
          "apply.denied.prohibited.", "apply.denied.security.")
# A value read with doubt is left for a person (reported, not placed): most are read, none is wrong.
MIN_RECALL = 0.8


def _on_page(cells: dict) -> dict:
    return {k: v for k, v in cells.items() if k.startswith(PAGE_2)}


@pytest.fixture(scope="module")
def scan():
    data = sample_data()
    return data, scanned_page(data)


@pytest.mark.parametrize("kind", ["png", "pdf"])
def test_scanned_page_gives_every_value_on_it_and_none_wrong(tmp_path, scan, kind):
    data, png = scan
    content = png if kind == "png" else image_pdf(png)
    assert needs_recognition(content)
    path = tmp_path / f"scan.{kind}"
    path.write_bytes(content)
    out = io.StringIO()
    call_command("import_report", str(path), year=data.year, json=True, stdout=out)
    doc = json.loads(out.getvalue())
    expected = to_json(data)["cells"]
    on_page = _on_page(expected)
    read = {k: v for k, v in doc["cells"].items() if v is not None}
    assert all(read[k] == expected[k] for k in read)  # nothing wrong anywhere
    assert len(set(read) & set(on_page)) >= MIN_RECALL * len(on_page)
    assert set(read) <= set(on_page)
    assert not any(k.startswith("active.") for k in read)
    assert any("active.fees.amount" in issue.get("keys", ()) for issue in doc["unmapped"])


def test_one_digit_apart():
    assert one_digit_apart(Decimal(18), Decimal(13))
    assert one_digit_apart(Decimal(118), Decimal(18))
    assert not one_digit_apart(Decimal(18), Decimal(31))
    assert not one_digit_apart(Decimal(5), Decimal(5))


def test_a_failing_sum_names_the_cells_one_misread_would_explain():
    fmt = get_format("gov-2021")
    cells = {f"apply.new.{c}": v for c, v in zip(
        ("natural", "business", "research", "nonprofit", "legal", "other", "total"), (118, 231, 0, 0, 0, 0, 344),
        strict=True)}
    issues = [i for i in misread_warnings(fmt, cells) if "apply.new.total" in i.keys]
    assert issues[0].suspects
    # 118 + 231 = 349: 344 read for 349, or 118 read for 113; 231 for 226 takes two digits, a 0 for -5 none.
    assert issues and set(issues[0].keys) == {"apply.new.natural", "apply.new.total"}


def test_cells_a_misread_would_explain_and_signed_changes_are_left_for_the_editor():
    fmt = get_format("gov-2019")
    cells = {f"apply.new.{c}": v for c, v in zip(
        ("natural", "business", "research", "nonprofit", "legal", "other", "total"), (118, 231, 0, 0, 0, 0, 344),
        strict=True)}
    cells["active.license.change"] = 8
    _warnings, unplaced = scan_review(fmt, cells)
    assert {i.keys[0] for i in unplaced} == {"apply.new.natural", "apply.new.total", "active.license.change"}
    assert cells == {"apply.new.business": 231, **{f"apply.new.{c}": 0 for c in ("research", "nonprofit", "legal",
                                                                                "other")}}
