"""The ledger as a spreadsheet (its headers are recognised again by the importer)."""

from __future__ import annotations

import datetime as dt

from ecoplan.app.ledger.models import SOURCE_LABELS, STAGE_LABELS, LedgerItem
from ecoplan.app.ledger.service import is_overdue
from ecoplan.app.ledger.workflow import STATE_LABELS
from ecoplan.reports.xlsx import Sheet, write_workbook

COLUMNS = ("问题编号", "问题来源", "批次", "问题描述", "辖市区", "责任单位", "整改措施",
           "整改时限", "阶段", "整改状态", "是否逾期", "关联任务", "关联目标", "销号日期", "整改佐证")


def ledger_sheet(items: list[LedgerItem], *, today: dt.date, links: dict[str, str]) -> Sheet:
    """``links``: uid → task number or target metric, to show links as people know them."""
    rows = [(i.code, SOURCE_LABELS[i.source], i.batch, i.description, i.district or "市级",
             i.units, i.measures, i.deadline, STAGE_LABELS[i.stage], STATE_LABELS[i.state],
             "是" if is_overdue(i, today) else "否", links.get(i.task_uid or "", ""),
             links.get(i.target_uid or "", ""), i.closed_on, i.evidence) for i in items]
    return Sheet(title="整改台账", columns=COLUMNS, rows=rows,
                 widths=(14, 18, 12, 48, 10, 24, 40, 12, 8, 10, 8, 8, 16, 12, 36), wrap={3, 6, 14})


def export_ledger(items: list[LedgerItem], *, today: dt.date, links: dict[str, str]) -> bytes:
    return write_workbook([ledger_sheet(items, today=today, links=links)])
