"""Plain-text plans (.txt): UTF-8, UTF-8 with BOM, UTF-16 with BOM, GB18030/GBK.

A table written as text rows of cells between bars (“| 序号 | 重点任务 | 牵头单位 | … |”, as
pages copied to text render their tables) is read like a table of a .docx or web page: a task
table when its header says so, its rows as text lines otherwise.
"""

from __future__ import annotations

import re

from ecoplan.plan.readers.body import body_text
from ecoplan.plan.readers.cell_lines import cell_line_tables
from ecoplan.plan.readers.tables import Grid, grid_lines, task_table
from ecoplan.plan.source import SourceDocument

_BAR_ROW_RE = re.compile(r"^\s*\|.*\|.*\|")
#: A row whose leading bar is left out (as Markdown allows): “任务内容 | 标准 | 责任单位 |”. It is
#: a row only in a run of such rows.
_OPEN_ROW_RE = re.compile(r"^[^|\n]+\|[^\n]*\|\s*$")
_ITEM_RE = re.compile(r"^(\d{1,3})(?:\s*[、.．]|\s*$)")


def read_txt(text: str, doc: SourceDocument) -> SourceDocument:
    """Fill ``doc`` from decoded ``text``: body lines, and the catalogue lines at its top as meta."""
    doc.text = body_text(_bar_tables(cell_line_tables(text.split("\n"), doc), doc), doc.meta)
    return doc


def _bar_tables(lines: list[str], doc: SourceDocument) -> list[str]:
    """Lines with each run of bar rows read as a table (a task table goes to ``doc.tables``)."""
    out: list[str] = []
    grid: Grid = []
    for number, line in enumerate([*lines, ""], 1):
        if _BAR_ROW_RE.match(line) or _OPEN_ROW_RE.match(line) and (
                grid or _OPEN_ROW_RE.match(lines[number] if number < len(lines) else "")):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if not re.fullmatch(r"[\s:：\-—]*", "".join(cells)):  # a |---|---| rule
                grid.append((number, cells))
            continue
        if grid:
            out += _table(aligned(grid), doc)
            grid = []
        out.append(line)
    return out[:-1]


def aligned(grid: Grid) -> Grid:
    """Rows with fewer cells than the widest left out the cells merged from the row above
    (a 类别 spanning rows): they take those cells and fill the last columns, except a row
    opening with an item number (“3、…”) where the row above has the previous one: it starts in
    that column (a row cut short at its end)."""
    width = max(len(cells) for _, cells in grid)
    out: Grid = []
    for number, cells in grid:
        if out and len(cells) < width:
            above = out[-1][1]
            offset = _item_column(cells, above)
            if offset is None:
                offset = width - len(cells)
            cells = above[:offset] + cells
        out.append((number, cells))
    return out


def _item_column(cells: list[str], above: list[str]) -> int | None:
    own = _ITEM_RE.match(cells[0])
    if own is None:
        return None
    for column, cell in enumerate(above):
        previous = _ITEM_RE.match(cell)
        if previous and int(previous.group(1)) + 1 == int(own.group(1)):
            return column
    return None


def _table(grid: Grid, doc: SourceDocument) -> list[str]:
    found = task_table(grid, f"table {len(doc.tables) + 1}") if len(grid) > 1 else None
    if found is not None:
        doc.tables.append(found)
    return grid_lines(grid)
