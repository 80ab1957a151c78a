"""Word documents (.docx): paragraphs and tables in document order, core title as a fallback."""

from __future__ import annotations

import io

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph

from ecoplan.errors import InputError
from ecoplan.plan.readers.body import body_lines
from ecoplan.plan.readers.docx_numbering import Numbering
from ecoplan.plan.readers.meta import catalogue_cells, merge_meta
from ecoplan.plan.readers.tables import Grid, grid_lines, task_table
from ecoplan.plan.source import SourceDocument


def read_docx(data: bytes, doc: SourceDocument) -> SourceDocument:
    """Fill ``doc`` from .docx bytes; tables stay where they are in the text, one line per row."""
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception:  # python-docx raises KeyError, ValueError, lxml and zip errors on damage
        raise InputError("Word 文件已损坏，无法打开（请在 Word/WPS 中打开后另存为 .docx）", file=doc.file) from None
    raw: list[str] = []
    numbering = Numbering(document)
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            raw.extend((numbering.prefix(block) + block.text).split("\n"))
        elif isinstance(block, Table):
            raw.extend(_table_lines(block, doc))
    doc.text = "\n".join(body_lines(raw, doc.meta))
    if doc.meta.get("title") is None and (document.core_properties.title or "").strip():
        doc.meta["title"] = document.core_properties.title.strip()
    if numbering.unknown:
        doc.warnings.append({
            "text": f"{numbering.unknown} 个段落",
            "message": "这些段落的 Word 自动编号格式无法还原，编号未写入文字；如层级识别有误，请将编号转为文本后重新上传",
        })
    return doc


def _table_lines(table: Table, doc: SourceDocument) -> list[str]:
    grid = table_grid(table)
    catalogue = catalogue_cells([c for _, cells in grid for i, c in enumerate(cells) if i == 0 or c != cells[i - 1]])
    if catalogue is not None:
        merge_meta(doc.meta, catalogue)
        return []
    found = task_table(grid, f"table {sum(1 for t in doc.tables if t.where.startswith('table')) + 1}")
    if found is not None:
        doc.tables.append(found)
    return grid_lines(grid)


def table_grid(table: Table) -> Grid:
    """Rows of cell texts; python-docx repeats a merged cell in every grid cell it covers."""
    return [(r + 1, [cell.text.strip() for cell in row.cells]) for r, row in enumerate(table.rows)]
