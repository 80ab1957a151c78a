"""Importing an existing ledger from .xlsx: columns found by the words in their headers.

All or nothing: every field of every row is checked first; any error (all of them are listed,
by row and column) leaves the database untouched.
"""

from __future__ import annotations

import io
import zipfile

from openpyxl import load_workbook
from sqlalchemy import select
from sqlalchemy.orm import Session

from ecoplan import ooxml
from ecoplan.app.ledger.fields import (FieldErrors, ItemFields, check_fields, target_metrics,
                                       task_numbers, unit_names)
from ecoplan.app.ledger.models import LedgerItem
from ecoplan.app.ledger.service import create_item
from ecoplan.errors import InputError

# field → header words, tried in this order (问题编号 is a code, not a description).
COLUMNS = (
    ("code", ("编号", "序号")),
    ("source", ("来源",)),
    ("batch", ("批次", "轮次")),
    ("district", ("辖市区", "属地", "地区")),
    ("units", ("责任单位", "责任部门", "牵头单位")),
    ("measures", ("措施",)),
    ("deadline", ("时限", "期限", "完成时间")),
    ("stage", ("阶段",)),
    ("target", ("关联目标", "关联指标")),
    ("task", ("关联任务", "任务")),
    ("description", ("问题", "描述", "内容")),
)
REQUIRED = ("code", "source", "description", "units", "deadline")
LABELS = {"code": "问题编号", "source": "问题来源", "description": "问题描述",
          "units": "责任单位", "deadline": "整改时限"}
HEADER_ROWS = 5
MAX_ROWS = 20_000
"""Rows a ledger file may have (a city's ledger is some hundreds to a few thousand items)."""
LIMITS = ooxml.Limits(max_uncompressed=50 * 1024 * 1024, max_rows=MAX_ROWS,
                      max_cells=MAX_ROWS * 40)


class LedgerImportError(InputError):
    """Every problem found in the file, each with its row and column."""

    def __init__(self, errors: list[InputError], *, file: str) -> None:
        super().__init__(f"导入失败，共 {len(errors)} 处错误，未导入任何事项", file=file)
        self.errors = errors


def _header_map(cells: tuple) -> dict[str, int]:
    """field → column index: fields in order, each taking the first free header with its
    earliest word (so 问题编号 beats 序号 for the code, and 问题描述 is left for the description)."""
    headers = [str(c or "").strip() for c in cells]
    found: dict[str, int] = {}
    for field, words in COLUMNS:
        for word in words:
            index = next((i for i, h in enumerate(headers)
                          if word in h and i not in found.values()), None)
            if index is not None:
                found[field] = index
                break
    return found


def _find_header(rows: list[tuple], file: str) -> tuple[int, dict[str, int]]:
    """The first of the top rows whose headers name every required column."""
    for number, cells in enumerate(rows[:HEADER_ROWS], start=1):
        columns = _header_map(cells)
        if all(f in columns for f in REQUIRED):
            return number, columns
    missing = "、".join(LABELS[f] for f in REQUIRED)
    raise InputError(f"前 {HEADER_ROWS} 行中找不到表头（需包含：{missing}）", file=file)


def read_rows(data: bytes, *, file: str) -> tuple[int, dict[str, int], list[tuple]]:
    """The first sheet's header and data rows (checked by :func:`ecoplan.ooxml.inspect` first:
    size, rows, cells, no DTD)."""
    ooxml.inspect(data, file=file, limits=LIMITS)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        rows = [tuple(r) for r in workbook.worksheets[0].iter_rows(values_only=True)]
        workbook.close()
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, IndexError, TypeError):
        raise InputError("不是有效的 .xlsx 文件", file=file) from None
    header_row, columns = _find_header(rows, file)
    return header_row, columns, rows[header_row:]


def _row_errors(err: InputError, *, file: str, row: int) -> list[InputError]:
    """The errors of one row (every failed field), each with the file and the row."""
    found = err.errors if isinstance(err, FieldErrors) else [err]
    return [InputError(e.message, file=file, row=row, field=e.field) for e in found]


def check_rows(session: Session, data: bytes, *, file: str) -> list[ItemFields]:
    """Every field of every data row checked; :class:`LedgerImportError` lists all errors."""
    header_row, columns, rows = read_rows(data, file=file)
    known, tasks, targets = unit_names(session), task_numbers(session), target_metrics(session)
    existing = set(session.scalars(select(LedgerItem.code)))
    items, errors, seen = [], [], set()
    for number, cells in enumerate(rows, start=header_row + 1):
        if not any(str(c or "").strip() for c in cells):
            continue
        raw = {f: cells[i] if i < len(cells) else None for f, i in columns.items()}
        code = str(raw.get("code") or "").strip()
        if code and (code in existing or code in seen):
            errors.append(InputError(f"问题编号“{code}”重复", file=file, row=number,
                                     field="问题编号"))
        seen.add(code)
        try:
            items.append(check_fields(raw, known_units=known, tasks=tasks, targets=targets))
        except InputError as err:
            errors.extend(_row_errors(err, file=file, row=number))
    if errors:
        raise LedgerImportError(errors, file=file)
    if not items:
        raise InputError("表中没有任何整改事项", file=file)
    return items


def import_ledger(session: Session, *, actor, data: bytes, file: str) -> list[LedgerItem]:
    """Create every item of the file, or none."""
    return [create_item(session, actor=actor, fields=f)
            for f in check_rows(session, data, file=file)]
