"""What the import page shows of an ImportResult: values by table and row, texts, problems."""
from __future__ import annotations

from dataclasses import dataclass

from reports.formats import AMOUNT

from .result import ImportResult


@dataclass(frozen=True)
class ValueRow:
    label: str
    values: tuple[tuple[str, str | None], ...]  # (column label, printed value or None for blank)


def _printed(field, value) -> str | None:
    if value is None:
        return None
    return f"{value:.{field.decimals}f}" if field.kind == AMOUNT else str(value)


def value_tables(result: ImportResult) -> list[tuple[str, list[ValueRow]]]:
    data = result.data
    tables = []
    for section in data.format.sections:
        if section.table is None:
            continue
        rows: dict[str, list] = {}
        for field in section.table.fields:
            rows.setdefault(field.row_label, []).append((field.column_label, _printed(field, data.value(field.key))))
        tables.append((section.heading, [ValueRow(label, tuple(values)) for label, values in rows.items()]))
    return tables


def preview_context(result: ImportResult) -> dict:
    data = result.data
    labels = {t.key: t.label for t in data.format.text_fields}
    return {
        "result": result,
        "data": data,
        "value_tables": value_tables(result),
        "texts": [(labels[key], data.texts[key]) for key in data.format.text_keys if data.texts.get(key)],
        "filled": result.filled_count,
        "total": len(data.format.keys),
    }
