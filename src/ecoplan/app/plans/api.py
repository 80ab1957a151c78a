"""JSON API of plans under /api: the same objects and permission rules as the pages.

``/api/public/plan`` needs no login and shows only what the public page shows: the current
published plan's tasks, responsible units and targets, without internal ids, review notes or
progress status.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request
from pydantic import BaseModel
from sqlalchemy import select

from ecoplan.app.deps import SessionDep
from ecoplan.app.core.actor import current_actor
from ecoplan.app.permissions import can, require
from ecoplan.app.plans import queries, service, versions
from ecoplan.app.plans.diff import diff_snapshots
from ecoplan.app.plans.models import Plan, PlanVersion, Task
from ecoplan.app.plans.snapshot import item_dict, snapshot, task_dict, target_dict, version_dict
from ecoplan.app.plans.views import NOT_FOUND, visible_version
from ecoplan.app.units.models import Unit

router = APIRouter(prefix="/api", tags=["plans"])
PUBLIC_TASK_FIELDS = ("number", "section", "title", "text", "responsibility", "subitems",
                      "districts", "deadlines")
PUBLIC_TARGET_FIELDS = ("task", "metric", "scope", "comparator", "value", "unit", "baseline",
                        "soft", "deadline", "text")


class ItemEdit(BaseModel):
    row_version: int
    values: dict[str, Any]


class Publish(BaseModel):
    row_version: int


@router.get("/plans")
def list_plans(session: SessionDep, user=Depends(require("plans.view"))):
    plans = session.scalars(select(Plan).order_by(Plan.year.desc())).all()
    return [{"id": p.id, "region": p.region, "year": p.year, "title": p.title,
             "versions": [version_dict(v) for v in p.versions
                          if not v.is_draft or can(user, "plans.edit")]} for p in plans]


@router.get("/plans/{plan_id}")
def get_plan(plan_id: int, session: SessionDep, user=Depends(require("plans.view")),
             version: int | None = None):
    """The current published version (or ``?version=N``) with every item and its uid."""
    return snapshot(visible_version(session, user, plan_id=plan_id, number=version))


@router.get("/plans/{plan_id}/diff")
def get_diff(plan_id: int, a: int, b: int, session: SessionDep,
             user=Depends(require("plans.view"))):
    old = visible_version(session, user, plan_id=plan_id, number=a)
    new = visible_version(session, user, plan_id=plan_id, number=b)
    return {"from": a, "to": b,
            "changes": [c.to_dict() for c in diff_snapshots(snapshot(old), snapshot(new))]}


@router.get("/tasks/{task_id}")
def get_task(task_id: int, session: SessionDep, user=Depends(require("plans.view"))):
    task = session.get(Task, task_id)
    if task is None or (session.get(PlanVersion, task.version_id).is_draft
                        and not can(user, "plans.edit")):
        raise HTTPException(404, NOT_FOUND)
    return {**task_dict(task), "version_id": task.version_id,
            "targets": [target_dict(g) for g in task.targets]}


@router.get("/units/{unit_id}/duties")
def get_duties(unit_id: int, session: SessionDep, _user=Depends(require("plans.view"))):
    """The unit's tasks in the current published plan, by role."""
    unit = session.get(Unit, unit_id)
    if unit is None:
        raise HTTPException(404, NOT_FOUND)
    version = versions.latest_published(session)
    duties = queries.duties(queries.load_version(session, version.id), unit_id) if version else {}
    return {"unit": {"id": unit.id, "name": unit.name, "kind": unit.kind},
            "version": version_dict(version) if version else None,
            "duties": {role: [{"id": t.id, "uid": t.uid, "number": t.number, "title": t.title,
                               "status": t.status} for t in tasks]
                       for role, tasks in duties.items()}}


@router.patch("/plans/items/{kind}/{item_id}")
def edit_item(kind: str, item_id: int, body: ItemEdit, request: Request, session: SessionDep,
              user=Depends(require("plans.edit"))):
    """Change fields of a draft's item; 409 when ``row_version`` is not the current one."""
    if kind not in service.MODELS:
        raise HTTPException(404, NOT_FOUND)
    try:
        item = service.update_item(session, actor=current_actor(request), kind=kind, item_id=item_id,
                                   row_version=body.row_version, values=body.values)
    except service.NotFound:
        raise HTTPException(404, NOT_FOUND) from None
    version = service.version_of(session, kind, item)
    return {**item_dict(kind, item), "draft_row_version": version.row_version}


@router.post("/plans/versions/{version_id}/publish")
def publish_version(version_id: int, body: Publish, request: Request, session: SessionDep,
                    user=Depends(require("plans.edit"))):
    try:
        version = service.publish(session, actor=current_actor(request), version_id=version_id,
                                  row_version=body.row_version)
    except service.NotFound:
        raise HTTPException(404, NOT_FOUND) from None
    return version_dict(version)


def public_view(version: PlanVersion) -> dict:
    full = snapshot(version)
    return {
        "plan": full["plan"] | {"version": version.number,
                                "published_at": full["version"]["published_at"]},
        "document": full["document"],
        "sections": [{"uid": s["uid"], "path": s["path"], "title": s["title"]}
                     for s in full["sections"]],
        "tasks": [{"uid": t["uid"], **{k: t[k] for k in PUBLIC_TASK_FIELDS},
                   "responsibility": {role: [u["name"] for u in units]
                                      for role, units in t["responsibility"].items()}}
                  for t in full["tasks"]],
        "targets": [{"uid": g["uid"], **{k: g[k] for k in PUBLIC_TARGET_FIELDS}}
                    for g in full["targets"]],
    }


@router.get("/public/plan")
def public_plan(session: SessionDep, _user=Depends(require("public"))):
    """The current published plan as the public page shows it (no login needed)."""
    version = versions.latest_published(session)
    if version is None:
        raise HTTPException(404, "还没有已发布的工作方案")
    return public_view(queries.load_version(session, version.id))
