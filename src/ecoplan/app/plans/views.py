"""The plan pages: the plan (sections → tasks → targets, filtered), history and differences,
a task, a unit's duties, a district. Editing and publishing are in :mod:`.review_views`."""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Request
from sqlalchemy import select

from ecoplan.app.deps import SessionDep
from ecoplan.app.permissions import can, require
from ecoplan.app.plans import queries, versions
from ecoplan.app.plans.diff import diff_snapshots
from ecoplan.app.plans.models import TASK_STATUSES, Plan, PlanVersion, Task
from ecoplan.app.plans.present import STATUS_LABELS, page
from ecoplan.app.plans.review_views import router as review_router
from ecoplan.app.plans.snapshot import snapshot
from ecoplan.app.templating import is_htmx, redirect, sections
from ecoplan.app.units.models import Unit

router = APIRouter()
router.include_router(review_router)

NOT_FOUND = "没有找到该方案或条目"


def visible_version(session, user, *, plan_id: int, number: int | None) -> PlanVersion:
    """The version asked for (default: current published); drafts only for editors."""
    if number is None:
        version = versions.current(session, plan_id=plan_id)
    else:
        version = session.scalars(select(PlanVersion).where(
            PlanVersion.plan_id == plan_id, PlanVersion.number == number)).first()
    if version is None or (version.is_draft and not can(user, "plans.edit")):
        raise HTTPException(404, NOT_FOUND)
    return queries.load_version(session, version.id)


def filters_from(request: Request, codes=TASK_STATUSES) -> queries.Filters:
    """The filters in the query; ``codes``: the statuses the page filters on (the live ones
    when it shows them)."""
    q = request.query_params
    unit = q.get("unit", "")
    status = q.get("status") or None
    return queries.Filters(unit_id=int(unit) if unit.isdigit() else None,
                           district=q.get("district") or None,
                           status=status if status in codes else None)


def status_choices(request: Request, live: dict) -> dict[str, str]:
    """Code → label of the statuses the filter offers: the live ones (``app.state.
    task_status_labels``, the one status the page shows) when the page shows them."""
    labels = getattr(request.app.state, "task_status_labels", None)
    return dict(labels) if live and labels else dict(STATUS_LABELS)


def units_in(session, version: PlanVersion) -> list[Unit]:
    ids = {r.unit_id for t in version.tasks for r in t.responsibilities if r.unit_id}
    return list(session.scalars(select(Unit).where(Unit.id.in_(ids)).order_by(Unit.name)))


@router.get("/plans")
def plans_index(request: Request, session: SessionDep, user=Depends(require("plans.view"))):
    plans = list(session.scalars(select(Plan).order_by(Plan.year.desc())))
    if len(plans) == 1 and not can(user, "plans.edit") and versions.current(session, plan_id=plans[0].id):
        return redirect(f"/plans/{plans[0].id}")
    return page(request, "plans/index.html", {"plans": plans})


@router.get("/plans/{plan_id}")
def plan_page(plan_id: int, request: Request, session: SessionDep,
              user=Depends(require("plans.view")), version: int | None = None):
    draft = versions.draft(session, plan_id=plan_id)
    if version is None and draft and can(user, "plans.edit") and not versions.current(
            session, plan_id=plan_id):
        return redirect(f"/plans/versions/{draft.id}/review")
    shown = visible_version(session, user, plan_id=plan_id, number=version)
    live = live_statuses(request, session, shown)
    choices = status_choices(request, live)
    filters = filters_from(request, tuple(choices))
    context = {"plan": shown.plan, "plan_version": shown, "filters": filters,
               "blocks": queries.outline(shown, filters, live), "goals": queries.goal_targets(shown),
               "units": units_in(session, shown), "draft": draft, "filter_statuses": choices}
    name = "plans/_outline.html" if is_htmx(request) else "plans/plan.html"
    return page(request, name, {**context, "task_statuses": live})


@router.get("/plans/{plan_id}/history")
def plan_history(plan_id: int, request: Request, session: SessionDep,
                 user=Depends(require("plans.view"))):
    try:
        history = versions.history(session, plan_id=plan_id)
    except LookupError:
        raise HTTPException(404, NOT_FOUND) from None
    if not can(user, "plans.edit"):
        history = [v for v in history if not v.is_draft]
    return page(request, "plans/history.html", {"plan": session.get(Plan, plan_id),
                                                "history": history})


@router.get("/plans/{plan_id}/diff")
def plan_diff(plan_id: int, a: int, b: int, request: Request, session: SessionDep,
              user=Depends(require("plans.view"))):
    old = visible_version(session, user, plan_id=plan_id, number=a)
    new = visible_version(session, user, plan_id=plan_id, number=b)
    changes = diff_snapshots(snapshot(old), snapshot(new))
    return page(request, "plans/diff.html", {"plan": old.plan, "old": old, "new": new,
                                             "changes": changes})


@router.get("/tasks/{task_id}")
def task_page(task_id: int, request: Request, session: SessionDep,
              user=Depends(require("plans.view"))):
    task = session.get(Task, task_id)
    version = session.get(PlanVersion, task.version_id) if task else None
    if task is None or (version.is_draft and not can(user, "plans.edit")):
        raise HTTPException(404, NOT_FOUND)
    return page(request, "plans/task.html", {
        "task": task, "plan_version": version, "plan": version.plan,
        "sections": sections(request, session, user, "plans.task", task),
        "task_statuses": live_statuses(request, session, version)})


@router.get("/units/{unit_id}")
def unit_page(unit_id: int, request: Request, session: SessionDep,
              user=Depends(require("plans.view"))):
    unit = session.get(Unit, unit_id)
    if unit is None:
        raise HTTPException(404, NOT_FOUND)
    version = versions.latest_published(session)
    duties = queries.duties(queries.load_version(session, version.id), unit_id) if version else {}
    return page(request, "plans/unit.html", {
        "unit": unit, "plan_version": version, "duties": duties,
        "sections": sections(request, session, user, "plans.unit", unit),
        "task_statuses": live_statuses(request, session, version)})


@router.get("/districts/{name}")
def district_page(name: str, request: Request, session: SessionDep,
                  user=Depends(require("plans.view"))):
    if name not in queries.DISTRICTS:
        raise HTTPException(404, NOT_FOUND)
    version = versions.latest_published(session)
    view = queries.district_view(queries.load_version(session, version.id), name) if version else None
    return page(request, "plans/district.html", {
        "district": name, "plan_version": version, "view": view,
        "sections": sections(request, session, user, "plans.district", name),
        "task_statuses": live_statuses(request, session, version)})


def live_statuses(request: Request, session, version: PlanVersion | None) -> dict:
    """Task uid → its one status (the overview's) when ``version`` is the one units report
    against; empty for drafts and older versions (they show the stored 未开始 / 推进中 …).
    The status feature, which builds on plans, provides them (``app.state.task_statuses``)."""
    provider = getattr(request.app.state, "task_statuses", None)
    if provider is None or version is None or version.is_draft:
        return {}
    return provider(session, version)
