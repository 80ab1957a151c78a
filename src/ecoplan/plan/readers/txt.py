"""Plain-text plans (.txt): UTF-8, UTF-8 with BOM, UTF-16 with BOM, GB18030/GBK.

A table written as text rows of cells between bars (“| 序号 | 重点任务 | 牵头单位 | … |”, as
pages copied to text render their tables) is read like a table of a .docx or web page: a task
table when its header says so, its rows as text lines otherwise.
"""

from __future__ import annotations

import re

from ecoplan.plan.readers.body import body_text
from ecoplan.plan.readers.tables import Grid, grid_lines, task_table
from ecoplan.plan.source import SourceDocument

_BAR_ROW_RE = re.compile(r"^\s*\|.*\|.*\|")


def read_txt(text: str, doc: SourceDocument) -> SourceDocument:
    """Fill ``doc`` from decoded ``text``: body lines, and the catalogue lines at its top as meta."""
    doc.text = body_text(_bar_tables(text.split("\n"), doc), doc.meta)
    return doc


def _bar_tables(lines: list[str], doc: SourceDocument) -> list[str]:
    """Lines with each run of bar rows read as a table (a task table goes to ``doc.tables``)."""
    out: list[str] = []
    grid: Grid = []
    for number, line in enumerate([*lines, ""], 1):
        if _BAR_ROW_RE.match(line):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if not re.fullmatch(r"[\s:：\-—]*", "".join(cells)):  # a |---|---| rule
                grid.append((number, cells))
            continue
        if grid:
            out += _table(grid, doc)
            grid = []
        out.append(line)
    return out[:-1]


def _table(grid: Grid, doc: SourceDocument) -> list[str]:
    found = task_table(grid, f"table {len(doc.tables) + 1}") if len(grid) > 1 else None
    if found is not None:
        doc.tables.append(found)
    return grid_lines(grid)
