"""What a unit must report on: its tasks and their targets in the published plan, by role.

A unit named in a task's responsibilities reports with that role (牵头 / 配合 / 按职责分工负责 /
负责落实). A district also reports its share of every task that binds it (the task names the
district, or 各辖市区) as 负责落实 unless it is named with another role. Targets of a task are
reported by the task's units with the same role; the plan's overall goals (工作目标) are measured
from monitoring data, not reported.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecoplan.app.plans import queries, versions
from ecoplan.app.plans.models import ROLES, PlanVersion, Target, Task
from ecoplan.app.plans.present import target_text
from ecoplan.app.units.models import Unit


@dataclass(frozen=True)
class TodoItem:
    """One row of a unit's to-do list."""

    kind: str
    """"task" or "target"."""
    uid: str
    role: str
    task: Task
    target: Target | None = None

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, self.uid)

    @property
    def number(self) -> str:
        return self.task.number

    @property
    def title(self) -> str:
        return target_text(self.target) if self.target else self.task.title

    @property
    def value_unit(self) -> str:
        return self.target.unit if self.target else ""

    @property
    def quantitative(self) -> bool:
        return self.target is not None


def is_district(unit: Unit) -> bool:
    """One of the seven districts (辖市区) themselves, which report their share of tasks."""
    return unit.kind == "district" and unit.name in queries.DISTRICTS


def represented(unit: Unit) -> bool:
    """A district's government (武进区人民政府) or all of them (各辖市区人民政府): the
    district's own account reports for it, so it is not asked separately."""
    if unit.kind != "district" or is_district(unit):
        return False
    prefixes = (*queries.DISTRICTS, queries.ALL_DISTRICTS_MARK)
    return any(name.startswith(prefixes) for name in (unit.name, *(unit.aliases or [])))


def task_role(task: Task, unit: Unit) -> str | None:
    """The unit's strongest role in ``task`` (lead first), or None when it has none.

    A district also takes the roles of its government (``武进区人民政府`` for 武进区) and
    负责落实 in every task that binds it.
    """
    district = is_district(unit)
    roles = {r.role for r in task.responsibilities
             if r.unit_id == unit.id or (district and r.unit_name.startswith(unit.name))}
    if not roles and district and queries.binds_district(task, unit.name):
        return "implementer"
    return next((role for role in ROLES if role in roles), None)


def items_for(version: PlanVersion, unit: Unit) -> list[TodoItem]:
    """Every task and task target ``unit`` reports on in ``version``, in plan order."""
    items: list[TodoItem] = []
    for task in version.tasks:
        role = task_role(task, unit)
        if role is None:
            continue
        items.append(TodoItem("task", task.uid, role, task))
        items.extend(TodoItem("target", t.uid, role, task, t) for t in task.targets)
    return items


def published(session: Session) -> PlanVersion | None:
    """The published version units report against (fully loaded), or None."""
    version = versions.latest_published(session)
    return queries.load_version(session, version.id) if version else None


def find_item(version: PlanVersion, unit: Unit, kind: str, uid: str) -> TodoItem | None:
    return next((i for i in items_for(version, unit) if i.key == (kind, uid)), None)


def reporting_units(session: Session, version: PlanVersion) -> list[tuple[Unit, list[TodoItem]]]:
    """Every active unit with something to report, with its items (by unit name); district
    governments are represented by their district."""
    units = session.scalars(select(Unit).where(Unit.active.is_(True)).order_by(Unit.name))
    result = []
    for unit in units:
        if represented(unit):
            continue
        items = items_for(version, unit)
        if items:
            result.append((unit, items))
    return result


def describe(version: PlanVersion | None, report) -> TodoItem | None:
    """The item a report is about, as the published version has it (None if it is gone)."""
    for task in version.tasks if version else []:
        if report.item_kind == "task" and task.uid == report.item_uid:
            return TodoItem("task", task.uid, report.role, task)
        for target in task.targets:
            if report.item_kind == "target" and target.uid == report.item_uid:
                return TodoItem("target", target.uid, report.role, task, target)
    return None
