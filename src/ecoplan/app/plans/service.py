"""Changing plans: edit, add and remove items of a draft, publish it, start the next draft.

Keyword-only functions that take the session and never commit (the request commits once).
Each change is written to the audit log with the item before and after. A published version
is never changed: editing it means :func:`start_draft`, which copies it with the same uids.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session

from ecoplan.app.core import clock
from ecoplan.app.audit.service import record
from ecoplan.app.forms import StaleEditError
from ecoplan.app.plans import deadline_kinds
from ecoplan.app.plans import units as unit_lookup
from ecoplan.app.plans.fields import coerce
from ecoplan.app.plans.importing import new_uid, task_number_of
from ecoplan.app.plans.models import (
    PUBLISHED, Deadline, PlanVersion, Responsibility, Section, Target, Task,
)
from ecoplan.app.plans.snapshot import item_dict, version_dict
from ecoplan.errors import InputError

MODELS = {"section": Section, "task": Task, "target": Target, "deadline": Deadline,
          "responsibility": Responsibility}
KIND_LABELS = {"section": "章节", "task": "任务", "target": "目标", "deadline": "时间节点",
               "responsibility": "责任单位"}
REQUIRED_ON_ADD = {"target": ("metric", "comparator", "value"), "task": ("number", "title"),
                   "deadline": ("text",), "responsibility": ("unit_name", "role"),
                   "section": ("title",)}


class StaleError(StaleEditError):
    """The form was filled in on an older state of the item: someone changed it since."""


class NotFound(LookupError):
    """No such item (the page answers 404)."""


def now() -> dt.datetime:
    return clock.utcnow()


def get_item(session: Session, *, kind: str, item_id: int):
    item = session.get(MODELS[kind], item_id) if kind in MODELS else None
    if item is None:
        raise NotFound(f"{kind} {item_id}")
    return item


def version_of(session: Session, kind: str, item) -> PlanVersion:
    version_id = item.task.version_id if kind in ("deadline", "responsibility") else item.version_id
    return session.get(PlanVersion, version_id)


def check_draft(version: PlanVersion) -> None:
    if not version.is_draft:
        raise InputError(f"第{version.number}版已发布，不能修改；请先新建草稿")


def fresh_draft(session: Session, *, version_id: int, row_version: int | None,
                stale: str) -> PlanVersion:
    """The draft ``version_id`` as the form saw it; ``stale`` is the message when it changed."""
    version = session.get(PlanVersion, version_id)
    if version is None:
        raise NotFound(f"version {version_id}")
    check_draft(version)
    if row_version is None or int(row_version) != version.row_version:
        raise StaleError(stale)
    return version


def touch(version: PlanVersion) -> None:
    """Mark the draft changed (its ``row_version`` goes up when flushed)."""
    version.edited_at = now()


def check_fresh(kind: str, item, row_version: int | None) -> None:
    """Refuse a form that was filled in on an older state of the item."""
    if row_version is None or int(row_version) != item.row_version:
        raise StaleError(f"该{KIND_LABELS[kind]}已被他人修改（您看到的是第{row_version}次修订，"
                         f"当前为第{item.row_version}次），您的修改未保存；请刷新后重新填写")


def apply(session: Session, kind: str, item, values: dict[str, Any], version: PlanVersion) -> None:
    """Set parsed values, keeping the links that depend on them (target → task, unit → id,
    a deadline's kind and scope → its text and its task's: cleared, decided again on publishing,
    unless the same edit sets them by hand)."""
    if "text" in values and values["text"] != item.text:
        for deadline in [item] if kind == "deadline" else item.deadlines if kind == "task" else []:
            if deadline is not item or "scope" not in values:
                deadline.scope = None
            if deadline is item and "kind" not in values:
                deadline.kind = None
    for name, value in values.items():
        setattr(item, name, value)
    if kind == "target" and "task_ref" in values:
        number = task_number_of(values["task_ref"])
        item.task = next((t for t in version.tasks if t.number == number), None)
        if item.task is None and values["task_ref"] != "goal":
            raise InputError(f"没有编号为「{number}」的任务", field="所属任务")
    if kind == "responsibility" and "unit_name" in values:
        item.unit_id = unit_lookup.resolver(session)(values["unit_name"])


def update_item(session: Session, *, actor, kind: str, item_id: int, row_version: int | None,
                values: dict[str, Any]):
    """Change fields of one item of a draft; a stale ``row_version`` is refused."""
    item = get_item(session, kind=kind, item_id=item_id)
    version = version_of(session, kind, item)
    check_draft(version)
    check_fresh(kind, item, row_version)
    parsed = coerce(kind, values)
    before = item_dict(kind, item)
    apply(session, kind, item, parsed, version)
    touch(version)
    session.flush()
    record(session, actor=actor, action=f"plan.{kind}.update", object_type=f"plan_{kind}",
           object_id=item.uid, before=before, after=item_dict(kind, item))
    return item


def add_item(session: Session, *, actor, kind: str, version_id: int, values: dict[str, Any],
             task_id: int | None = None):
    """Add an item to a draft (deadlines and responsibilities belong to ``task_id``)."""
    version = session.get(PlanVersion, version_id)
    if version is None:
        raise NotFound(f"version {version_id}")
    check_draft(version)
    parsed = coerce(kind, values)
    missing = [n for n in REQUIRED_ON_ADD[kind] if parsed.get(n) in (None, "")]
    if missing:
        raise InputError("缺少必填项", field="、".join(missing))
    item = MODELS[kind](uid=new_uid(), position=999_999)
    if kind in ("deadline", "responsibility"):
        task = session.get(Task, task_id) if task_id else None
        if task is None or task.version_id != version.id:
            raise InputError("请选择所属任务", field="所属任务")
        getattr(task, kind + "s" if kind == "deadline" else "responsibilities").append(item)
    else:
        if kind == "section":
            item.key = item.uid[:12]
        getattr(version, kind + "s").append(item)
    if kind == "target":
        parsed.setdefault("task_ref", "goal")
    apply(session, kind, item, parsed, version)
    touch(version)
    session.flush()
    record(session, actor=actor, action=f"plan.{kind}.add", object_type=f"plan_{kind}",
           object_id=item.uid, before=None, after=item_dict(kind, item))
    return item


def remove_item(session: Session, *, actor, kind: str, item_id: int, row_version: int | None) -> None:
    """Remove one item of a draft (a task takes its deadlines and responsibilities with it)."""
    item = get_item(session, kind=kind, item_id=item_id)
    version = version_of(session, kind, item)
    check_draft(version)
    check_fresh(kind, item, row_version)
    before = item_dict(kind, item)
    if kind == "task":
        for target in list(item.targets):
            target.task = None
    if kind == "section":
        for task in version.tasks:
            if task.section_id == item.id:
                task.section = None
    session.delete(item)
    touch(version)
    session.flush()
    record(session, actor=actor, action=f"plan.{kind}.remove", object_type=f"plan_{kind}",
           object_id=before["uid"], before=before, after=None)


def publish(session: Session, *, actor, version_id: int, row_version: int | None) -> PlanVersion:
    """Publish a draft: from now on it is immutable and the plan's current version."""
    version = fresh_draft(session, version_id=version_id, row_version=row_version,
                          stale="该草稿已被他人修改或发布，请刷新后再发布")
    before = version_dict(version)
    deadline_kinds.fill(version)
    version.status = PUBLISHED
    version.published_at = now()
    version.published_by = getattr(actor, "id", None)
    session.flush()
    record(session, actor=actor, action="plan.publish", object_type="plan_version",
           object_id=version.id, before=before, after=version_dict(version))
    return version
