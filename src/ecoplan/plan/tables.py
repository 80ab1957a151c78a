"""Task tables (任务清单: 序号 / 工作任务 / 牵头单位 / 配合单位 / 完成时限 …) turned into tasks.

The reader has already recognised each column's role from its header words
(:data:`ecoplan.plan.source.COLUMN_ROLES`); here a row becomes a task. A 类别 cell left blank
under a merged cell continues the section above it.
"""

from __future__ import annotations

from dataclasses import dataclass

from ecoplan.plan import link
from ecoplan.plan.deadlines import find_deadlines
from ecoplan.plan.gazetteer import Gazetteer
from ecoplan.plan.outline import title_of
from ecoplan.plan.responsibility import first_listed_leads, parse_names, split_lead_marks
from ecoplan.plan.source import SourceDocument, TableRow, TaskTable
from ecoplan.plan.tasks import responsibility


@dataclass
class _Context:
    gazetteer: Gazetteer
    units: dict
    year: int | None
    first_leads: str | None


def _roles(row: TableRow, ctx: _Context, roles_of: dict[str, int]) -> dict[str, list[str]]:
    cells = row.cells
    roles: dict[str, list[str]] = {}
    if cells.get("lead"):
        roles["lead"] = parse_names(cells["lead"], ctx.gazetteer)
    if cells.get("responsible") and {"lead", "cooperating"} <= roles_of.keys():
        # beside a 牵头 and a 参与/配合 column, 责任单位 names those who carry the work out
        roles["implementers"] = parse_names(cells["responsible"], ctx.gazetteer)
    elif cells.get("responsible"):
        # 责任单位 is the lead unless the table has a 牵头单位 column or marks a name （牵头）.
        leads, others = split_lead_marks(parse_names(cells["responsible"], ctx.gazetteer))
        if ctx.first_leads and not (leads or roles.get("lead")) and len(others) > 1:
            leads, others = others[:1], others[1:]
        roles.setdefault("lead", []).extend(leads)
        roles.setdefault("cooperating" if roles["lead"] else "lead", []).extend(others)
    if cells.get("cooperating"):
        roles.setdefault("cooperating", []).extend(parse_names(cells["cooperating"], ctx.gazetteer))
    return roles


def _deadlines(cell: str, ctx: _Context) -> list[dict]:
    if not cell:
        return []
    return [{"date": d.get("date"), "text": d.get("text"), "target": None, "kind": d.get("kind") or "due",
             "scope": "task"}
            for d in map(link.as_dict, find_deadlines(cell, year=ctx.year, whole=True))]


def _row_task(table: TaskTable, row: TableRow, index: int, section: str | None, ctx: _Context) -> dict:
    cells = row.cells
    text = cells.get("text") or cells.get("title") or ""
    number = (cells.get("number") or "").strip().rstrip(".、．") or str(index)
    task = {
        "id": f"t{index}", "number": number, "section": section,
        "title": cells.get("title") or title_of(text), "text": text,
        "responsibility": responsibility([_roles(row, ctx, table.roles)], ctx.gazetteer, ctx.units),
        "subitems": [],
        "districts": ctx.gazetteer.find_districts(" ".join([text, cells.get("district", "")])),
        "deadlines": _deadlines(cells.get("deadline", ""), ctx),
        "row": {"table": table.where, "row": row.row},
    }
    return task


def _locate(text: str, task: dict, cursor: int) -> int:
    """Give the task the span of its text cell in the document text (targets are found there)."""
    at = text.find(task["text"], cursor) if task["text"] else -1
    if at < 0:
        return cursor
    task["start"], task["end"] = at, at + len(task["text"])
    return task["end"]


def _ordinal(row: TableRow) -> int | None:
    number = (row.cells.get("number") or "").strip().rstrip(".、．")
    return int(number) if number.isdigit() else None


