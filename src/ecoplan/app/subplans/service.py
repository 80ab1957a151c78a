"""Sub-plans: saving an upload, confirming links, publishing (measure statuses: :mod:`.reporting`).
Never commits.

Links point at the city plan's items by ``uid`` (kept across the city plan's versions); the
city plan's current published version supplies the candidates and their names.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecoplan.app.audit.service import record
from ecoplan.app.core import clock
from ecoplan.app.permissions import can
from ecoplan.app.plans import versions
from ecoplan.app.plans.models import Plan, PlanVersion
from ecoplan.app.subplans import units as unit_links
from ecoplan.app.subplans.models import SubPlan, SubPlanItem
from ecoplan.app.subplans.reading import ReadPlan
from ecoplan.app.subplans.similarity import Candidate, suggest
from ecoplan.errors import InputError


SIGNS = {"<=": "≤", ">=": "≥", "==": "=", "<": "<", ">": ">"}


def city_version(session: Session, plan_id: int) -> PlanVersion:
    version = versions.current(session, plan_id=plan_id)
    if version is None:
        raise InputError("该工作方案尚未发布，不能关联子计划")
    return version


def current_plan(session: Session) -> Plan | None:
    """The city plan sub-plans are written under: the newest published one."""
    version = versions.latest_published(session)
    return version.plan if version is not None else None


def candidates(version: PlanVersion) -> list[Candidate]:
    """The city version's tasks and targets, as the matcher sees them."""
    tasks = [Candidate("task", t.uid, f"{t.title}。{t.text}",
                       tuple(r.unit_name for r in t.responsibilities)) for t in version.tasks]
    targets = [Candidate("target", g.uid, g.text or g.metric, metric=g.metric)
               for g in version.targets]
    return tasks + targets


def city_labels(version: PlanVersion) -> dict[str, str]:
    """uid → how a city task or target is named on the pages (任务15 … / 目标：…)."""
    labels = {t.uid: f"任务{t.number} {t.title}" for t in version.tasks}
    labels.update({g.uid: f"目标（{'总体' if g.task_ref == 'goal' else '任务' + g.task_ref}）"
                          f"{g.metric}{SIGNS.get(g.comparator, g.comparator)}{g.value:g}{g.unit}"
                   for g in version.targets})
    return labels


def city_task_ids(version: PlanVersion) -> dict[str, int]:
    """uid of a city task or target → the id of the task page that shows it."""
    ids = {t.uid: t.id for t in version.tasks}
    ids.update({g.uid: g.task_id for g in version.targets if g.task_id is not None})
    return ids


def visible(session: Session, user, *, plan_id: int | None = None) -> list[SubPlan]:
    """The sub-plans ``user`` may see: the office and viewers all, a unit its own."""
    query = select(SubPlan).order_by(SubPlan.id)
    if plan_id is not None:
        query = query.where(SubPlan.plan_id == plan_id)
    return [s for s in session.scalars(query) if can(user, "subplans.view", s)]


def save_subplan(session: Session, *, actor, unit, plan: Plan, read: ReadPlan, file_name: str,
                 synthetic: bool = False) -> SubPlan:
    """The unit's sub-plan under ``plan`` made (or, while a draft, replaced) from ``read``, each
    item with its suggested link (not yet confirmed)."""
    version = city_version(session, plan.id)
    subplan = session.scalars(select(SubPlan).where(SubPlan.unit_id == unit.id,
                                                    SubPlan.plan_id == plan.id)).first()
    before = subplan.snapshot() if subplan is not None else None
    if subplan is not None and subplan.state == "published":
        raise InputError(f"{unit.name}的子计划已发布，不能再替换；如需修改请联系生态办退回草稿")
    now = clock.utcnow()
    if subplan is None:
        subplan = SubPlan(unit=unit, unit_id=unit.id, plan_id=plan.id, created_at=now)
        session.add(subplan)
    subplan.title, subplan.state, subplan.file_name = read.title, "draft", file_name
    subplan.text, subplan.warnings, subplan.synthetic = read.text, read.warnings, synthetic
    subplan.updated_at = now
    subplan.items.clear()
    session.flush()
    found = suggest([Candidate(i.kind, "", f"{i.title}。{i.text}", tuple(i.units), i.metric)
                     for i in read.items], candidates(version))
    for pos, (item, hint) in enumerate(zip(read.items, found)):
        subplan.items.append(SubPlanItem(
            kind=item.kind, number=item.number, title=item.title[:500], text=item.text,
            units=item.units, deadline=item.deadline, position=pos,
            suggested_kind=hint.kind if hint else None, suggested_uid=hint.uid if hint else None,
            suggested_score=hint.score if hint else None,
            link_kind=hint.kind if hint else None, link_uid=hint.uid if hint else None,
            confirmed=False, status="not_started", note="", updated_at=now))
    session.flush()
    unit_links.sync(session, subplan)
    record(session, actor=actor, action="subplan.uploaded", object_type="subplan",
           object_id=subplan.id, before=before, after=subplan.snapshot())
    return subplan


def set_links(session: Session, *, actor, subplan: SubPlan, choices: dict[int, str]) -> int:
    """Confirm each item's link: ``choices`` item id → ``task:<uid>``, ``target:<uid>`` or
    ``none`` (serves no city item). Unknown city items are refused. Returns how many changed."""
    known = {c.uid: c.kind for c in candidates(city_version(session, subplan.plan_id))}
    items = {i.id: i for i in subplan.items}
    changed = 0
    for item_id, choice in choices.items():
        item = items.get(item_id)
        if item is None:
            raise InputError(f"子计划中没有第 {item_id} 项", field="关联")
        kind, _, uid = choice.partition(":")
        if choice != "none" and known.get(uid) != kind:
            raise InputError(f"“{item.title}”所选的全市任务或目标不存在", field="关联")
        link = (None, None) if choice == "none" else (kind, uid)
        if (item.link_kind, item.link_uid, item.confirmed) == (*link, True):
            continue
        before = item.snapshot()
        item.link_kind, item.link_uid, item.confirmed = (*link, True)
        item.updated_at = clock.utcnow()
        record(session, actor=actor, action="subplan.linked", object_type="subplan_item",
               object_id=item.id, before=before, after=item.snapshot())
        changed += 1
    return changed


def publish(session: Session, *, actor, subplan: SubPlan) -> None:
    """Publish once every item's link is confirmed."""
    open_items = [i.number or i.title for i in subplan.items if not i.confirmed]
    if open_items:
        raise InputError(f"还有 {len(open_items)} 项未确认关联（{'、'.join(open_items[:5])}），"
                         "请先确认后再发布")
    before = subplan.snapshot()
    subplan.state, subplan.updated_at = "published", clock.utcnow()
    record(session, actor=actor, action="subplan.published", object_type="subplan",
           object_id=subplan.id, before=before, after=subplan.snapshot())


def reopen(session: Session, *, actor, subplan: SubPlan) -> None:
    """The office returns a published sub-plan to draft (its owner may then replace it)."""
    before = subplan.snapshot()
    subplan.state, subplan.updated_at = "draft", clock.utcnow()
    record(session, actor=actor, action="subplan.reopened", object_type="subplan",
           object_id=subplan.id, before=before, after=subplan.snapshot())
