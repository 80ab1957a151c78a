"""What a unit must report on: what it owes under the reporting obligations (报送责任).

* A task's concrete units (牵头 / 配合 / 按职责分工负责) report on the task in words: the lead
  for the whole task, the others their part of it, on the same task.
* A number is reported only where an obligation (:mod:`ecoplan.app.obligations`) asks the unit
  for it: it owns the target's city figure (``report``) or a contribution is assigned to it
  (``contributions``), in the periods the obligation's frequency makes due.
* A district (辖市区) reports what is decomposed to it, the tasks that name it, and one
  implementation report (落实情况) per period — not every city target.
* Collective phrases (市各有关部门, 各辖市区人民政府) are nobody's to-do: district governments are
  represented by their district, the rest is listed for the office on the obligations page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecoplan.app.obligations import store as obligations
from ecoplan.app.obligations.defaults import COLLECTIVE
from ecoplan.app.plans import queries, versions
from ecoplan.app.plans.models import ROLES, PlanVersion, Role, Target, Task
from ecoplan.app.plans.present import target_text
from ecoplan.app.progress.periods import PERIOD_RE
from ecoplan.app.units.models import Unit

IMPLEMENTATION = "implementation"
"""The uid of a district's implementation report (kind ``task``): one per period."""
IMPLEMENTATION_TASK = SimpleNamespace(uid=IMPLEMENTATION, number="落实",
                                      title="本辖区落实全市工作方案情况（综合报告）",
                                      section=None, deadlines=[], responsibilities=[], targets=[])
GOALS_SECTION = "一、工作目标"


@dataclass(frozen=True)
class TodoItem:
    """One row of a unit's to-do list."""

    kind: str
    """"task" or "target"."""
    uid: str
    role: str
    task: Task | None
    """None for a goal of the goals section."""
    target: Target | None = None
    quota: float | None = field(default=None)
    """The unit's assigned part of the target (a contribution), when it has one."""

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, self.uid)

    @property
    def number(self) -> str:
        return self.task.number if self.task is not None else "目标"

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


def is_collective(unit: Unit) -> bool:
    """A phrase standing for many units (市各有关部门): nobody logs in as it."""
    return any(n.startswith(COLLECTIVE) for n in (unit.name, *(unit.aliases or [])))


def represented(unit: Unit) -> bool:
    """A district's government (武进区人民政府) or all of them (各辖市区人民政府): the
    district's own account reports for it, so it is not asked separately."""
    if unit.kind != "district" or is_district(unit):
        return False
    prefixes = (*queries.DISTRICTS, queries.ALL_DISTRICTS_MARK)
    return any(name.startswith(prefixes) for name in (unit.name, *(unit.aliases or [])))


def task_role(task: Task, unit: Unit) -> str | None:
    """The unit's role in ``task`` (lead first), or None: a district's when the task names it
    (负责落实), a department's as the plan writes it."""
    if is_district(unit):
        return Role.IMPLEMENTERS if queries.names_district(task, unit.name) else None
    roles = {r.role for r in task.responsibilities if r.unit_id == unit.id}
    return next((role for role in ROLES if role in roles), None)


def span_of(period: str | None) -> tuple[int, int] | None:
    """(last month, months long) of a calendar period, None for no period (the whole year)."""
    match = PERIOD_RE.match(period or "")
    if not match:
        return None
    return (int(match.group(2)), 1) if match.group(2) else (int(match.group(3)) * 3, 3)


def _target_items(version: PlanVersion, unit: Unit, roles: dict[str, str],
                  period: str | None) -> dict[str, TodoItem]:
    """The targets whose figure (or a part of it) ``unit`` owes, by uid."""
    span = span_of(period)
    owed = {}
    for uid, ob in obligations.of(version).items():
        if unit.id not in ob.reporters() or (span and not ob.due_in(*span)):
            continue
        owed[uid] = ob.quota_of(unit.id)
    items = {}
    for target in version.targets:
        if target.uid in owed:
            task = target.task
            role = roles.get(task.uid) if task is not None else None
            role = role or (Role.IMPLEMENTERS if is_district(unit) else "lead")
            items[target.uid] = TodoItem("target", target.uid, role, task, target, owed[target.uid])
    return items


def items_for(version: PlanVersion, unit: Unit, period: str | None = None) -> list[TodoItem]:
    """What ``unit`` owes in ``version`` for ``period`` (every period of the year when None),
    in plan order: goals, then each task with its targets."""
    if represented(unit) or is_collective(unit):
        return []
    roles = {t.uid: role for t in version.tasks if (role := task_role(t, unit))}
    targets = _target_items(version, unit, roles, period)
    items = [TodoItem("task", IMPLEMENTATION, Role.IMPLEMENTERS, IMPLEMENTATION_TASK)] \
        if is_district(unit) else []
    items += [targets[g.uid] for g in version.targets if g.task_id is None and g.uid in targets]
    for task in version.tasks:
        if task.uid in roles:
            items.append(TodoItem("task", task.uid, roles[task.uid], task))
        items += [targets[t.uid] for t in task.targets if t.uid in targets]
    return items


def published(session: Session) -> PlanVersion | None:
    """The published version units report against (fully loaded), or None."""
    version = versions.latest_published(session)
    return queries.load_version(session, version.id) if version else None


def find_item(version: PlanVersion, unit: Unit, kind: str, uid: str) -> TodoItem | None:
    return next((i for i in items_for(version, unit) if i.key == (kind, uid)), None)


def reporting_units(session: Session, version: PlanVersion,
                    period: str | None = None) -> list[tuple[Unit, list[TodoItem]]]:
    """Every active unit with something to report (for ``period``, or in the year), with its
    items (by unit name)."""
    units = session.scalars(select(Unit).where(Unit.active.is_(True)).order_by(Unit.name))
    result = []
    for unit in units:
        items = items_for(version, unit, period)
        if items:
            result.append((unit, items))
    return result


def describe(version: PlanVersion | None, report) -> TodoItem | None:
    """The item a report is about, as the published version has it (None if it is gone)."""
    if version is None:
        return None
    if report.item_kind == "task" and report.item_uid == IMPLEMENTATION:
        return TodoItem("task", IMPLEMENTATION, report.role, IMPLEMENTATION_TASK)
    for task in version.tasks:
        if report.item_kind == "task" and task.uid == report.item_uid:
            return TodoItem("task", task.uid, report.role, task)
    for target in version.targets:
        if report.item_kind == "target" and target.uid == report.item_uid:
            return TodoItem("target", target.uid, report.role, target.task, target)
    return None
