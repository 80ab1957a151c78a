"""Meeting and help-visit records and the accountability records (office only)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Request
from sqlalchemy import select

from ecoplan.app.core.actor import current_actor
from ecoplan.app.deps import FormDep, SessionDep
from ecoplan.app.forms import describe
from ecoplan.app.meetings import service
from ecoplan.app.meetings.models import (FORM_LABELS, KIND_LABELS, AccountabilityRecord,
                                         Meeting)
from ecoplan.app.permissions import require
from ecoplan.app.supervision.workflow import STATE_LABELS
from ecoplan.app.templating import redirect, render
from ecoplan.errors import InputError

router = APIRouter(prefix="/meetings")


def _index(request, session, *, error=None, form=None, status_code=200):
    meetings = session.scalars(select(Meeting).order_by(Meeting.held_on.desc(), Meeting.id.desc()))
    return render(request, "meetings/index.html", {
        "meetings": list(meetings), "kinds": KIND_LABELS, "error": error, "form": form or {}},
        status_code=status_code)


@router.get("")
def index(request: Request, session: SessionDep, _admin=Depends(require("meetings.manage"))):
    return _index(request, session)


@router.post("")
def create(request: Request, session: SessionDep, data: FormDep,
           admin=Depends(require("meetings.manage"))):
    form = {k: str(v) for k, v in data.items()}
    try:
        meeting = service.record_meeting(session, actor=current_actor(request), form=form)
    except InputError as err:
        session.rollback()
        return _index(request, session, error=describe(err), form=form, status_code=422)
    return redirect(f"/meetings/{meeting.id}",
                    flash=f"已记录，议定事项 {len(meeting.decisions)} 项已交办")


def _accountability(request, session, *, error=None, form=None, status_code=200):
    rows = session.scalars(select(AccountabilityRecord)
                           .order_by(AccountabilityRecord.decided_on.desc()))
    return render(request, "meetings/accountability.html", {
        "rows": list(rows), "forms": FORM_LABELS, "error": error, "form": form or {}},
        status_code=status_code)


@router.get("/accountability")
def accountability(request: Request, session: SessionDep,
                   _admin=Depends(require("meetings.accountability"))):
    return _accountability(request, session)


@router.post("/accountability")
def add_accountability(request: Request, session: SessionDep, data: FormDep,
                       admin=Depends(require("meetings.accountability"))):
    form = {k: str(v) for k, v in data.items()}
    try:
        service.record_accountability(session, actor=current_actor(request), form=form)
    except InputError as err:
        session.rollback()
        return _accountability(request, session, error=describe(err), form=form,
                               status_code=422)
    return redirect("/meetings/accountability", flash="已记录追责情况")


@router.get("/{meeting_id}")
def meeting_page(meeting_id: int, request: Request, session: SessionDep,
                 _admin=Depends(require("meetings.manage"))):
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise HTTPException(404, "没有找到该会议记录")
    return render(request, "meetings/meeting.html", {"m": meeting, "kinds": KIND_LABELS,
                                                     "states": STATE_LABELS})
