"""Demo step: 武进区's sub-plan (合成数据), linked to the city plan and published.

SYNTHETIC: ``data/wujin_2023_subplan.txt`` is written for the demo after the structure of the
city plan (its goals, four of its task groups, ten measures); it is not 武进区's document and
says so in its title. The suggested links are confirmed as made; a few measures get an approved
report (replayed: the demo has no people to submit and approve) so the roll-up on the city's
task pages has something to show.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecoplan.app.subplans import reporting, service
from ecoplan.app.subplans.models import SubPlan
from ecoplan.app.subplans.reading import read_subplan
from ecoplan.app.units.models import Unit
from ecoplan.config import MAX_UPLOAD_BYTES

SOURCE = Path(__file__).parent / "data" / "wujin_2023_subplan.txt"
DISTRICT = "武进区"
STATUSES = {"1": ("in_progress", "已完成初稿，征求部门意见中"), "3": ("done", "20台燃气锅炉低氮改造已完成"),
            "6": ("in_progress", "管网完成 31 公里"), "8": ("behind", "小微水体整治完成 40 个，进度滞后")}
"""Measure number → (status, note) shown in the demo."""


def load_demo_subplan(session: Session, report) -> None:
    plan, unit = service.current_plan(session), session.scalars(
        select(Unit).where(Unit.name == DISTRICT)).first()
    if plan is None or unit is None:
        report.lines.append("子计划：缺少全市工作方案或武进区，未导入演示子计划")
        return
    if session.scalar(select(SubPlan.id).where(SubPlan.unit_id == unit.id,
                                               SubPlan.plan_id == plan.id)):
        report.lines.append("子计划：武进区子计划已存在，未重复导入")
        return
    read = read_subplan(SOURCE.read_bytes(), name=SOURCE.name, year=plan.year,
                        max_bytes=MAX_UPLOAD_BYTES)
    subplan = service.save_subplan(session, actor=None, unit=unit, plan=plan, read=read,
                                   file_name=SOURCE.name, synthetic=True)
    service.set_links(session, actor=None, subplan=subplan, choices={
        i.id: f"{i.link_kind}:{i.link_uid}" if i.link_uid else "none" for i in subplan.items})
    service.publish(session, actor=None, subplan=subplan)
    for item in subplan.items:
        if item.kind == "task" and item.number in STATUSES:
            status, note = STATUSES[item.number]
            reporting.replay_approved(session, item=item, status=status, note=note)
    linked = sum(bool(i.link_uid) for i in subplan.items)
    label = "" if "合成数据" in subplan.title else "（合成数据）"
    report.lines.append(f"子计划：{subplan.title}{label}：{len(subplan.items)} 项，"
                        f"已关联全市任务或目标 {linked} 项")
