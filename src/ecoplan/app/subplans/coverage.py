"""What the city sees of the sub-plans: coverage and the roll-up into a city task.

- A sub-plan's **coverage** is the share of the city tasks that fall to its unit (a district:
  the tasks binding it, 各辖市区 included; a department: the tasks naming it; a unit named by
  none: every task) served by at least one of its confirmed measures, in % with one decimal.
- The city's coverage lists the city tasks no sub-plan serves, and the districts with no plan.
- A city task's roll-up counts the confirmed measures serving it (or one of its targets) by
  status; the task's sub-plan status is 滞后 when any is behind, 已完成 when all are done,
  推进中 when any has started, else 未开始.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecoplan.app.plans.models import PlanVersion, Task
from ecoplan.app.plans.queries import DISTRICTS, binds_district
from ecoplan.app.subplans.models import ITEM_STATUS_LABELS, SubPlan, SubPlanItem


def assigned_tasks(version: PlanVersion, unit) -> list[Task]:
    """The city tasks that fall to ``unit`` (every task when none names it)."""
    if unit.kind == "district":
        mine = [t for t in version.tasks if binds_district(t, unit.name)]
    else:
        mine = [t for t in version.tasks
                if any(r.unit_id == unit.id for r in t.responsibilities)]
    return mine or list(version.tasks)


def served_task_uids(version: PlanVersion, items: list[SubPlanItem]) -> set[str]:
    """The city tasks the confirmed items serve (directly or through one of its targets)."""
    task_of_target = {g.uid: g.task.uid for g in version.targets if g.task is not None}
    served = set()
    for item in items:
        if item.confirmed and item.link_uid:
            uid = item.link_uid if item.link_kind == "task" else task_of_target.get(item.link_uid)
            if uid:
                served.add(uid)
    return served


@dataclass
class Coverage:
    assigned: int
    covered: int
    uncovered: list[str] = field(default_factory=list)
    """Numbers of the assigned city tasks no confirmed measure serves."""

    @property
    def percent(self) -> float | None:
        return round(100 * self.covered / self.assigned, 1) if self.assigned else None


def coverage(version: PlanVersion, subplan: SubPlan) -> Coverage:
    mine = assigned_tasks(version, subplan.unit)
    served = served_task_uids(version, subplan.items)
    return Coverage(len(mine), sum(t.uid in served for t in mine),
                    [t.number for t in mine if t.uid not in served])


@dataclass
class CityCoverage:
    uncovered_tasks: list[Task]
    districts_without: list[str]
    rows: list[tuple[SubPlan, Coverage]]


def city_coverage(session: Session, version: PlanVersion) -> CityCoverage:
    subplans = list(session.scalars(select(SubPlan).where(SubPlan.plan_id == version.plan_id)
                                    .order_by(SubPlan.id)))
    served = served_task_uids(version, [i for s in subplans for i in s.items])
    with_plan = {s.owner for s in subplans}
    return CityCoverage([t for t in version.tasks if t.uid not in served],
                        [d for d in DISTRICTS if d not in with_plan],
                        [(s, coverage(version, s)) for s in subplans])


@dataclass
class RollUp:
    items: list[SubPlanItem]
    counts: dict[str, int]

    @property
    def status(self) -> str | None:
        if not self.items:
            return None
        c = self.counts
        if c.get("behind"):
            return "behind"
        if c.get("done") == len(self.items):
            return "done"
        return "in_progress" if c.get("in_progress") or c.get("done") else "not_started"

    @property
    def status_label(self) -> str | None:
        return ITEM_STATUS_LABELS.get(self.status) if self.status else None


def task_rollup(session: Session, task: Task) -> RollUp:
    """The confirmed measures of every sub-plan serving ``task`` or one of its targets."""
    uids = [task.uid, *(g.uid for g in task.targets)]
    items = list(session.scalars(
        select(SubPlanItem).join(SubPlan).where(SubPlanItem.confirmed.is_(True),
                                                SubPlanItem.link_uid.in_(uids))
        .order_by(SubPlan.id, SubPlanItem.position)))
    counts: dict[str, int] = {}
    for item in items:
        counts[item.status] = counts.get(item.status, 0) + 1
    return RollUp(items, counts)
