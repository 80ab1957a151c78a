"""HTML print view of spreadsheet tables: the same :class:`~ecoplan.reports.xlsx.Sheet` s as the
.xlsx export, laid out for A4 landscape paper.

One template (``templates/tables.html``): a title with the period and the time it was made,
then each sheet as a table whose header row repeats on every printed page (``thead`` is a
table-header-group), rows never split across pages, each sheet after the first on a new page.
Cells are shown as a spreadsheet application shows the .xlsx cells: numbers in ``General``
(or the sheet's number format), dates as ``YYYY-MM-DD``, lists joined with “、”. No formula
neutralising here: the text is HTML-escaped instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Sequence

from jinja2 import Environment, FileSystemLoader, select_autoescape

from ecoplan.reports.html import TEMPLATES
from ecoplan.reports.official import MARK_COLOURS
from ecoplan.reports.xlsx import ColumnGroup, Sheet, column_widths

DENSE_COLUMNS = 10
"""A sheet with more columns prints in a smaller font (A4 landscape leaves 277 mm)."""
GENERAL_DIGITS = 10
"""Significant digits of a number in Excel's ``General`` format (as wide as a default column)."""

_env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]),
                   trim_blocks=True, lstrip_blocks=True)


@dataclass(frozen=True)
class PrintHeader:
    """What the print view says above the tables (the sheets carry no period or time)."""

    title: str
    period: str
    """The period or moment the rows describe, e.g. “2023年第二季度” or “截至2023-07-10”."""
    generated: str
    """When the view was made, as the reader's clock says it (the caller picks the time zone)."""
    filters: str = ""
    notes: Sequence[str] = ()


def format_number(value: int | float, number_format: str = "") -> str:
    """``value`` as a cell with ``number_format`` shows it: ``"0.0"`` → one decimal,
    ``"+0;-0;0"`` → a sign before changes; ``""`` (General) → up to 10 significant digits."""
    if not number_format:
        return f"{value:.{GENERAL_DIGITS}g}"
    first = number_format.split(";")[0]
    decimals = len(first.partition(".")[2])
    signed = first.startswith("+") and value != 0
    return f"{value:{'+' if signed else ''}.{decimals}f}"


def cell_text(value: Any, number_format: str = "") -> str:
    """The text of one cell in the print view (None is empty)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        return format_number(value, number_format)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple, set)):
        return "、".join(str(v) for v in value)
    return str(value)


def sheet_rows(sheet: Sheet) -> list[list[str]]:
    """The data rows of ``sheet`` as the print view's cell texts (one list per row)."""
    formats = sheet.number_formats
    return [[cell_text(v, formats.get(i, "")) for i, v in enumerate(row)] for row in sheet.rows]


def _sheet_view(sheet: Sheet) -> dict:
    rows = [list(row) for row in sheet.rows]
    widths = column_widths(sheet.columns, rows, sheet.widths)
    marks = sheet.marks or [[""] * len(sheet.columns)] * len(rows)
    numeric = [[isinstance(v, (int, float)) and not isinstance(v, bool) for v in row] for row in rows]
    texts = sheet_rows(Sheet(sheet.title, sheet.columns, rows, number_formats=sheet.number_formats))
    return {"title": sheet.title, "columns": list(sheet.columns), "legend": sheet.legend,
            "header": header_rows(sheet.columns, sheet.groups),
            "dense": len(sheet.columns) > DENSE_COLUMNS,
            "widths": [round(100 * w / sum(widths), 2) for w in widths],
            "rows": [_cells(t, m, n, len(sheet.columns)) for t, m, n in zip(texts, marks, numeric)]}


def _leaf(index: int, column: str, text: str, rowspan: int = 1) -> dict:
    return {"text": text, "column": column, "index": index, "colspan": 1, "rowspan": rowspan}


def header_rows(columns: Sequence[str], groups: Sequence[ColumnGroup] = ()) -> list[list[dict]]:
    """The header's rows of cells (``text``, ``colspan``, ``rowspan``; a column's own cell also
    its full name ``column`` and ``index``): one row, or two when columns are grouped (a column
    outside the groups spans both)."""
    if not groups:
        return [[_leaf(i, c, c) for i, c in enumerate(columns)]]
    starts = {g.start: g for g in groups}
    top: list[dict] = []
    below: list[dict] = []
    i = 0
    while i < len(columns):
        group = starts.get(i)
        if group is None:
            top.append(_leaf(i, columns[i], columns[i], rowspan=2))
            i += 1
            continue
        if not group.short or i + len(group.short) > len(columns):
            raise ValueError(f"column group {group.label!r} does not fit the columns")
        top.append({"text": group.label, "column": None, "index": None,
                    "colspan": len(group.short), "rowspan": 1})
        below += [_leaf(i + k, columns[i + k], short) for k, short in enumerate(group.short)]
        i += len(group.short)
    if len(starts) != sum(1 for c in top if c["column"] is None):
        raise ValueError("column groups overlap or start past the columns")
    return [top, below]


def _cells(texts: list[str], marks: Sequence[str], numeric: list[bool], n_columns: int) -> list[tuple]:
    """(text, mark, numeric, colspan) per cell; a short row's last cell spans the rest (a note line)."""
    spans = [1] * len(texts)
    if texts and len(texts) < n_columns:
        spans[-1] = n_columns - len(texts) + 1
    return list(zip(texts, marks, numeric, spans))


def render_tables_html(header: PrintHeader, sheets: Sequence[Sheet]) -> str:
    """A complete, self-contained HTML page printing ``sheets`` on A4 landscape."""
    return _env.get_template("tables.html").render(
        header=header, sheets=[_sheet_view(s) for s in sheets], mark_colours=MARK_COLOURS)
