"""Spreadsheet exports: one obvious way to write a table a clerk will open in Excel/WPS.

Every sheet gets a bold frozen header, filters, sensible column widths, and cells that cannot
run as formulas (CSV/formula injection: text starting with ``= + - @``, tab or CR is prefixed
with an apostrophe, as OWASP recommends). A sheet meant to be filled in (a template) names its
``editable`` columns: the sheet is protected and only those cells of the data rows are
unlocked; ``choices`` become drop-down lists and ``decimals`` accept numbers only (Excel's data
validation, ECMA-376 Part 1 §18.3.1.32).
"""

from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Iterable, Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from ecoplan.reports.official import MARK_COLOURS

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
MAX_WIDTH = 60
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
EDITABLE_FILL = PatternFill("solid", fgColor="FFF9E5")
DECIMAL_LIMIT = "1E+15"


@dataclass(frozen=True)
class ColumnGroup:
    """For the print view (A4 landscape): the columns from ``start`` on, one per ``short`` name,
    under ``label`` in a two-row header, each headed by its ``short`` name (the .xlsx keeps the
    full column names, which a filter or a formula refers to)."""

    start: int
    label: str
    short: tuple[str, ...]


@dataclass
class Sheet:
    """One worksheet: a title, header names and rows of plain values."""

    title: str
    columns: Sequence[str]
    rows: Iterable[Sequence[Any]]
    widths: Sequence[int] | None = None
    wrap: set[int] = field(default_factory=set)
    """0-based indexes of columns whose text wraps (long narratives)."""
    marks: Sequence[Sequence[str]] | None = None
    """Per data cell a key of ``official.MARK_COLOURS`` or ``""``: the cell gets that solid fill."""
    number_formats: dict[int, str] = field(default_factory=dict)
    """0-based column index → Excel number format of its data cells (e.g. ``"0.0"`` keeps 50.0)."""
    editable: set[int] = field(default_factory=set)
    """0-based indexes of columns to fill in; when any, the sheet is protected and only these
    columns' data cells are unlocked (and shaded)."""
    choices: dict[int, Sequence[str]] = field(default_factory=dict)
    """Column index → its allowed values, offered as a drop-down list."""
    decimals: set[int] = field(default_factory=set)
    """0-based indexes of columns that accept only a decimal number."""
    groups: Sequence[ColumnGroup] = ()
    """The print view's grouped header (:class:`ColumnGroup`); the .xlsx ignores it."""
    legend: str = ""
    """A line the print view shows under the sheet's title (units, what short headers mean)."""


def neutralise(value: Any) -> Any:
    """Return ``value`` safe for a spreadsheet cell: text that would start a formula is prefixed with ``'``."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def display_width(text: str) -> int:
    """Width in Excel character units: CJK (wide) characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cell_value(value: Any) -> Any:
    if value is None or isinstance(value, (int, float, date, datetime)):
        return value
    if isinstance(value, (list, tuple, set)):
        value = "、".join(str(v) for v in value)
    return neutralise(str(value))


def write_workbook(sheets: Sequence[Sheet], path: str | Path | None = None) -> bytes | None:
    """Write ``sheets`` to ``path`` (or return the .xlsx bytes when ``path`` is None)."""
    wb = Workbook()
    wb.remove(wb.active)
    for spec in sheets:
        _write_sheet(wb.create_sheet(title=spec.title[:31]), spec)
    if path is not None:
        wb.save(path)
        return None
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def column_widths(columns: Sequence[str], rows: Sequence[Sequence[Any]], given: Sequence[int] | None = None) -> list[int]:
    """Column widths in Excel character units: ``given``, else the widest header or cell, kept
    between 6 and :data:`MAX_WIDTH` (the HTML print view shares them as proportions)."""
    widths = list(given) if given else [display_width(str(c)) for c in columns]
    if not given:
        for values in rows:
            for i, v in enumerate(values[: len(widths)]):
                if v is not None:
                    widths[i] = max(widths[i], display_width(str(v)))
    return [min(MAX_WIDTH, max(6, width + 2)) for width in widths]


def _write_sheet(ws, spec: Sheet) -> None:
    ws.append([_cell_value(c) for c in spec.columns])
    rows = [[_cell_value(v) for v in row] for row in spec.rows]
    for values in rows:
        ws.append(values)
    n_rows = 1 + len(rows)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center")
    for i, width in enumerate(column_widths(spec.columns, rows, spec.widths)):
        ws.column_dimensions[get_column_letter(i + 1)].width = width
    _fill_marks(ws, spec.marks)
    for i, number_format in spec.number_formats.items():
        for (cell,) in ws.iter_rows(min_row=2, min_col=i + 1, max_col=i + 1):
            cell.number_format = number_format
    for i in spec.wrap:
        for (cell,) in ws.iter_rows(min_row=2, min_col=i + 1, max_col=i + 1):
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    if spec.columns:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(spec.columns))}{max(n_rows, 1)}"
    if spec.editable:
        _protect(ws, spec, n_rows)


def _fill_marks(ws, marks: Sequence[Sequence[str]] | None) -> None:
    for r, row in enumerate(marks or (), start=2):
        for c, mark in enumerate(row, start=1):
            if mark:
                ws.cell(row=r, column=c).fill = PatternFill("solid", fgColor=MARK_COLOURS[mark])


def _protect(ws, spec: Sheet, n_rows: int) -> None:
    """Lock the sheet except the editable columns' data cells; add drop-downs and number checks."""
    for i in spec.editable:
        for (cell,) in ws.iter_rows(min_row=2, max_row=n_rows, min_col=i + 1, max_col=i + 1):
            cell.protection = Protection(locked=False)
            cell.fill = EDITABLE_FILL
    for i, values in spec.choices.items():
        listed = ",".join(str(v).replace('"', "") for v in values)
        _validate(ws, i, n_rows, DataValidation(type="list", formula1=f'"{listed}"',
                                                allow_blank=True, error="请从下拉列表中选择"))
    for i in spec.decimals:
        _validate(ws, i, n_rows, DataValidation(type="decimal", operator="between",
                                                formula1=f"-{DECIMAL_LIMIT}",
                                                formula2=DECIMAL_LIMIT, allow_blank=True,
                                                error="请填写数字"))
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    ws.protection.autoFilter = False
    ws.protection.sheet = True


def _validate(ws, column: int, n_rows: int, rule: DataValidation) -> None:
    rule.showErrorMessage = True
    rule.errorTitle = "输入无效"
    letter = get_column_letter(column + 1)
    rule.add(f"{letter}2:{letter}{max(n_rows, 2)}")
    ws.add_data_validation(rule)
