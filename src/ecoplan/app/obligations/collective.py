"""One step for the office: a task's collective phrase (市各有关部门) becomes concrete units.

The plan wrote "市各有关部门按职责分工负责" on many tasks: nobody can log in as that phrase, so
no one reports for it. The office names the units it stands for, and in one step a new version
of the plan is made from the published one (the draft), the phrase's responsibilities on that
task are replaced by the named units in the same role, and the draft is published: every change
is in the audit log (draft, each responsibility removed and added, publication, and this step
itself), and the obligations and to-do lists follow from the new version (they are derived from
the version units report against). Keyword-only, takes the session, never commits.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from ecoplan.app.audit.service import record
from ecoplan.app.obligations import store
from ecoplan.app.obligations.defaults import COLLECTIVE
from ecoplan.app.plans import service as plans
from ecoplan.app.plans import units as unit_lookup
from ecoplan.app.plans import versions
from ecoplan.app.plans.models import PlanVersion, Task
from ecoplan.app.units.models import Unit
from ecoplan.errors import InputError

PHRASE = COLLECTIVE[0]
"""市各有关部门: the phrase this tool replaces (各辖市区 binds the seven districts already)."""


def split_names(text: str) -> list[str]:
    """Unit names from one field: one per line, or separated by 、，, ; (order kept, no repeats)."""
    for sep in ("\n", "，", ",", "；", ";"):
        text = text.replace(sep, "、")
    return list(dict.fromkeys(n.strip() for n in text.split("、") if n.strip()))


def _units(session: Session, names: list[str]) -> list[Unit]:
    if not names:
        raise InputError("请填写具体单位（每行一个，或用“、”分隔）", field="具体单位")
    resolve = unit_lookup.resolver(session)
    out = []
    for name in names:
        unit_id = resolve(name)
        unit = session.get(Unit, unit_id) if unit_id else None
        if unit is None:
            raise InputError(f"没有名为「{name}」的单位：请先在单位管理中添加", field="具体单位")
        if unit.name.startswith(COLLECTIVE) or any(a.startswith(COLLECTIVE) for a in unit.aliases or []):
            raise InputError(f"「{name}」也是统称，请填写具体单位", field="具体单位")
        out.append(unit)
    return out


def _task(version: PlanVersion, task_uid: str) -> Task:
    task = next((t for t in version.tasks if t.uid == task_uid), None)
    if task is None:
        raise InputError("当前发布的方案中没有这个任务", field="任务")
    return task


def replace_collective(session: Session, *, actor, plan_id: int, task_uid: str,
                       names: list[str]) -> PlanVersion:
    """Publish a new version of the plan in which the task ``task_uid`` names ``names`` instead
    of 市各有关部门 (in the role the phrase had); the new version is returned."""
    current = versions.current(session, plan_id=plan_id)
    if current is None:
        raise InputError("该方案还没有已发布的版本", field="方案")
    pending = versions.draft(session, plan_id=plan_id)
    if pending is not None:
        raise InputError(f"该方案已有未发布的草稿（第{pending.number}版）：请在草稿中修改责任单位，"
                         "或先发布或放弃该草稿", field="方案")
    phrases = [r for r in _task(current, task_uid).responsibilities if r.unit_name.startswith(PHRASE)]
    if not phrases:
        raise InputError(f"该任务没有“{PHRASE}”", field="任务")
    units = _units(session, names)
    draft = versions.start_draft(session, actor=actor, plan_id=plan_id)
    task = _task(draft, task_uid)
    roles = list(dict.fromkeys(r.role for r in phrases))
    taken = {(r.unit_id, r.role) for r in task.responsibilities}
    for old in [r for r in task.responsibilities if r.unit_name.startswith(PHRASE)]:
        plans.remove_item(session, actor=actor, kind="responsibility", item_id=old.id,
                          row_version=old.row_version)
    added = []
    for role in roles:
        for unit in units:
            if (unit.id, role) in taken:
                continue
            plans.add_item(session, actor=actor, kind="responsibility", version_id=draft.id,
                           task_id=task.id,
                           values={"unit_name": unit.name, "role": role, "written": PHRASE})
            added.append({"unit": unit.name, "role": role})
    session.refresh(draft)
    published = plans.publish(session, actor=actor, version_id=draft.id,
                              row_version=draft.row_version)
    store.forget(session)
    record(session, actor=actor, action="obligation.collective", object_type="plan_task",
           object_id=task_uid, before={"units": PHRASE, "plan_version": current.number},
           after={"units": added, "plan_version": published.number})
    return published
