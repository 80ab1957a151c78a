"""Helpers for the ledger tests: item fields and small .xlsx ledgers built in memory."""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import Workbook

from ecoplan.app.ledger.fields import ItemFields

HEADER = ("序号", "问题编号", "问题来源", "督察批次", "反馈问题", "属地", "责任单位", "整改措施",
          "整改时限", "整改阶段")


def fields(code: str, **kw) -> ItemFields:
    base = dict(code=code, source="central", batch="第二轮第二批", description=f"{code} 问题描述",
                district="武进区", units=["市生态环境局"], measures="立即整改",
                deadline=dt.date(2023, 6, 30), stage="short")
    return ItemFields(**{**base, **kw})


def xlsx(rows, header=HEADER, title_rows=1) -> bytes:
    wb = Workbook()
    ws = wb.active
    for _ in range(title_rows):
        ws.append(["常州市突出生态环境问题整改台账"])
    ws.append(list(header))
    for row in rows:
        ws.append(list(row))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
