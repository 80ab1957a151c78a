"""Task tables (任务清单: 序号 / 工作任务 / 牵头单位 / 配合单位 / 完成时限 …) turned into tasks.

The reader has already recognised each column's role from its header words
(:data:`ecoplan.plan.source.COLUMN_ROLES`); here a row becomes a task. A 类别 cell left blank
under a merged cell continues the section above it.
"""

from __future__ import annotations

from ecoplan.plan import link
from ecoplan.plan.gazetteer import Gazetteer
from ecoplan.plan.outline import title_of
from ecoplan.plan.responsibility import ROLES, parse_names
from ecoplan.plan.source import SourceDocument, TableRow, TaskTable
from ecoplan.plan.tasks import responsibility


def _roles(row: TableRow, gazetteer: Gazetteer) -> dict[str, list[str]]:
    cells = row.cells
    roles: dict[str, list[str]] = {}
    if cells.get("lead"):
        roles["lead"] = parse_names(cells["lead"], gazetteer)
    if cells.get("responsible"):
        # 责任单位 is the lead unless the table has a separate 牵头单位 column.
        roles.setdefault("cooperating" if cells.get("lead") else "lead", []).extend(
            parse_names(cells["responsible"], gazetteer))
    if cells.get("cooperating"):
        roles.setdefault("cooperating", []).extend(parse_names(cells["cooperating"], gazetteer))
    return roles


def _deadlines(cell: str, year) -> list[dict]:
    from ecoplan.plan.build import _finders

    _, find_deadlines = _finders()
    if not cell or find_deadlines is None or year is None:
        return []
    return [{"date": d.get("date"), "text": d.get("text"), "target": None}
            for d in map(link.as_dict, find_deadlines(cell, year=year))]


def _row_task(table: TaskTable, row: TableRow, index: int, section: str | None, gazetteer: Gazetteer,
              units: dict, year) -> dict:
    cells = row.cells
    text = cells.get("text") or cells.get("title") or ""
    clause = type("RowClause", (), {"roles": _roles(row, gazetteer)})
    number = (cells.get("number") or "").strip().rstrip(".、．") or str(index)
    return {
        "id": f"t{index}", "number": number, "section": section,
        "title": cells.get("title") or title_of(text), "text": text,
        "responsibility": responsibility([clause], {}, gazetteer, units),
        "subitems": [],
        "districts": gazetteer.find_districts(" ".join([text, cells.get("district", "")])),
        "deadlines": _deadlines(cells.get("deadline", ""), year),
        "row": {"table": table.where, "row": row.row},
    }


def table_tasks(doc: SourceDocument, gazetteer: Gazetteer, units: dict, year) -> list[dict]:
    """One task per data row of every task table, numbered uniquely."""
    tasks, sections = [], []
    for table in doc.tables:
        section = None
        for row in table.rows:
            if not any(v.strip() for v in row.cells.values()):
                continue
            name = (row.cells.get("section") or "").strip()
            if name:
                if name not in sections:
                    sections.append(name)
                section = f"s{sections.index(name) + 1}"
            tasks.append(_row_task(table, row, len(tasks) + 1, section, gazetteer, units, year))
    numbers = [t["number"] for t in tasks]
    if len(set(numbers)) != len(numbers):
        for i, task in enumerate(tasks, 1):
            task["number"] = str(i)
    for task in tasks:
        task["section_title"] = sections[int(task["section"][1:]) - 1] if task["section"] else None
    return tasks


def table_sections(tasks: list[dict]) -> list[dict]:
    seen = {}
    for task in tasks:
        if task["section"] and task["section"] not in seen:
            seen[task["section"]] = task.pop("section_title")
        else:
            task.pop("section_title", None)
    return [{"id": sid, "path": [title], "title": title} for sid, title in seen.items()]


__all__ = ["table_tasks", "table_sections", "ROLES"]
