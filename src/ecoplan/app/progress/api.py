"""JSON API of progress reporting under /api: the same objects and rules as the pages."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from ecoplan.app.deps import SessionDep
from ecoplan.app.permissions import require
from ecoplan.app.progress import access, kept_plan, reminders, service
from ecoplan.app.progress.present import chosen_period
from ecoplan.app.progress.schemas import MissingOut, ReportOut, TodoOut
from ecoplan.app.progress.views import published_or_404

router = APIRouter(prefix="/api/progress", tags=["progress"])


@router.get("/todo")
def todo_list(request: Request, session: SessionDep,
              user=Depends(require("progress.report"))) -> dict:
    version = published_or_404(session)
    period = chosen_period(request, session, service.calendar(session), version.plan.year)
    mine = {(r.item_kind, r.item_uid): r for r in service.reports_for(
        session, plan_id=version.plan_id, period=period, unit_id=user.unit_id)}
    items = kept_plan.items_for(version, user.unit, period) if user.unit else []
    rows = [TodoOut(kind=i.kind, uid=i.uid, task_number=i.number, title=i.title, role=i.role,
                    value_unit=i.value_unit, state=mine[i.key].state if i.key in mine else None,
                    report_id=mine[i.key].id if i.key in mine else None) for i in items]
    return {"period": period, "items": [r.model_dump() for r in rows]}


@router.get("/reports")
def report_list(request: Request, session: SessionDep,
                user=Depends(require("progress.view"))) -> dict:
    """The period's reports the user may see (own unit; approved ones for the office)."""
    version = published_or_404(session)
    period = chosen_period(request, session, service.calendar(session), version.plan.year)
    shown = [r for r in service.reports_for(session, plan_id=version.plan_id, period=period)
             if access.may_view(session, user, r)]
    return {"period": period, "reports": [ReportOut.of(r).model_dump(mode="json") for r in shown]}


@router.get("/missing")
def missing_list(request: Request, session: SessionDep,
                 _user=Depends(require("progress.review"))) -> dict:
    version = published_or_404(session)
    period = chosen_period(request, session, service.calendar(session), version.plan.year)
    behind = reminders.missing(session, version, period)
    return {"period": period, "units": [
        MissingOut(unit=s.unit.name, unit_id=s.unit.id, reported=s.reported,
                   items=len(s.items), missing=[f"{i.kind}:{i.uid}" for i in s.missing]
                   ).model_dump() for s in behind]}
