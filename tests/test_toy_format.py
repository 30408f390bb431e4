"""A made-up format, registered the way a new national format is (docs/architecture.md), reaches every part
derived from the format: the wizard's steps, the rules, the exports and the importers."""
from __future__ import annotations

import pytest

from reports.drafting.grid import entry_grid
from reports.drafting.steps import step_for, steps_for
from reports.exports.document import document_build
from reports.exports.word import document_docx
from reports.formats import FORMATS, ReportFormat, common, format_for_year
from reports.importers.services import import_parse
from reports.rules import evaluate

from .importers.samples import sample_data

INSPECTION = "active.inspection.decided"
INSPECTION_ROW, INSPECTION_COLUMN = "行政检查", "本年检查次数"

APPLY = common.apply_table(common.OTHER_HANDLING_2021)
TOY = ReportFormat(
    id="toy-2099",
    name="政府信息公开工作年度报告格式（示例修订）",
    issued_by="示例",
    first_year=2099,
    last_year=None,
    sections=common.sections(
        common.active_table([
            common.active_block(
                "第二十条第（一）项",
                [("issued", "本年制发件数", 1), ("repealed", "本年废止件数", 1), ("in_force", "现行有效件数", 1)],
                [("rules", "规章"), ("normative", "行政规范性文件")],
            ),
            common.active_block(
                "第二十条第（十）项", [("decided", INSPECTION_COLUMN, 3)], [("inspection", INSPECTION_ROW)]
            ),
        ]),
        APPLY,
    ),
    preamble=common.PREAMBLE,
    sums=common.apply_sums(APPLY) + common.appeal_sums(),
)


@pytest.fixture
def toy():
    """TOY first in the registry, as a revision's module is once the previous format gets its last year."""
    saved = dict(FORMATS)
    FORMATS.clear()
    FORMATS[TOY.id] = TOY
    FORMATS.update(saved)
    yield TOY
    FORMATS.clear()
    FORMATS.update(saved)


def toy_data():
    return sample_data(TOY.id, 2099)


def test_the_registry_gives_the_toy_its_years(toy):
    assert format_for_year(2099) is toy
    assert format_for_year(2098).id == "gov-2021"


def test_a_step_shows_the_new_row(toy):
    assert [s.slug for s in steps_for(toy)] == ["cover", "overview", "active", "apply", "appeal", "problems",
                                                "other", "check"]
    step = step_for(toy, "active")
    assert INSPECTION in step.input_keys
    assert INSPECTION in entry_grid(step.table).positions().values()


def test_a_rule_names_the_new_cell_by_its_labels(toy):
    data = toy_data()
    data.cells[INSPECTION] = -3
    about = [f for f in evaluate(data) if INSPECTION in f.cells]
    assert about and all(INSPECTION_ROW in f.message for f in about)


def test_an_export_prints_it_and_an_import_reads_it_back(toy, monkeypatch):
    # The toy format is registered in this process only; the limited reading process would not know it.
    monkeypatch.setattr("reports.importers.services.run_isolated",
                        lambda function, *args, progress=None, scan=False, **kwargs: function(*args, **kwargs))
    data = toy_data()
    document = document_build(data, draft=False)
    (active,) = [t for t in document.tables if t.key == "active"]
    texts = [c.text for row in active.rows for c in row]
    assert INSPECTION_ROW in texts and INSPECTION_COLUMN in texts and str(data.cells[INSPECTION]) in texts

    result = import_parse(document_docx(document), source="toy.docx")
    assert result.data.format is toy
    assert result.data.cells[INSPECTION] == data.cells[INSPECTION]
    assert result.data.cells == data.cells
