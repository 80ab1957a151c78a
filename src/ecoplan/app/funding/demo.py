"""Demo step: money by source for a few tasks and targets (合成数据).

SYNTHETIC: the amounts below are invented for the demo, in the order of magnitude of a city's
and a district's yearly budget lines for such work; every row's note says 合成数据. The key
projects' own money by source comes from the synthetic project ledger (``projects.demo``).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecoplan.app.funding import service
from ecoplan.app.funding.models import SYNTHETIC, ItemFunding
from ecoplan.app.progress import todo
from ecoplan.app.units.models import Unit

NOTE = f"{SYNTHETIC}：演示用金额"
ROWS = (
    # (task number, target metric or None for the task itself, unit, source, planned, spent)
    ("15", None, "市住房和城乡建设局", "市级财政", "3200", "1450"),
    ("15", None, "武进区", "区级财政", "1800", "760"),
    ("15", None, "武进区", "专项债", "5000", "2100"),
    ("5", "整治提升企业", "武进区", "区级财政", "800", "350"),
    ("25", "新改扩建农村公厕", "武进区", "区级财政", "420", "180"),
    ("14", "溧阳市长荡湖退田还湖", "溧阳市", "区级财政", "2600", "900"),
    ("14", "溧阳市长荡湖退田还湖", "溧阳市", "市级财政", "1000", "400"),
    ("10", None, "市生态环境局", "市级财政", "1500", "620"),
    ("10", None, "市生态环境局", "社会资本", "2400", "900"),
    ("30", None, "", "市级财政", "200", "80"),
)
"""Task 15 (城乡污水), 武进区's quota targets of tasks 5 and 25, 溧阳市's target of task 14
(长荡湖退田还湖), task 10 (臭氧) and one
row the city keeps for itself (市级统筹)."""


def _item(version, number: str, metric: str | None) -> tuple[str, str] | None:
    task = next((t for t in version.tasks if t.number == number), None)
    if task is None:
        return None
    if metric is None:
        return "task", task.uid
    target = next((g for g in task.targets if g.metric == metric), None)
    return ("target", target.uid) if target is not None else None


def load_demo_funding(session: Session, report) -> None:
    version = todo.published(session)
    if version is None:
        report.lines.append("资金安排：全市工作方案尚未发布，未生成演示数据")
        return
    if session.scalar(select(ItemFunding.id).where(ItemFunding.plan_id == version.plan_id)):
        report.lines.append("资金安排：已有资金安排，未重复生成")
        return
    units = set(session.scalars(select(Unit.name)))
    made = 0
    for number, metric, unit, source, planned, spent in ROWS:
        item = _item(version, number, metric)
        if item is None or (unit and unit not in units):
            continue
        service.save(session, actor=None, version=version, kind=item[0], uid=item[1],
                     source=source, planned=planned, spent=spent, note=NOTE, unit=unit)
        made += 1
    report.lines.append(f"资金安排（合成数据）：{made} 条任务、目标按来源的计划与支出金额")
