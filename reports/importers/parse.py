"""From the lines of a published report to ImportResult: sections, tables, narrative, metadata."""
from __future__ import annotations

import re
from datetime import date

from django.utils.translation import gettext as _

from reports.data import ReportData
from reports.formats import FORMATS, ReportFormat, UnknownFormat, format_for_year

from .cell_lines import regroup_cells
from .lines import Line
from .misread import scan_review
from .narrative import OWN_HEADING as _OWN_HEADING
from .narrative import paragraphs, split_overview, split_signature
from .result import ImportRejected, ImportResult, Issue
from .sections import Outline, outline
from .tables import TableReader

_YEAR_IN_TITLE = re.compile(r"((?:19|20)\d{2})\s*年")
_YEAR_IN_TEXT = (
    re.compile(r"((?:19|20)\d{2})\s*年\s*度?\s*政府信息公开"),
    re.compile(r"统计期限自\s*((?:19|20)\d{2})\s*年"),
)
_LEVEL_START = "区县市镇乡省州旗盟"
_TEXT_SECTIONS = {"problems": "text.problems", "other": "text.other"}
# A format the year does not name wins only when its tables fit clearly better.
_SHAPE_MARGIN = 5


def _year(doc: Outline, lines: list[Line], given: int | None) -> int | None:
    if given:
        return given
    match = _YEAR_IN_TITLE.search(doc.title)
    if match:
        return int(match.group(1))
    text = "\n".join(line.text for line in lines)
    for pattern in _YEAR_IN_TEXT:
        match = pattern.search(text)
        if match:
            return int(match.group(1))
    return None


def _title_agency(title: str) -> str:
    match = _YEAR_IN_TITLE.search(title)
    name = title[: match.start()] if match else ""
    return name.strip("《》“”\"' ").removeprefix("关于")


def _complete_agency(name: str, text: str) -> str:
    """A title that dropped the place (`区信访局`) is completed from the text (`鼓楼区信访局`)."""
    if not name or name[0] not in _LEVEL_START:
        return name
    for match in re.finditer(r"([\u4e00-\u9fff]{2,4})" + re.escape(name), text):
        before = match.group(1)
        for n in (4, 3, 2):
            place = before[-n:]
            if len(place) == n and text.count(place + name[0]) >= 2:
                return place + name
    return name


def _score(reader: TableReader) -> int:
    return reader.placed_count - 3 * len(reader.unmapped)


def _read_tables(doc: Outline, fmt: ReportFormat, strays: list[Line]) -> TableReader:
    reader = TableReader(fmt)
    for section in fmt.sections:
        if section.table is None:
            continue
        for line in regroup_cells(doc.sections.get(section.key, [])):
            reader.feed(line, section.table.key)
    for line in strays:
        reader.feed(line, None)
    reader.finish()
    return reader


def _stray_table_rows(doc: Outline) -> list[Line]:
    """Rows of real tables (DOCX, PDF, web page) that ended up in a narrative section, its heading being lost."""
    strays = []
    for key in ("overview", *_TEXT_SECTIONS):
        if key in doc.sections:
            strays += [line for line in doc.sections[key] if line.tabular]
            doc.sections[key] = [line for line in doc.sections[key] if not line.tabular]
    return strays


def _choose_format(doc: Outline, year: int, warnings: list[Issue]) -> tuple[ReportFormat, TableReader]:
    try:
        by_year = format_for_year(year)
    except UnknownFormat:
        raise ImportRejected(_("No report format covers the year %(year)s.") % {"year": year}) from None
    strays = _stray_table_rows(doc)
    readers = {fid: _read_tables(doc, fmt, strays) for fid, fmt in FORMATS.items()}
    best = max(readers, key=lambda fid: _score(readers[fid]))
    if best != by_year.id and _score(readers[best]) > _score(readers[by_year.id]) + _SHAPE_MARGIN:
        warnings.append(Issue("", _("The tables have the shape of format %(found)s, not %(expected)s of the year %(year)s.")
                              % {"found": best, "expected": by_year.id, "year": year}))
        return FORMATS[best], readers[best]
    return by_year, readers[by_year.id]


