"""Demo step: the Changzhou office's obligations for the goals with no monitoring indicator and a
few targets decomposed to the districts (演示数据: owners follow the plan's own task text; the
quotas are examples that add up to the city target).

* 受污染耕地安全利用率: 市生态环境局 (task 23(1): 年底前完成当年度核算), yearly;
* the four emission cuts of key projects: 市生态环境局, half-yearly;
* 生态质量指数持续提升 (no figure in the plan: the index's change against last year, > 0):
  市生态环境局 (it evaluates the index, HJ 1172-2021; task 28 试点生态质量指数综合评价), yearly;
* 林木覆盖率, 湿地保护率: 市自然资源和规划局 (tasks 27/28), yearly;
* 培育市级及以上绿色工厂 40家, 整治提升企业 2000家, 新改扩建农村公厕 127座: the seven districts'
  quotas, summed.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecoplan.app.audit.service import record
from ecoplan.app.obligations import service
from ecoplan.app.obligations.models import ObligationRow
from ecoplan.app.plans import queries, versions

DISTRICT_ORDER = ("溧阳市", "金坛区", "武进区", "新北区", "天宁区", "钟楼区", "常州经开区")
GOAL_OWNERS = (
    ("受污染耕地安全利用率", "市生态环境局", "yearly", 12),
    ("氮氧化物", "市生态环境局", "half_yearly", 6),
    ("挥发性有机物", "市生态环境局", "half_yearly", 6),
    ("化学需氧量", "市生态环境局", "half_yearly", 6),
    ("氨氮", "市生态环境局", "half_yearly", 6),
    ("生态质量指数", "市生态环境局", "yearly", 12),
    ("林木覆盖率", "市自然资源和规划局", "yearly", 12),
    ("湿地保护率", "市自然资源和规划局", "yearly", 12),
)
"""(the goal's metric contains, owner, frequency, first month)."""
QUOTAS = (
    ("培育市级及以上绿色工厂", (6, 5, 10, 8, 3, 3, 5)),
    ("整治提升企业", (300, 250, 550, 400, 150, 150, 200)),
    ("新改扩建农村公厕", (30, 28, 35, 20, 2, 2, 10)),
)
"""(the task target's metric, the districts' quotas in DISTRICT_ORDER: they sum to the target)."""
NOTE = "演示数据：常州默认报送责任"


def load_demo_obligations(session: Session, report) -> None:
    latest = versions.latest_published(session)
    version = queries.load_version(session, latest.id) if latest else None
    if version is None:
        return
    if session.scalar(select(ObligationRow.id).where(ObligationRow.plan_id == version.plan_id)
                      .limit(1)):
        report.lines.append("报送责任（演示数据）：已设置，未重复填入")
        return
    goals = [t for t in version.targets if t.task_id is None]
    done = 0
    for part, owner, frequency, first in GOAL_OWNERS:
        goal = next(g for g in goals if part in g.metric)
        service.set_obligation(session, actor=None, version=version, target_uid=goal.uid, values={
            "source": "report", "owner": owner, "frequency": frequency, "first_month": first,
            "note": NOTE})
        done += 1
    for metric, quotas in QUOTAS:
        target = next(t for t in version.targets if t.task_id is not None and t.metric == metric)
        parts = [{"unit": d, "quota": q} for d, q in zip(DISTRICT_ORDER, quotas)]
        service.set_obligation(session, actor=None, version=version, target_uid=target.uid, values={
            "source": "contributions", "aggregation": "sum", "contributions": parts,
            "frequency": "monthly", "first_month": 1, "note": NOTE})
        done += 1
    record(session, actor=None, action="obligation.demo", object_type="obligation",
           object_id=str(version.plan_id), after={"obligations": done})
    report.lines.append(f"报送责任（演示数据）：{len(GOAL_OWNERS)} 项工作目标指定报送单位，"
                        f"{len(QUOTAS)} 项目标分解到辖市区")
