"""The work itself for the completion items: each assessed unit's tasks and targets with the
platform's one status (:mod:`ecoplan.app.status`) on the evaluation day.

A unit answers for the tasks it leads (牵头) and for the targets whose figure it owes: the city
figure it owns, or its own part with a quota (a district's share of 绿色工厂, judged on its own
quota) — what its to-do list (:func:`ecoplan.app.progress.todo.items_for`) asks of it, judged by
:func:`ecoplan.app.status.units.own_status`, the status its unit page shows. The evaluation day
is the office's (评估日期, else today in Beijing), capped at the end of the assessed period.

An item's deadline (a target's own, else its task's; a task's from its time limits, else the year
end) falls in the period when it lies between the period's start and the evaluation day; such
an item is ``met`` when done and the first approved report showing it done is for a period
ending by the deadline (or no report dates it), ``late`` when that report is later, ``missed``
when it is not done.
"""

from __future__ import annotations

import calendar as month_days
import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecoplan.app.assessment.gather import Period
from ecoplan.app.obligations import store as obligations
from ecoplan.app.obligations.rules import COMPARE
from ecoplan.app.progress import todo
from ecoplan.app.progress.todo import span_of
from ecoplan.app.status import service
from ecoplan.app.status.status import DONE
from ecoplan.app.status.units import item_statuses, own_status
from ecoplan.app.units.models import Unit
from ecoplan.assessment import WorkItem

LAGGING = ("behind", "far_behind", "overdue")
"""Task statuses the review lists as lagging (滞后, 严重滞后, 逾期未完成)."""


@dataclass(frozen=True)
class Work:
    """What the review reads of the one status: each unit's items, the task statuses."""

    as_of: dt.date | None
    """The evaluation day the statuses are of (None: nothing published for the year)."""
    by_unit: dict[str, tuple[WorkItem, ...]]
    tasks: dict[str, dict]
    """Task uid → its one status (``code``, ``label``, ``why``)."""

    def lagging(self, version) -> list:
        """The tasks of ``version`` whose one status is behind or overdue, in plan order."""
        return [t for t in version.tasks if self.tasks.get(t.uid, {}).get("code") in LAGGING] \
            if version is not None else []


def _period_end(period: str, year: int) -> dt.date:
    last_month = span_of(period)[0]
    return dt.date(year, last_month, month_days.monthrange(year, last_month)[1])


def _done_on(ctx, uid: str, unit_ids: set[int], comparator: str, goal: float | None):
    """The end of the first period whose approved report (by ``unit_ids``) reached ``goal``."""
    if goal is None:
        return None
    for report in ctx.by_item.get(("target", uid), []):
        if report.unit_id in unit_ids and report.value_to_date is not None \
                and COMPARE[comparator](report.value_to_date, goal):
            return _period_end(report.period, ctx.year)
    return None


def _target_deadline(ctx, target) -> dt.date:
    if target.deadline:
        return target.deadline
    return service.task_deadline(target.task, ctx.year) if target.task else dt.date(ctx.year, 12, 31)


def _deadline_result(ctx, when: Period, unit: Unit, item, code: str) -> str | None:
    target = item.target
    deadline = _target_deadline(ctx, target) if target else service.task_deadline(item.task, ctx.year)
    if not when.start <= deadline <= ctx.as_of:
        return None
    if code != DONE:
        return "missed"
    if target is not None:
        goal = item.quota if item.quota is not None else target.value
        owners = {unit.id}
    else:  # a task: done when its targets were, as its lead reported them
        dates = [_done_on(ctx, t.uid, {unit.id}, t.comparator, t.value) for t in item.task.targets]
        done = max(dates) if dates and None not in dates else None
        return "late" if done is not None and done > deadline else "met"
    done = _done_on(ctx, target.uid, owners, target.comparator, goal)
    return "late" if done is not None and done > deadline else "met"


def _unit_work(ctx, when: Period, unit: Unit, statuses: dict) -> tuple[WorkItem, ...]:
    out = []
    for item in todo.items_for(ctx.version, unit, None):
        if item.kind == "task" and (item.role != "lead" or item.uid == todo.IMPLEMENTATION):
            continue
        status, _ = own_status(ctx, unit, item, statuses)
        out.append(WorkItem(item.kind, f"{item.number} {item.title}", status.code,
                            _deadline_result(ctx, when, unit, item, status.code)))
    return tuple(out)


def _goal_statuses(ctx) -> dict:
    """The goals of the goals section someone reports (an owner or contributions), judged from
    their figure as the overview judges them (:func:`ecoplan.app.status.figures.goal_rows`)."""
    obs = obligations.of(ctx.version)
    return {("target", g.uid): service.target_status(ctx, g) for g in ctx.version.targets
            if g.task_id is None and obs[g.uid].source != "monitoring"}


def work(session: Session, *, when: Period, today: dt.date,
         units: list[tuple[str, str]]) -> Work:
    """The one status of every assessed unit's work for ``when`` (``units``: (name, kind))."""
    ctx = service.context(session, today=today, until=when.end)
    if ctx is None or ctx.year != when.year:
        return Work(None, {}, {})
    rows = service.tasks(ctx)
    statuses = {**item_statuses(rows), **_goal_statuses(ctx)}
    names = [name for name, _ in units]
    found = {u.name: u for u in session.scalars(select(Unit).where(Unit.name.in_(names)))}
    by_unit = {name: _unit_work(ctx, when, found[name], statuses) for name in names if name in found}
    return Work(ctx.as_of, by_unit, {r["uid"]: r["status"] for r in rows})
