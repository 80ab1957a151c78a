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
from ecoplan.reports.official import MARK_COLOURS, Table
from ecoplan.reports.official_ooxml import CHILD_ORDER
from ecoplan.errors import InputError

MIN_COLUMN_CHARS = 2.0
MM_PER_PT = 25.4 / 72
CELL_PADDING_MM = 4.5  # Word's default cell margins (1.9 mm each side) and a little air
KEEP_WHOLE_MM = L.TEXT_HEIGHT_MM / 4
"""A table at most this tall [mm] is kept on one page: moved whole, it leaves at most a quarter
of a page empty. A taller one starts where it falls and runs on under its repeated header, as
long tables do in printed circulars (a half-empty first page reads as a mistake)."""
ROWS_EACH_SIDE = 3
"""A split table keeps at least this many data rows under its header and on its last page."""


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
    marks = [[""] * len(block.columns), *(block.marks or [[""] * len(block.columns)] * len(block.rows))]
    for r, (row, values) in enumerate(zip(table.rows, [block.columns, *block.rows])):
        style = document.styles["公文表头" if r == 0 else "公文表格"]
        for cell, value, width, mark in zip(row.cells, values, widths, marks[r]):
            cell.width = width
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            para = cell.paragraphs[0]
            para.style = style
            para.add_run(cell_text(value))
            if mark:
                _shade(cell, MARK_COLOURS[mark])
    _repeat_as_header(table.rows[0])
    _keep_rows_together(table.rows, whole=estimated_height_mm(block, widths) <= KEEP_WHOLE_MM)
    for column, width in zip(table.columns, widths):
        column.width = width
    if block.note:
        document.add_paragraph(block.note, style="公文表注")


def estimated_height_mm(block: Table, widths) -> float:
    """The table's height [mm] (title and header included), estimated from each cell's text
    wrapped to its column (4号, single spacing ≈ 1.3 lines of 14 pt + padding)."""
    line_mm = L.TABLE_PT * 1.3 * MM_PER_PT
    height = 2 * L.LINE_PITCH_PT * MM_PER_PT if block.title else 0.0
    for values in [block.columns, *block.rows]:
        lines = max(math.ceil(L.text_width_chars(cell_text(v)) * L.TABLE_PT * MM_PER_PT / max(w.mm - 2.5, 1)) or 1
                    for v, w in zip(values, widths))
        height += lines * line_mm + 1.0
    return height


def _keep_rows_together(rows, *, whole: bool) -> None:
    """No row split over two pages; a ``whole`` (short) table is kept on one page, a longer one
    keeps its header with :data:`ROWS_EACH_SIDE` rows and its last :data:`ROWS_EACH_SIDE` rows
    together (no lone rows under a repeated header, none left alone at the end). Done with
    “keep with next” on every cell's paragraphs, which Word and LibreOffice both honour in tables."""
    last = len(rows) - 1
    for r, row in enumerate(rows):
        trpr = row._tr.get_or_add_trPr()
        trpr.insert(0, OxmlElement("w:cantSplit"))
        if r < last and (whole or r < ROWS_EACH_SIDE or r >= last - ROWS_EACH_SIDE + 1):
            for cell in row.cells:
                for para in cell.paragraphs:
                    para.paragraph_format.keep_with_next = True


_AFTER_SHD = CHILD_ORDER["w:tcPr"][CHILD_ORDER["w:tcPr"].index("w:shd") + 1:]
"""Elements that follow ``w:shd`` in ``CT_TcPr`` (ECMA-376 Part 1, 17.4.70): Word rejects another order."""


def _shade(cell, rgb: str) -> None:
    """Cell shading (``w:shd`` with a solid fill), as Word writes 底纹."""
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), rgb)
    cell._tc.get_or_add_tcPr().insert_element_before(shd, *_AFTER_SHD)


def _repeat_as_header(row) -> None:
    """Repeat the header row at the top of each page the table runs onto."""
    trpr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    trpr.append(header)
