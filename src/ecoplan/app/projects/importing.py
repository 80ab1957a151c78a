"""Importing the project ledger from the office's .xlsx (the template's columns).

Every cell is checked first; any error (all of them are listed, each naming the sheet, the row
and the column in Chinese) leaves the database untouched. A row whose 项目编号 exists updates
that project; the others are created.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from openpyxl import load_workbook
from sqlalchemy import select
from sqlalchemy.orm import Session

from ecoplan import ooxml
from ecoplan.app.audit.service import record
from ecoplan.app.core.clock import utcnow as now
from ecoplan.app.ledger.fields import task_numbers, unit_names
from ecoplan.app.projects.fields import BY_HEADER, COLUMNS, CellError, check_cell, row_problems, text
from ecoplan.app.projects.models import EDITABLE, Project
from ecoplan.errors import InputError

SHEET = "重点工程项目"
HEADER_ROWS = 5
MAX_ROWS = 5_000
"""Rows a project ledger may have (a city's is some tens to a few hundred projects)."""
LIMITS = ooxml.Limits(max_uncompressed=20 * 1024 * 1024, max_rows=MAX_ROWS,
                      max_cells=MAX_ROWS * 40)
REQUIRED = [c.header for c in COLUMNS if c.required]


@dataclass(frozen=True)
class ImportProblem:
    """One wrong cell (or a file-level problem when ``row`` is None)."""

    sheet: str
    row: int | None
    column: str
    message: str

    def text(self) -> str:
        where = f"工作表“{self.sheet}”"
        if self.row is not None:
            where += f"第 {self.row} 行"
        if self.column:
            where += f"“{self.column}”列"
        return f"{where}：{self.message}"

    def out(self) -> dict:
        return {"sheet": self.sheet, "row": self.row, "column": self.column,
                "message": self.message, "text": self.text()}


class ProjectImportError(InputError):
    """Every problem found in the file; nothing was imported."""

    def __init__(self, problems: list[ImportProblem], *, file: str) -> None:
        super().__init__(f"导入失败，共 {len(problems)} 处错误，未导入任何项目", file=file)
        self.problems = problems


def _sheet_rows(data: bytes, file: str) -> tuple[str, list[tuple]]:
    ooxml.inspect(data, file=file, limits=LIMITS)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = workbook[SHEET] if SHEET in workbook.sheetnames else workbook.worksheets[0]
        title, rows = sheet.title, [tuple(r) for r in sheet.iter_rows(values_only=True)]
        workbook.close()
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, IndexError, TypeError):
        raise InputError("不是有效的 .xlsx 文件", file=file) from None
    return title, rows


def _header(title: str, rows: list[tuple], file: str) -> tuple[int, dict[str, int]]:
    """(row number, header → column index) of the first top row naming every required column."""
    for number, cells in enumerate(rows[:HEADER_ROWS], start=1):
        found = {text(c): i for i, c in enumerate(cells) if text(c) in BY_HEADER}
        if all(h in found for h in REQUIRED):
            return number, found
    problem = ImportProblem(title, None, "", f"前 {HEADER_ROWS} 行中找不到表头（须有："
                            f"{'、'.join(REQUIRED)}；请使用下载的模板）")
    raise ProjectImportError([problem], file=file)


def _check_row(cells: tuple, columns: dict[str, int], *, units, tasks, where) -> tuple[dict, list]:
    values: dict = {"funding": {}}
    problems = []
    for header, index in columns.items():
        column = BY_HEADER[header]
        try:
            value = check_cell(column, cells[index] if index < len(cells) else None,
                               units=units, tasks=tasks)
        except CellError as err:
            problems.append(where(header, str(err)))
            continue
        if column.field.startswith("fund:"):
            values["funding"][column.field[5:]] = value
        else:
            values[column.field] = value
    if not problems:
        problems = [where(h, m) for h, m in row_problems(values)]
    if any(BY_HEADER[h].field.startswith("fund:") for h in columns):
        values["funding"] = {k: v for k, v in values["funding"].items() if v is not None}
    else:  # the file has no source columns: keep what a project has
        del values["funding"]
    if "invest_done" in values and values["invest_done"] is None:
        values["invest_done"] = 0.0
    return values, problems


def check_file(session: Session, data: bytes, *, file: str) -> list[dict]:
    """Every row's checked values, or :class:`ProjectImportError` listing every wrong cell."""
    title, rows = _sheet_rows(data, file)
    header_row, columns = _header(title, rows, file)
    units, tasks = unit_names(session), set(task_numbers(session))
    checked, problems, seen = [], [], {}
    for number, cells in enumerate(rows[header_row:], start=header_row + 1):
        if not any(text(c) for c in cells):
            continue

        def where(column, message, number=number):
            return ImportProblem(title, number, column, message)

        values, found = _check_row(cells, columns, units=units, tasks=tasks, where=where)
        code = values.get("code")
        if code and code in seen:
            found.append(where("项目编号", f"与第 {seen[code]} 行重复"))
        seen.setdefault(code, number)
        problems.extend(found)
        checked.append(values)
    if problems:
        raise ProjectImportError(problems, file=file)
    if not checked:
        raise ProjectImportError([ImportProblem(title, None, "", "表中没有任何项目")], file=file)
    return checked


def save(session: Session, values: dict, *, actor,
         existing: Project | None = None) -> bool:
    """Create the project of ``values`` or update ``existing``; True when anything changed."""
    fields = {k: v for k, v in values.items() if k in EDITABLE}
    if existing is None:
        project = Project(code=values["code"], **{**{f: None for f in EDITABLE}, **fields},
                          created_at=now(), updated_at=now())
        for name, default in (("task", ""), ("district", ""), ("location", ""), ("content", ""),
                              ("invest_done", 0.0), ("funding", {}), ("synthetic", False)):
            if getattr(project, name) is None:
                setattr(project, name, default)
        session.add(project)
        session.flush()
        record(session, actor=actor, action="project.created", object_type="project",
               object_id=project.id, after=project.snapshot())
        return True
    before = existing.snapshot()
    for name, value in fields.items():
        setattr(existing, name, value)
    if existing.snapshot() == before:
        return False
    existing.updated_at = now()
    record(session, actor=actor, action="project.updated", object_type="project",
           object_id=existing.id, before=before, after=existing.snapshot())
    return True


def import_projects(session: Session, *, actor, data: bytes, file: str) -> dict:
    """Apply the whole file or nothing: ``{created, updated, errors}`` (errors empty)."""
    rows = check_file(session, data, file=file)
    existing = {p.code: p for p in session.scalars(select(Project))}
    created = updated = 0
    for values in rows:
        project = existing.get(values["code"])
        changed = save(session, values, actor=actor, existing=project)
        created += project is None
        updated += project is not None and changed
    return {"created": created, "updated": updated, "errors": []}
