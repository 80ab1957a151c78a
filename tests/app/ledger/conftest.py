"""Ledger fixtures: a few items in a migrated database with the ``people`` units."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import Workbook

from ecoplan.app.db import unit_of_work
from ecoplan.app.ledger.fields import ItemFields
from ecoplan.app.ledger.service import create_item

HEADER = ("序号", "问题编号", "问题来源", "督察批次", "反馈问题", "属地", "责任单位", "整改措施",
          "整改时限", "整改阶段")


def fields(code: str, **kw) -> ItemFields:
    base = dict(code=code, source="central", batch="第二轮第二批", description=f"{code} 问题描述",
                district="武进区", units=["市生态环境局"], measures="立即整改",
                deadline=dt.date(2023, 6, 30), stage="short")
    return ItemFields(**{**base, **kw})


@pytest.fixture
def items(db, people) -> dict[str, int]:
    """Three items: ZY-1 (武进区), ZY-2 (新北区, 发改委), SJ-3 (city level, 生态环境局)."""
    with unit_of_work(db) as session:
        made = [create_item(session, actor="test", fields=fields("ZY-1")),
                create_item(session, actor="test", fields=fields(
                    "ZY-2", district="新北区", units=["市发展和改革委员会"])),
                create_item(session, actor="test", fields=fields(
                    "SJ-3", source="city", district="", deadline=dt.date(2099, 1, 1)))]
        session.flush()
        return {i.code: i.id for i in made}


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
