"""Demo step: a few rectification items so the ledger pages have something to show.

SYNTHETIC: the items are invented for the demo (their batch says 演示数据); they are not
Changzhou's real inspection findings.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecoplan.app.ledger.fields import ItemFields
from ecoplan.app.ledger.models import LedgerItem
from ecoplan.app.ledger.service import create_item

DEMO_BATCH = "演示数据"
ITEMS = (
    ("YS-2023-001", "central", "武进区", ("市生态环境局",), "某工业园区雨水排口晴天排水，水体发黑发臭",
     "排查园区雨污管网，封堵私接乱排口，实施雨污分流改造", dt.date(2023, 9, 30), "short"),
    ("YS-2023-002", "provincial", "新北区", ("市住房和城乡建设局",), "建筑工地扬尘防控措施落实不到位",
     "落实工地“六个百分百”，安装在线监测与视频监控", dt.date(2023, 6, 30), "short"),
    ("YS-2023-003", "warning_film", "武进区", ("市水利局", "市生态环境局"), "太湖一级保护区内违规养殖尾水直排",
     "清理违规养殖，建设尾水净化设施", dt.date(2024, 12, 31), "medium"),
    ("YS-2023-004", "city", "", ("市城市管理局",), "城区部分餐饮油烟净化设施未正常运行",
     "开展餐饮油烟专项整治，建立清洗维护台账", dt.date(2027, 12, 31), "long"),
)


def load_demo_ledger(session: Session, report) -> None:
    """Create the demo items that do not exist yet."""
    existing = set(session.scalars(select(LedgerItem.code)))
    created = 0
    for code, source, district, units, description, measures, deadline, stage in ITEMS:
        if code in existing:
            continue
        create_item(session, actor=None, fields=ItemFields(
            code=code, source=source, batch=DEMO_BATCH, description=description,
            district=district, units=list(units), measures=measures, deadline=deadline,
            stage=stage))
        created += 1
    report.lines.append(f"整改台账（演示数据）：新增 {created} 项，共 {len(ITEMS)} 项")
