"""The money in the status workbook (``/status/export.xlsx``): what funding adds to the status
feature's export through an :class:`~ecoplan.app.core.manifest.ExportPart`, since the status
sits below funding and never imports it.

- 重点任务: the task's and its targets' amounts, planned and spent (万元);
- 工作目标: each goal's own amounts;
- a sheet 资金安排（按来源）: one row per task or target with money, planned and spent by source,
  and the 合计 row; a note when the demo's synthetic amounts are among them.

Only the office's amounts per task/target (``item_funding``, which every ``funding.view`` user
sees whole); the key projects' investment, whose visibility depends on the user, is a part of
its own (:mod:`.project_money`, built per visibility class). The kept workbook is made again when ``item_funding`` changes
(its data version is part of the key).
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy.orm import Session

from ecoplan.app.core.manifest import ExportAddition, ExportColumns, ExportPart
from ecoplan.app.funding import service, summary
from ecoplan.app.funding.models import KIND_LABELS, SYNTHETIC, ItemFunding
from ecoplan.app.progress import todo
from ecoplan.app.projects.models import SOURCES
from ecoplan.reports.xlsx import ColumnGroup, Sheet

ZERO = Decimal("0.00")
MONEY = "0.00"


def _sums(rows: list[ItemFunding]) -> tuple[Decimal, Decimal]:
    return (sum((Decimal(r.planned) for r in rows), ZERO),
            sum((Decimal(r.spent) for r in rows), ZERO))


def _by_item(rows: list[ItemFunding]) -> dict[tuple[str, str], list[ItemFunding]]:
    found: dict[tuple[str, str], list[ItemFunding]] = {}
    for r in rows:
        found.setdefault((r.item_kind, r.item_uid), []).append(r)
    return found


def _task_columns(version, items: dict) -> ExportColumns:
    values = {}
    for task in version.tasks:
        keys = [("task", task.uid), *(("target", g.uid) for g in task.targets)]
        mine = [r for k in keys for r in items.get(k, ())]
        if mine:
            values[task.uid] = tuple(float(x) for x in _sums(mine))
    return ExportColumns(("任务及其目标资金计划（万元）", "任务及其目标已支出（万元）"), values,
                         {0: MONEY, 1: MONEY})


def _goal_columns(items: dict) -> ExportColumns:
    values = {uid: tuple(float(x) for x in _sums(rows))
              for (kind, uid), rows in items.items() if kind == "target"}
    return ExportColumns(("资金计划（万元）", "资金已支出（万元）"), values, {0: MONEY, 1: MONEY})


def _source_row(rows: list[ItemFunding]) -> list[float]:
    totals = service.totals(rows)
    return [float(totals[s][k]) for s in (*SOURCES, "合计") for k in ("planned", "spent")]


def source_sheet(version, rows: list[ItemFunding]) -> Sheet:
    """Per task or target with money (plan order): planned and spent by source, then 合计."""
    names, tasks = service.labels(version), summary.task_of(version)
    body = [[tasks.get(key, "") or "—", KIND_LABELS[key[0]], names.get(key, key[1]),
             *_source_row(mine)] for key, mine in _by_item(rows).items()]
    body.append(["合计", "", "", *_source_row(rows)])
    if any(r.note.startswith(SYNTHETIC) for r in rows):
        body.append([f"注：含演示用{SYNTHETIC}（说明以“{SYNTHETIC}”开头的资金安排）"])
    headers = [f"{s}{k}（万元）" for s in (*SOURCES, "合计") for k in ("计划", "已支出")]
    return Sheet("资金安排（按来源）", ["任务", "类型", "事项", *headers], body,
                 widths=(6, 6, 44, *(12,) * len(headers)), wrap={2},
                 number_formats={3 + i: MONEY for i in range(len(headers))},
                 groups=source_groups(3, ("计划", "已支出")), legend=LEGEND)


LEGEND = "金额单位：万元。各资金来源下分列计划金额（计划）和已支出金额（已支出）。"


def source_groups(start: int, short: tuple[str, ...]) -> tuple[ColumnGroup, ...]:
    """The print view's header: one group per source and 合计 from column ``start`` on."""
    return tuple(ColumnGroup(start + i * len(short), s, short)
                 for i, s in enumerate((*SOURCES, "合计")))


def status_addition(session: Session, overview: dict) -> ExportAddition | None:
    """The money of the overview's plan; None when it has none."""
    version = todo.published(session)
    if version is None or version.plan_id != overview["plan"]["id"]:
        return None
    rows = summary.item_rows(session, version, summary.Scope())
    if not rows:
        return None
    items = _by_item(rows)
    return ExportAddition(columns={"tasks": _task_columns(version, items),
                                   "goals": _goal_columns(items)},
                          sheets=(source_sheet(version, rows),))


STATUS_PART = ExportPart("status.workbook", "funding.view", (ItemFunding.__tablename__,),
                         status_addition)
