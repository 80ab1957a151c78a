"""The Excel round trip: a unit's pre-filled workbook for a period, and reading it back.

The workbook has one row per item the unit reports on. Only the columns the unit fills in are
unlocked (sheet protection); the action column is a drop-down. Reading checks every cell and
collects every error with its sheet, row and column; nothing is saved unless the whole file is
valid (the caller rolls back when :class:`WorkbookErrors` is raised).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from ecoplan import ooxml
from ecoplan.app.plans.models import Role
from ecoplan.app.progress.models import ItemKind, State
from ecoplan.app.progress import periods, value_range
from ecoplan.app.progress.service import MAX_TEXT, parse_value
from ecoplan.app.progress.todo import TodoItem
from ecoplan.errors import InputError
from ecoplan.reports.xlsx import FORMULA_TRIGGERS, Sheet, write_workbook

SHEET = "进展填报"
COLUMNS = ("报告期", "类别", "识别码", "任务编号", "事项", "本单位职责", "计量单位",
           "截至本期完成值", "工作进展", "存在问题", "下步计划", "操作", "当前状态", "版本")
"""``版本``: the report's version when the workbook was made (0: no report yet); a row whose
report has changed on the web since is refused, never silently overwritten."""
COL = {name: i for i, name in enumerate(COLUMNS)}
TEXTS = {"工作进展": "narrative", "存在问题": "problems", "下步计划": "next_steps"}
ACTIONS = ("保存草稿", "提交审核")
KIND_NAMES, ROLE_NAMES, STATE_NAMES = ItemKind.labels(), Role.labels(), State.labels()
MAX_ROWS = 3000
"""Rows an upload may have: a unit reports on a few hundred items at most."""
LIMITS = ooxml.Limits(max_uncompressed=20 * 1024 * 1024, max_rows=MAX_ROWS,
                      max_cells=MAX_ROWS * 2 * len(COLUMNS))


@dataclass(frozen=True)
class CellError:
    sheet: str
    row: int
    column: str
    """Letter and header, e.g. ``H 截至本期完成值``."""
    message: str


class WorkbookErrors(InputError):
    """The uploaded workbook has errors; ``errors`` lists each with its place."""

    def __init__(self, errors: list[CellError], file: str | None = None) -> None:
        super().__init__(f"文件中有 {len(errors)} 处错误，未保存任何内容", file=file)
        self.errors = errors


@dataclass
class RowUpdate:
    """A valid row to save: the item, the values and whether to submit it."""

    item: TodoItem
    values: dict[str, Any]
    submit: bool


def template(period: str, items: list[TodoItem], reports: dict) -> bytes:
    """The unit's workbook for ``period``, pre-filled with what it has already written."""
    rows = []
    for item in items:
        report = reports.get(item.key)
        rows.append([period, KIND_NAMES[item.kind], item.uid, item.number, item.title,
                     ROLE_NAMES[item.role], item.value_unit,
                     report.value_to_date if report else None,
                     report.narrative if report else "", report.problems if report else "",
                     report.next_steps if report else "", "",
                     STATE_NAMES[report.state] if report else "未填报",
                     report.version if report else 0])
    editable = {COL[c] for c in ("截至本期完成值", "工作进展", "存在问题", "下步计划", "操作")}
    sheet = Sheet(SHEET, COLUMNS, rows, widths=[9, 5, 14, 8, 40, 10, 8, 12, 40, 30, 30, 10, 8, 6],
                  wrap={COL["事项"], COL["工作进展"], COL["存在问题"], COL["下步计划"]},
                  editable=editable, choices={COL["操作"]: ACTIONS},
                  decimals={COL["截至本期完成值"]})
    return write_workbook([sheet])


def open_workbook(data: bytes, name: str):
    """The workbook, streamed (read-only) once :func:`ecoplan.ooxml.inspect` has checked its
    size, rows, cells and the absence of any DTD."""
    ooxml.inspect(data, file=name, limits=LIMITS)
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError):
        raise InputError("不是有效的 Excel（.xlsx）文件", file=name) from None


class _Blank:
    """A cell a short row of a streamed sheet leaves out."""

    value = None
    data_type = "n"


_EMPTY = _Blank()


class _Collector:
    def __init__(self) -> None:
        self.errors: list[CellError] = []

    def add(self, row: int, column: str, message: str) -> None:
        place = f"{get_column_letter(COL[column] + 1)} {column}" if column in COL else column
        self.errors.append(CellError(SHEET, row, place, message))


def _text(cell, row: int, column: str, found: _Collector) -> str:
    """A cell's text; formulas are refused, our own formula-neutralising apostrophe removed."""
    if cell.data_type == "f":
        found.add(row, column, "不接受公式，请填写文字或数字")
        return ""
    value = cell.value
    if value is None:
        return ""
    text = str(value).strip() if not isinstance(value, float) else f"{value:g}"
    if text.startswith("'") and text[1:2] and text[1:2] in "".join(FORMULA_TRIGGERS):
        text = text[1:]
    return text


