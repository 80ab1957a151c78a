"""Task tables, whatever their layout: header recognised by its words, merged cells filled.

A reader turns a table into a grid (rows of cell texts, merged cells already copied into every
cell they cover, each row with its own row number in the source) and asks :func:`task_table`
whether it is a task list (序号 / 工作任务 / 牵头单位 / 完成时限 …).
"""

from __future__ import annotations

import re

from ecoplan.plan.source import TableRow, TaskTable

# Header words of each role (COLUMN_ROLES); the longest word found in a header cell decides.
ROLE_WORDS = {
    "number": ("序号", "编号"),
    "section": ("类别", "领域", "重点领域", "分类", "类型", "专项行动"),
    "title": ("工作任务", "重点任务", "任务名称", "项目名称", "主要任务", "重点工作", "工程名称",
              "工作事项", "任务", "事项", "项目"),
    "text": ("工作措施", "具体措施", "主要内容", "工作内容", "目标任务", "具体内容", "建设内容",
             "任务内容", "工作目标", "目标要求", "工作要求", "措施", "内容", "考核目标", "年度目标"),
    "lead": ("牵头单位", "主责单位", "牵头部门", "主责部门", "牵头"),
    "responsible": ("责任单位", "责任部门", "负责单位", "负责部门", "实施单位", "责任主体"),
    "cooperating": ("配合单位", "协办单位", "参与单位", "配合部门", "协同单位", "协办部门", "协助单位",
                    "协助部门", "配合"),
    "deadline": ("完成时限", "时间节点", "完成时间", "完成期限", "时间要求", "进度安排", "时间进度",
                 "进度要求", "时限"),
    "district": ("责任辖市区", "实施地区", "涉及地区", "责任地区", "辖市区"),
    # what was done by a date (截至12月31日完成情况): results reported, never the row's text
    "results": ("完成情况", "进展情况", "推进情况", "落实情况", "工作进展", "进展成效"),
}
WORD_ROLE = sorted(((w, r) for r, ws in ROLE_WORDS.items() for w in ws), key=lambda p: -len(p[0]))
MAX_HEADER_CELL = 14
"""A header cell is a label; longer cells are data even if they contain 任务 or 措施."""
HEADER_SCAN_ROWS = 6
CONTENT_ROLES = {"title", "text"}
#: A text column headed by one of these holds a target allotted to the row's object (考核河流 |
#: 考核断面 | 年度考核目标 | 责任单位): the columns with no role before it name that object.
TARGET_HEADERS = ("考核目标", "年度目标")
DUTY_ROLES = {"lead", "responsible", "cooperating", "deadline"}
UNIT_ROLES = ("lead", "responsible")
BLANKS = re.compile(r"[\s\u3000\u00a0]+")
SECTION_ROW = re.compile(r"([一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）]|第.{1,3}(部分|章|类))")

Grid = list[tuple[int, list[str]]]
"""Rows of a table: ``(row number in the source, cell texts)``."""


def cell_role(text: str) -> str | None:
    """Role of a header cell (``"牵头\\n单位"`` → ``"lead"``), or None."""
    key = BLANKS.sub("", text)
    if not key or len(key) > MAX_HEADER_CELL:
        return None
    return next((role for word, role in WORD_ROLE if word in key), None)


def header_roles(cells: list[str]) -> dict[str, int]:
    """Role → column for one header row; the first column wins a role (merged headers repeat)."""
    roles: dict[str, int] = {}
    for i, cell in enumerate(cells):
        role = cell_role(cell)
        if role and role not in roles:
            roles[role] = i
    return roles


def is_task_header(roles: dict[str, int]) -> bool:
    """A task list names what to do and who does it (or by when), or what was done of it (a
    progress table: 工作目标任务 | 工作内容 | 完成情况)."""
    return bool(CONTENT_ROLES & roles.keys()) and bool((DUTY_ROLES | {"results"}) & roles.keys())