def joined_rows(tables: list[TaskTable], warnings: list[dict]) -> list[tuple[TaskTable, TableRow]]:
    """Rows of all task tables, a row continued across a page break joined by its 序号.

    In a PDF each page's part of a table is read apart: a row whose 序号 is empty or repeats the
    row above continues that row (its cells are appended), and 序号 that skip or go back are
    warned about (a lost or misplaced row) instead of silently shifting every later task.
    """
    out: list[tuple[TaskTable, TableRow]] = []
    for table in tables:
        for row in table.rows:
            if not any(v.strip() for v in row.cells.values()) or list(row.cells.values()) == table.header:
                continue  # blank, or the header repeated at the top of a page
            ordinal = _ordinal(row)
            previous = out[-1][1] if out else None
            numbered = "number" in table.roles
            if previous is not None and numbered and (ordinal is None or ordinal == _ordinal(previous)):
                merged = {key: (previous.cells.get(key) or "") + (value or "") if key != "number"
                          else previous.cells.get(key) for key, value in row.cells.items()}
                out[-1] = (out[-1][0], TableRow(previous.row, previous.cells | merged))
                continue
            before = _ordinal(previous) if previous is not None else None
            if numbered and ordinal is not None and before is not None and ordinal != before + 1:
                warnings.append({"text": f"{table.where} 第 {row.row} 行",
                                 "message": f"任务表序号不连续：{before} 之后为 {ordinal}（{table.where}）"})
            out.append((table, row))
    return out


def table_tasks(doc: SourceDocument, gazetteer: Gazetteer, units: dict, year: int | None,
                warnings: list[dict] | None = None) -> list[dict]:
    """One task per data row of every task table (rows continued across pages joined),
    numbered by the 序号 column, else in order."""
    ctx = _Context(gazetteer, units, year, first_listed_leads(doc.text))
    tasks, sections, cursor = [], [], 0
    rows = joined_rows(doc.tables, warnings if warnings is not None else [])
    for table, rows_of in _by_table(rows):
        section = None
        for row in rows_of:
            name = (row.cells.get("section") or "").strip()
            if name:
                if name not in sections:
                    sections.append(name)
                section = f"s{sections.index(name) + 1}"
            tasks.append(_row_task(table, row, len(tasks) + 1, section, ctx))
            cursor = _locate(doc.text, tasks[-1], cursor)
    numbers = [t["number"] for t in tasks]
    if len(set(numbers)) != len(numbers):
        for i, task in enumerate(tasks, 1):
            task["number"] = str(i)
    for task in tasks:
        task["section_title"] = sections[int(task["section"][1:]) - 1] if task["section"] else None
    return tasks


def _by_table(rows: list[tuple[TaskTable, TableRow]]) -> list[tuple[TaskTable, list[TableRow]]]:
    groups: list[tuple[TaskTable, list[TableRow]]] = []
    for table, row in rows:
        if not groups or groups[-1][0] is not table:
            groups.append((table, []))
        groups[-1][1].append(row)
    return groups


def table_sections(tasks: list[dict]) -> list[dict]:
    """Sections of table tasks (their 类别 column), taking the titles off the tasks."""
    seen = {}
    for task in tasks:
        title = task.pop("section_title", None)
        if task["section"] and task["section"] not in seen:
            seen[task["section"]] = title
    return [{"id": sid, "path": [title], "title": title} for sid, title in seen.items()]


def link_row_deadlines(tasks: list[dict], targets: list[dict]) -> None:
    """A row's 完成时限 governs the targets of its row: the first is linked, all take its date."""
    by_task: dict[str, list[dict]] = {}
    for target in targets:
        by_task.setdefault(target["task"], []).append(target)
    for task in tasks:
        if "row" not in task:
            continue
        column = [d for d in task["deadlines"] if "start" not in d]
        own = by_task.get(task["number"], [])
        if len(column) != 1 or not own:
            continue
        column[0]["target"] = own[0]["id"]
        for target in own:
            target["deadline"] = column[0]["date"]