def period_in(workbook, name: str, frequency: str, year: int) -> str:
    """The report period written in the first data row (every row is checked against it): one
    of the plan ``year``'s periods."""
    sheet = workbook[SHEET] if SHEET in workbook.sheetnames else None
    value = str((sheet.cell(row=2, column=1).value if sheet is not None else None) or "")
    try:
        periods.check_in_year(value, frequency, year)
    except InputError as err:
        raise WorkbookErrors([CellError(SHEET, 2, "A 报告期",
                                        f"{err.message}（不能修改锁定列）")],
                             file=name) from None
    return value


def read(workbook, *, name: str, period: str, items: list[TodoItem],
         locked_states: dict, versions: dict) -> list[RowUpdate]:
    """Check every cell of an uploaded workbook; the rows to save, or :class:`WorkbookErrors`.

    ``locked_states`` maps an item key to the state of a report that may no longer change
    (submitted or approved): such a row must come back as it was sent. ``versions`` maps an
    item key to its report's current version: a row carrying another one was changed on the
    web since the download and is refused.
    """
    if SHEET not in workbook.sheetnames:
        raise InputError(f"找不到工作表「{SHEET}」，请使用平台下载的模板", file=name)
    ws = workbook[SHEET]
    found = _Collector()
    header = [_text(c, 1, "表头", found) for c in next(ws.iter_rows(min_row=1, max_row=1), ())]
    if tuple(header[:len(COLUMNS)]) != COLUMNS:
        found.add(1, "表头", "表头与模板不一致，请使用平台下载的模板")
        raise WorkbookErrors(found.errors, file=name)
    by_key = {(KIND_NAMES[i.kind], i.uid): i for i in items}
    updates, seen = [], set()
    for row, cells in enumerate(ws.iter_rows(min_row=2, max_col=len(COLUMNS)), start=2):
        cells = (*cells, *[_EMPTY] * (len(COLUMNS) - len(cells)))
        texts = {c: _text(cells[COL[c]], row, c, found) for c in COLUMNS}
        if not any(texts.values()):
            continue
        update = _row(row, texts, cells, period, by_key, seen, locked_states, found)
        if update is not None:
            _check_version(row, texts["版本"], versions.get(update.item.key, 0), found)
        if update is not None:
            updates.append(update)
    if found.errors:
        raise WorkbookErrors(found.errors, file=name)
    return updates


def _check_version(row: int, written: str, current: int, found: _Collector) -> None:
    if written != str(current):
        found.add(row, "版本", f"该事项的报告在下载模板后已在网页上修改（模板为第 {written or '?'} 版，"
                             f"现为第 {current} 版），请重新下载模板后再填写")


def _row(row, texts, cells, period, by_key, seen, locked_states, found) -> RowUpdate | None:
    if texts["报告期"] != period:
        found.add(row, "报告期", f"应为「{period}」（不能修改锁定列）")
    item = by_key.get((texts["类别"], texts["识别码"]))
    if item is None:
        found.add(row, "识别码", "不是本单位本期的报送事项（不能修改锁定列）")
        return None
    if item.key in seen:
        found.add(row, "识别码", "同一事项重复出现")
        return None
    seen.add(item.key)
    if texts["本单位职责"] != ROLE_NAMES[item.role]:
        found.add(row, "本单位职责", f"应为「{ROLE_NAMES[item.role]}」（不能修改锁定列）")
    raw = cells[COL["截至本期完成值"]]
    value_in = raw.value if raw.data_type == "n" else texts["截至本期完成值"]
    try:
        value = parse_value(value_in, quantitative=item.quantitative)
        value_range.check(value, item.target, confirmed=False)
    except value_range.NeedsConfirmation as err:
        found.add(row, "截至本期完成值", f"{err.what}，请核对；确认无误请在网页上填写并勾选确认")
        value = None
    except InputError as err:
        found.add(row, "截至本期完成值", err.message)
        value = None
    values = {"value_to_date": value, **{f: texts[c] for c, f in TEXTS.items()}}
    for column, field_name in TEXTS.items():
        if len(values[field_name]) > MAX_TEXT:
            found.add(row, column, f"不能超过 {MAX_TEXT} 字")
    action = texts["操作"]
    if action and action not in ACTIONS:
        found.add(row, "操作", f"只能选择「{'」或「'.join(ACTIONS)}」")
    if action == "提交审核" and not values["narrative"]:
        found.add(row, "工作进展", "提交审核前请填写工作进展")
    if item.key in locked_states:
        if action:
            found.add(row, "操作", f"该事项的报告{STATE_NAMES[locked_states[item.key]]}，不能再修改")
        return None
    if not action and not any(values[f] for f in TEXTS.values()) and value is None:
        return None
    return RowUpdate(item, values, submit=action == "提交审核")