def _has_tables(doc: Outline, year: int) -> bool:
    """Whether statutory tables stand in a report that names none of its sections as the format does."""
    try:
        fmt = format_for_year(year)
    except UnknownFormat:
        return False
    return any(s.key in doc.sections for s in fmt.sections if s.table is not None) and _read_tables(doc, fmt, []).placed_count > 0


def _own_headings(doc: Outline) -> list[Issue]:
    """A report with headings of its own: say where its narrative went, for the editor to check."""
    missing = [name for key, name in (("overview", "一、总体情况"), ("problems", "五、存在的主要问题及改进情况"),
                                      ("other", "六、其他需要报告的事项")) if key not in doc.sections]
    own = [line.text for key in ("overview",) for line in doc.sections.get(key, [])
           if not line.tabular and _OWN_HEADING.match(line.text)]
    issues = []
    if missing:
        issues.append(Issue("", _("Sections not found under their statutory headings: %(names)s; "
                                  "text before the tables was kept in the preamble.") % {"names": "、".join(missing)}))
    if own:
        issues.append(Issue("；".join(own), _("The report uses headings of its own; their text was placed by "
                                             "topic under 一、总体情况 where the heading says which, else kept "
                                             "in its lead: check it.")))
    return issues


def _texts(doc: Outline) -> tuple[dict[str, str], str, date | None]:
    texts: dict[str, str] = {}
    preamble = paragraphs(doc.preamble)
    if preamble:
        texts["text.preamble"] = "\n\n".join(preamble)
    texts.update(split_overview(paragraphs(doc.sections.get("overview", []))))
    last_key = next((k for k in ("other", "problems") if k in doc.sections), None)
    signer, signed_on = "", None
    for key, text_key in _TEXT_SECTIONS.items():
        paras = paragraphs(doc.sections.get(key, []))
        if key == last_key:
            paras, signer, signed_on = split_signature(paras)
        if paras:
            texts[text_key] = "\n\n".join(paras)
    return texts, signer, signed_on


def parse_lines(lines: list[Line], *, source: str, year: int | None = None, agency: str = "",
                fallback_year: int | None = None) -> ImportResult:
    """Read a report; raise ImportRejected when the lines are not a report.

    `year` overrides what the file says; `fallback_year` is used only when the file says nothing.
    """
    doc = outline(lines, FORMATS["gov-2021"])
    found_year = _year(doc, lines, year) or fallback_year
    if len(doc.sections) < 2 and (found_year is None or not _has_tables(doc, found_year)):
        raise ImportRejected(_("This is not an annual report on government information disclosure: "
                               "its sections (一、总体情况 … 六、其他需要报告的事项) were not found."))
    if found_year is None:
        raise ImportRejected(_("The report year could not be found in the file; give it with --year."))
    warnings: list[Issue] = []
    fmt, reader = _choose_format(doc, found_year, warnings)
    warnings += _own_headings(doc)
    if any(line.scanned for line in lines):
        checked, unplaced = scan_review(fmt, reader.cells)
        warnings += checked
        reader.unmapped += unplaced
    texts, signer, signed_on = _texts(doc)
    named = _title_agency(doc.title) or signer
    if agency and named and named not in agency:
        warnings.append(Issue(doc.title, _("The file names the agency “%(found)s”, imported for “%(name)s”.")
                              % {"found": named, "name": agency}))
    if not agency:
        agency = named
        completed = _complete_agency(agency, "\n".join(line.text for line in lines))
        if completed != agency:
            warnings.append(Issue(doc.title, _("The agency name “%(found)s” was completed from the text as “%(name)s”.")
                                  % {"found": agency, "name": completed}))
            agency = completed
    data = ReportData(format=fmt, year=found_year, agency=agency, title=doc.title, signed_on=signed_on,
                      texts=texts, cells=dict(reader.cells))
    return ImportResult(data=data, source=source, unmapped=reader.unmapped, warnings=warnings + reader.warnings)