def task_table(grid: Grid, where: str) -> TaskTable | None:
    """The task table in ``grid`` (header on any of its first rows), or None if it is not one."""
    found = _find_header(grid)
    if found is None:
        return None
    index, roles = found
    start = index + 1
    if start < len(grid) and _is_subheader(grid[start][1]):
        sub = header_roles(grid[start][1])
        roles = {r: i for r, i in roles.items() if i not in sub.values()} | sub
        start += 1
    title = " ".join(dict.fromkeys(c for _, cells in grid[:index] for c in cells if c.strip())) or None
    table = TaskTable(where=where, header=[BLANKS.sub("", c) for c in grid[index][1]], roles=roles, title=title)
    table.rows = _data_rows(grid[start:], roles, table.header, _text_columns(roles, table.header))
    return table


def _text_columns(roles: dict[str, int], header: list[str]) -> list[int]:
    """The columns a row's text spans: its 工作内容 (or 任务) column and the columns after it with
    no role of their own before the next duty column (“国家园林城市标准或要求 | 工作内容及要求”
    beside a first “任务内容”: the standard and the work are the row's text too); before a
    target column (年度考核目标), the columns with no role naming what the target is about."""
    first = roles.get("text", roles.get("title"))
    if first is None:
        return []
    taken = set(roles.values())
    columns = [first]
    if any(word in header[first] for word in TARGET_HEADERS):
        while columns[0] > 0 and columns[0] - 1 not in taken:
            columns.insert(0, columns[0] - 1)
    for column in range(first + 1, len(header)):
        if column in taken:
            break
        columns.append(column)
    return columns if len(columns) > 1 else []


def _find_header(grid: Grid) -> tuple[int, dict[str, int]] | None:
    best = None
    for index, (_, cells) in enumerate(grid[:HEADER_SCAN_ROWS]):
        roles = header_roles(cells)
        if is_task_header(roles) and (best is None or len(roles) > len(best[1])):
            best = (index, roles)
    return best


def _is_subheader(cells: list[str]) -> bool:
    """A second header row under merged group headers (责任单位 → 牵头 | 配合)."""
    filled = [c for c in cells if c.strip()]
    return bool(filled) and all(cell_role(c) for c in filled) and bool(DUTY_ROLES & header_roles(cells).keys())


def _data_rows(grid: Grid, roles: dict[str, int], header: list[str], spread: list[int]) -> list[TableRow]:
    rows, section = [], None
    for number, cells in grid:
        filled = [c.strip() for c in cells if c.strip()]
        if not filled or [BLANKS.sub("", c) for c in cells] == header or filled[0].startswith("注"):
            continue
        if _is_section_row(cells, filled):
            section = filled[0]
            continue
        values = {role: cells[i].strip() for role, i in roles.items() if i < len(cells)}
        if rows and len(cells) < len(header):
            # a row cut short before its unit column: that cell spans down from the row above
            values |= {role: rows[-1].cells[role] for role in UNIT_ROLES
                       if role in roles and roles[role] >= len(cells) and rows[-1].cells.get(role)}
        if spread:
            values["text" if "text" in roles else "title"] = _joined(cells, spread)
        if section and not values.get("section"):
            values["section"] = section
        rows.append(TableRow(row=number, cells=values))
    return rows


def _is_section_row(cells: list[str], filled: list[str]) -> bool:
    """A heading row spanning the table (merged across) or alone in it (一、… / （一）…)."""
    same = len(set(filled)) == 1
    return same and (len(filled) == len(cells) > 1 or bool(SECTION_ROW.match(filled[0])))


def _joined(cells: list[str], columns: list[int]) -> str:
    """Cells of ``columns`` as :func:`grid_lines` writes them in the text (so found there)."""
    kept = [cells[i].strip() for i in columns
            if i < len(cells) and cells[i].strip() and (i == 0 or cells[i] != cells[i - 1])]
    return "\t".join(k.replace("\n", " ") for k in kept)


def grid_lines(grid: Grid) -> list[str]:
    """A table as text lines: one per row, distinct adjacent cells joined by a tab."""
    lines = []
    for _, cells in grid:
        kept = [c.strip() for i, c in enumerate(cells) if c.strip() and (i == 0 or c != cells[i - 1])]
        if kept:
            lines.append("\t".join(k.replace("\n", " ") for k in kept))
    return lines
