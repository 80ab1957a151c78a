"""Tables whose cells arrive one per line, as a page's table copied to text often does:

    序号 / 主要任务 / 责任单位 / 牵头部门 / 1 / 每半年向社会公布… / 省住建厅 / …

(blank lines between them or not). A run of header cells, each a table header word (序号 first),
followed by rows each opening with its number alone on a line (1, 2, 3 … in order) and holding at
most one cell per header cell after it, is read as a table: a task table when its header says so.
"""

from __future__ import annotations

from ecoplan.plan.readers.tables import ROLE_WORDS, Grid, cell_role, grid_lines, task_table
from ecoplan.plan.source import SourceDocument

#: Header cells needed (序号 and at least two more), so a lone "序号" line is no table.
_MIN_HEADER = 3


def cell_line_tables(lines: list[str], doc: SourceDocument) -> list[str]:
    """``lines`` with each table written one cell per line read as a table (a task table goes to
    ``doc.tables``) and written back one row per line."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        found = _table_at(lines, i)
        table = task_table(found[0], f"table {len(doc.tables) + 1}") if found else None
        if table is None:
            out.append(lines[i])
            i += 1
            continue
        doc.tables.append(table)
        out += grid_lines(found[0])
        i = found[1]
    return out


def _filled(lines: list[str], i: int) -> list[int]:
    """Indices of the non-blank lines from ``i`` on."""
    return [j for j in range(i, len(lines)) if lines[j].strip()]


def _table_at(lines: list[str], i: int) -> tuple[Grid, int] | None:
    if lines[i].strip() not in ROLE_WORDS["number"]:
        return None
    filled = _filled(lines, i)
    k = 0
    while k < len(filled) and lines[filled[k]].strip() != "1":
        if cell_role(lines[filled[k]]) is None:
            return None
        k += 1
    width = k
    if width < _MIN_HEADER or k == len(filled):
        return None
    grid: Grid = [(filled[0] + 1, [lines[j].strip() for j in filled[:width]])]
    number = 1
    while k < len(filled) and lines[filled[k]].strip() == str(number):
        cells = [str(number)]
        k += 1
        while k < len(filled) and len(cells) < width and lines[filled[k]].strip() != str(number + 1):
            cells.append(lines[filled[k]].strip())
            k += 1
        grid.append((filled[k - len(cells)] + 1, cells + [""] * (width - len(cells))))
        number += 1
    end = filled[k - 1] + 1
    return grid, end
