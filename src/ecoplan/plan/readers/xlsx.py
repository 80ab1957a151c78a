"""Excel task lists (.xlsx): every sheet; header found by its words; merged cells filled."""

from __future__ import annotations

import io
from datetime import date, datetime

from openpyxl import load_workbook

from ecoplan.errors import InputError
from ecoplan.plan.readers.body import body_lines
from ecoplan.plan.readers.tables import Grid, grid_lines, task_table
from ecoplan.plan.source import SourceDocument

MAX_BLANK_ROWS = 1000
"""A run of this many empty rows ends a sheet's data."""


def read_xlsx(data: bytes, doc: SourceDocument) -> SourceDocument:
    """Fill ``doc`` from .xlsx bytes: task tables of every sheet, and all rows as text lines."""
    try:
        workbook = load_workbook(io.BytesIO(data), data_only=True)
    except Exception:  # openpyxl raises KeyError, ValueError, zip and XML errors on damage
        raise InputError("Excel 文件已损坏，无法打开（请在 Excel/WPS 中打开后另存为 .xlsx）", file=doc.file) from None
    raw: list[str] = []
    for sheet in workbook.worksheets:
        grid = sheet_grid(sheet)
        found = task_table(grid, f"sheet {sheet.title}")
        if found is not None:
            doc.tables.append(found)
        raw.extend(grid_lines(grid))
    doc.text = "\n".join(body_lines(raw, doc.meta))
    if not doc.tables:
        doc.warnings.append({"text": doc.file, "message": "表格中没有找到任务表表头（序号/重点任务/牵头单位/完成时限等）"})
    return doc


def sheet_grid(sheet) -> Grid:
    """Non-empty rows with their spreadsheet row numbers; a merged range's value fills every cell."""
    rows: list[list[str]] = []
    blank_run = 0
    for row in sheet.iter_rows():
        rows.append([_text(cell.value, cell.number_format) for cell in row])
        blank_run = 0 if any(rows[-1]) else blank_run + 1
        if blank_run > MAX_BLANK_ROWS:  # formatting applied down to row 1048576 leaves empty rows
            break
    for merged in sheet.merged_cells.ranges:
        value = rows[merged.min_row - 1][merged.min_col - 1] if merged.min_row <= len(rows) else ""
        for r in range(merged.min_row - 1, min(merged.max_row, len(rows))):
            for c in range(merged.min_col - 1, min(merged.max_col, len(rows[r]))):
                rows[r][c] = value
    return [(i + 1, row) for i, row in enumerate(rows) if any(cell for cell in row)]


def _text(value, number_format: str = "General") -> str:
    """A cell as the sheet shows it: 0.8 formatted ``0%`` is ``80%``, 30.0 is ``30``, dates ISO."""
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and "%" in (number_format or ""):
        decimals = len(number_format.split(".")[1].split("%")[0]) if "." in number_format else 0
        return f"{value * 100:.{decimals}f}%"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()
