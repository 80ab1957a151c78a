"""Obligations derived from the plan itself, before the office changes anything. Pure.

* A goal of the goals section (工作目标) bound to a monitoring indicator is measured
  (``monitoring``); any other goal has no path until the office names an owner (flagged).
* A task's target is reported by its lead (``report``). A target the plan writes for one
  district (溧阳市长荡湖退田还湖) is that district's; one written for every district (各辖市区
  至少建成1条) is decomposed to the seven, each with the target as its quota, all to be met.
* A task without a lead (按职责分工负责 only): its first named unit reports the city figure,
  flagged for the office to confirm; with no concrete unit at all, no path (flagged).
"""

from __future__ import annotations

from ecoplan.app.obligations.rules import Contribution, Obligation
from ecoplan.app.plans import queries
from ecoplan.app.plans.models import PlanVersion, Responsibility, Role, Target, Task

COLLECTIVE = ("市各有关部门", queries.ALL_DISTRICTS_MARK)
"""Phrases naming no unit anyone can log in as (市各有关部门, 各辖市区人民政府)."""


def collective(r: Responsibility) -> bool:
    return r.unit_id is None or r.unit_name.startswith(COLLECTIVE)


def concrete(task: Task, role: str) -> list[Responsibility]:
    """The task's units of ``role`` that are real units (not a collective phrase, not a
    district government: districts report through their own implementation report)."""
    seen, out = set(), []
    for r in task.responsibilities:
        if r.role == role and not collective(r) and r.unit_id not in seen \
                and not _district_government(r):
            seen.add(r.unit_id)
            out.append(r)
    return out


def _district_government(r: Responsibility) -> bool:
    return r.role == Role.IMPLEMENTERS


def named_district(target: Target) -> str | None:
    """The district a target is written for (its scope, or its metric starting with it)."""
    if target.scope in queries.DISTRICTS:
        return target.scope
    return next((d for d in queries.DISTRICTS if (target.metric or "").startswith(d)), None)


def for_goal(goal: Target, indicator: str | None) -> Obligation:
    if indicator:
        return Obligation(goal.uid, "monitoring", "monthly", 1, indicator=indicator)
    return Obligation(goal.uid, "report", "yearly", 12,
                      flags=("没有监测指标，也没有报送单位：请生态办指定报送单位和报送频次",))


def for_target(target: Target, task: Task, districts: dict[str, int]) -> Obligation:
    district = named_district(target)
    if district and district in districts:
        return Obligation(target.uid, "report", owner_id=districts[district], owner=district)
    if target.scope.startswith(queries.ALL_DISTRICTS_MARK) and districts:
        parts = tuple(Contribution(uid, name, target.value) for name, uid in districts.items())
        return Obligation(target.uid, "contributions", aggregation="all_met", contributions=parts)
    leads = concrete(task, "lead")
    if leads:
        flags = (f"任务有{len(leads)}个牵头单位，默认由{leads[0].unit_name}报送全市数，请确认",) \
            if len(leads) > 1 else ()
        return Obligation(target.uid, "report", owner_id=leads[0].unit_id, owner=leads[0].unit_name,
                          flags=flags)
    others = concrete(task, "shared") or concrete(task, "cooperating")
    if others:
        return Obligation(target.uid, "report", owner_id=others[0].unit_id,
                          owner=others[0].unit_name,
                          flags=(f"方案未明确牵头单位，默认由{others[0].unit_name}报送全市数，请确认",))
    return Obligation(target.uid, "report",
                      flags=("任务只写了“市各有关部门”等统称：请生态办指定报送单位",))


def derive(version: PlanVersion, districts: dict[str, int],
           indicators: dict[str, str]) -> dict[str, Obligation]:
    """Every target's default obligation (``districts``: name → unit id of the seven;
    ``indicators``: goal uid → the monitoring binding measuring it)."""
    out = {}
    for target in version.targets:
        if target.task_id is None:
            out[target.uid] = for_goal(target, indicators.get(target.uid))
    for task in version.tasks:
        for target in task.targets:
            out[target.uid] = for_target(target, task, districts)
    return out


def task_flags(task: Task) -> list[str]:
    """What the office must settle about a task's units (collective phrases)."""
    return [f"“{r.unit_name}”不是可登录的单位：请改为具体单位，或确认由牵头单位汇总"
            for r in task.responsibilities
            if r.role != Role.IMPLEMENTERS and r.unit_name.startswith(COLLECTIVE[0])]
