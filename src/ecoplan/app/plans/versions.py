"""Versions of a plan: the current published one, starting the next draft, discarding a draft."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecoplan.app.audit.service import record
from ecoplan.app.plans.models import (
    DRAFT, PUBLISHED, Deadline, Plan, PlanVersion, Responsibility, Section, Target, Task,
)
from ecoplan.app.plans.service import NotFound, fresh_draft, now
from ecoplan.app.plans.snapshot import version_dict

COPIED = {
    Section: ("uid", "key", "path", "title", "position"),
    Task: ("uid", "number", "title", "text", "subitems", "districts", "status", "position"),
    Target: ("uid", "task_ref", "metric", "scope", "comparator", "value", "unit", "baseline",
             "soft", "deadline", "text", "position"),
    Deadline: ("uid", "date", "text", "position"),
    Responsibility: ("uid", "unit_id", "unit_name", "written", "role", "position"),
}


def current(session: Session, *, plan_id: int) -> PlanVersion | None:
    """The plan's latest published version (what units and the public see)."""
    return session.scalars(
        select(PlanVersion)
        .where(PlanVersion.plan_id == plan_id, PlanVersion.status == PUBLISHED)
        .order_by(PlanVersion.number.desc())
    ).first()


def latest_published(session: Session) -> PlanVersion | None:
    """The newest published version of the newest plan (the default plan page)."""
    return session.scalars(
        select(PlanVersion).join(Plan).where(PlanVersion.status == PUBLISHED)
        .order_by(Plan.year.desc(), PlanVersion.number.desc())
    ).first()


def draft(session: Session, *, plan_id: int) -> PlanVersion | None:
    return session.scalars(
        select(PlanVersion).where(PlanVersion.plan_id == plan_id, PlanVersion.status == DRAFT)
    ).first()


def _copy(model, item, **links):
    return model(**{name: getattr(item, name) for name in COPIED[model]}, **links)


def copy_items(source: PlanVersion, target: PlanVersion) -> None:
    """Copy every item of ``source`` into ``target`` keeping uids (row versions start anew)."""
    sections = {s.id: _copy(Section, s) for s in source.sections}
    target.sections.extend(sections.values())
    tasks = {}
    for task in source.tasks:
        copy = _copy(Task, task, section=sections.get(task.section_id))
        copy.deadlines.extend(_copy(Deadline, d) for d in task.deadlines)
        copy.responsibilities.extend(_copy(Responsibility, r) for r in task.responsibilities)
        tasks[task.id] = copy
        target.tasks.append(copy)
    target.targets.extend(_copy(Target, g, task=tasks.get(g.task_id)) for g in source.targets)


def start_draft(session: Session, *, actor, plan_id: int) -> PlanVersion:
    """A new draft copied from the current published version (or the existing draft)."""
    existing = draft(session, plan_id=plan_id)
    if existing is not None:
        return existing
    base = current(session, plan_id=plan_id)
    if base is None:
        raise NotFound(f"plan {plan_id} has no published version")
    version = PlanVersion(plan_id=plan_id, number=base.number + 1, status=DRAFT,
                          source_id=base.source_id, based_on_id=base.id,
                          document=dict(base.document or {}), warnings=list(base.warnings or []),
                          unknown_units=list(base.unknown_units or []),
                          created_by=getattr(actor, "id", None), created_at=now())
    session.add(version)
    copy_items(base, version)
    session.flush()
    record(session, actor=actor, action="plan.draft", object_type="plan_version",
           object_id=version.id, before=None, after=version_dict(version))
    return version


def discard_draft(session: Session, *, actor, version_id: int, row_version: int | None) -> None:
    """Delete a draft that will not be published."""
    version = fresh_draft(session, version_id=version_id, row_version=row_version,
                          stale="该草稿已被他人修改，请刷新后再操作")
    before = version_dict(version)
    session.delete(version)
    session.flush()
    record(session, actor=actor, action="plan.discard", object_type="plan_version",
           object_id=before["id"], before=before, after=None)


def history(session: Session, *, plan_id: int) -> list[PlanVersion]:
    plan = session.get(Plan, plan_id)
    if plan is None:
        raise NotFound(f"plan {plan_id}")
    return list(plan.versions)


def current_item(session: Session, *, model, uid: str):
    """The section, task or target with ``uid`` in its plan's current published version (None
    if it is not there).

    Other features (progress reports, assessment) keep an item's uid and read it back through
    this, so a republished plan does not break their links.
    """
    rows = session.execute(
        select(model, PlanVersion).join(PlanVersion, PlanVersion.id == model.version_id)
        .where(model.uid == uid, PlanVersion.status == PUBLISHED)
        .order_by(PlanVersion.number.desc())
    ).first()
    if rows is None:
        return None
    item, version = rows
    latest = current(session, plan_id=version.plan_id)
    return item if latest is not None and latest.id == version.id else None

