"""Tables inside an official document (GB/T 9704-2012 clause 8, 公文中的横排表格).

Clause 8 only rules landscape tables' page numbers; inside the 版心 a table here is as wide as
the 版心, centred, with a 黑体 header row repeated on every page and 4号仿宋 cells.
"""

from __future__ import annotations

import math

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm

from ecoplan.reports import official_layout as L
from ecoplan.reports.official import Table
from ecoplan.errors import InputError

MIN_COLUMN_CHARS = 2.0
MM_PER_PT = 25.4 / 72
CELL_PADDING_MM = 4.5  # Word's default cell margins (1.9 mm each side) and a little air


def cell_text(value: object) -> str:
    """Text of a cell: None is empty, everything else as given (callers format their numbers)."""
    return "" if value is None else str(value)


def column_widths_mm(block: Table) -> list[float]:
    """Widths [mm] filling the 版心: given ones checked, else each column's widest text (a header may
    wrap onto two lines) plus cell padding, scaled to the 版心 width."""
    if block.widths_mm is not None:
        total = sum(block.widths_mm)
        if total > L.TEXT_WIDTH_MM + 0.5:
            raise InputError(f"列宽合计{total:g}毫米，超过版心宽度{L.TEXT_WIDTH_MM}毫米", field="表格")
        return [float(w) for w in block.widths_mm]
    need = []
    for i, header in enumerate(block.columns):
        widest = max([L.text_width_chars(cell_text(row[i])) for row in block.rows] or [0.0])
        chars = max(MIN_COLUMN_CHARS, widest, math.ceil(L.text_width_chars(header) / 2))
        need.append(chars * L.TABLE_PT * MM_PER_PT + CELL_PADDING_MM)
    return [L.TEXT_WIDTH_MM * n / sum(need) for n in need]


def add_table(document, block: Table) -> None:
    """Append ``block`` (title above, note below) to ``document``."""
    if block.title:
        document.add_paragraph(block.title, style="公文表题")
    widths = [Mm(w) for w in column_widths_mm(block)]
    table = document.add_table(rows=1 + len(block.rows), cols=len(block.columns))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for r, (row, values) in enumerate(zip(table.rows, [block.columns, *block.rows])):
        style = document.styles["公文表头" if r == 0 else "公文表格"]
        for cell, value, width in zip(row.cells, values, widths):
            cell.width = width
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            para = cell.paragraphs[0]
            para.style = style
            para.add_run(cell_text(value))
    _repeat_as_header(table.rows[0])
    for column, width in zip(table.columns, widths):
        column.width = width
    if block.note:
        document.add_paragraph(block.note, style="公文表注")


def _repeat_as_header(row) -> None:
    """Repeat the header row at the top of each page the table runs onto."""
    trpr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    trpr.append(header)
