"""The project ledger's columns and the check of one cell of each (shared by import and template)."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
import re
from dataclasses import dataclass

from ecoplan.app.plans.queries import DISTRICTS
from ecoplan.app.core.clock import today
from ecoplan.app.projects.models import CATEGORIES, SOURCES


@dataclass(frozen=True)
class Column:
    field: str
    header: str
    kind: str = "text"  # text, money, date, category, district, owner, task
    required: bool = False
    width: int = 14


COLUMNS = (
    Column("code", "项目编号", required=True, width=12),
    Column("name", "项目名称", required=True, width=36),
    Column("category", "项目类别", "category", True, 30),
    Column("task", "关联任务", "task", width=8),
    Column("owner", "责任单位", "owner", True, 24),
    Column("district", "所在辖市区", "district", width=12),
    Column("location", "建设地点", width=24),
    Column("content", "建设内容", width=40),
    Column("invest_planned", "计划总投资（万元）", "money", True),
    Column("invest_done", "累计完成投资（万元）", "money"),
    *(Column(f"fund:{s}", f"{s}（万元）", "money") for s in SOURCES),
    Column("start_planned", "计划开工日期", "date", width=12),
    Column("start_actual", "实际开工日期", "date", width=12),
    Column("main_planned", "计划主体完工日期", "date", width=12),
    Column("main_actual", "实际主体完工日期", "date", width=12),
    Column("ops_planned", "计划投运日期", "date", width=12),
    Column("ops_actual", "实际投运日期", "date", width=12),
)
BY_HEADER = {c.header: c for c in COLUMNS}
CITY = "市级"
MAX_MONEY = 1e9
"""万元: 10 万亿元, far above any project; larger is a typing error."""
DATE_TEXT = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


class CellError(ValueError):
    """A cell's value is wrong: the message says what is expected."""


def text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def money(value) -> float | None:
    """An amount in 万元 rounded to two places (四舍五入) on its decimal text, not on a binary
    float (``1234.565`` → 1234.57); returned as a float for the JSON funding and the checks,
    stored as an exact decimal (``models.to_money``)."""
    if value is None or text(value) == "":
        return None
    if isinstance(value, bool):
        raise CellError("应为数字（万元）")
    raw = str(value).replace(",", "").strip() if isinstance(value, str) else repr(float(value))
    try:
        number = Decimal(raw)
    except (InvalidOperation, TypeError, ValueError):
        raise CellError(f"“{text(value)}”不是数字（万元）") from None
    if not number.is_finite() or number < 0 or number > MAX_MONEY:
        raise CellError("应为不小于 0 的金额（万元）")
    return float(number.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def date(value) -> dt.date | None:
    if value is None or text(value) == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    match = DATE_TEXT.match(text(value))
    if match:
        try:
            return dt.date(*(int(g) for g in match.groups()))
        except ValueError:
            pass
    raise CellError(f"“{text(value)}”不是日期（如 2023-06-30）")


def check_cell(column: Column, value, *, units: dict[str, str], tasks: set[str]):
    """The cell's value as stored, or :class:`CellError`."""
    if column.kind == "money":
        return money(value)
    if column.kind == "date":
        return date(value)
    raw = text(value)
    if column.required and not raw:
        raise CellError("不能为空")
    if column.kind == "category" and raw not in CATEGORIES:
        raise CellError(f"“{raw}”不是项目类别，应为：{'、'.join(CATEGORIES)}")
    if column.kind == "district":
        if raw in ("", CITY):
            return ""
        if raw not in DISTRICTS:
            raise CellError(f"“{raw}”不是辖市区，应为：{'、'.join(DISTRICTS)} 或 市级")
    if column.kind == "owner":
        if raw not in units:
            raise CellError(f"“{raw}”不是已登记的单位名称或别名")
        return units[raw]
    if column.kind == "task" and raw and tasks and raw not in tasks:
        raise CellError(f"现行工作方案中没有第 {raw} 项任务")
    limit = 200 if column.field in ("name", "location") else 50
    if column.field != "content" and len(raw) > limit:
        raise CellError(f"不能超过 {limit} 个字")
    return raw


def row_problems(values: dict) -> list[tuple[str, str]]:
    """Checks across a row's cells: (header, message)."""
    problems = []
    if values.get("invest_planned") is None:
        problems.append(("计划总投资（万元）", "不能为空"))
    funding = {k: v for k, v in (values.get("funding") or {}).items() if v is not None}
    planned = values.get("invest_planned")
    if funding and planned is not None and abs(sum(funding.values()) - planned) > 0.01:
        problems.append(("计划总投资（万元）",
                         f"各资金来源合计 {sum(funding.values()):g} 万元，与计划总投资 {planned:g} 万元不符"))
    order = [("start", "开工"), ("main", "主体完工"), ("ops", "投运")]
    for key, label in order:  # today in Beijing
        if values.get(f"{key}_actual") and values.get(f"{key}_actual") > today():
            problems.append((f"实际{label}日期", "实际日期不能晚于今天"))
    for kind in ("planned", "actual"):
        dates = [(label, values.get(f"{key}_{kind}")) for key, label in order]
        known = [(label, d) for label, d in dates if d]
        for (a, da), (b, db) in zip(known, known[1:]):
            if db < da:
                word = "计划" if kind == "planned" else "实际"
                problems.append((f"{word}{b}日期", f"早于{word}{a}日期"))
    return problems
