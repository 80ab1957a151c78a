"""Supervision pages: proposals to confirm, actions recorded, recording one by hand."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request

from ecoplan.app.core import clock
from ecoplan.app.deps import SessionDep, client_ip
from ecoplan.app.forms import describe
from ecoplan.app.ledger.fields import parse_deadline
from ecoplan.app.permissions import require
from ecoplan.app.supervision import service
from ecoplan.app.supervision.models import KIND_LABELS, SUBJECT_LABELS
from ecoplan.app.templating import redirect, render
from ecoplan.errors import InputError

router = APIRouter(prefix="/supervision")
Office = Annotated[object, Depends(require("supervision.manage"))]


def _target_months(request: Request, session, year: int):
    """The monitored targets' months from the assessment inputs ``create_app`` registers (an
    object with ``target_months`` in tests, else a factory taking the session)."""
    source = request.app.state.assessment_inputs
    return (source if hasattr(source, "target_months") else source(session)).target_months(year=year)


def _pending(request: Request, session):
    """Proposals as of the evaluation day (the office's 评估日期, else today in Beijing)."""
    today = clock.evaluation_day(session)
    return service.pending(session, target_months=_target_months(request, session, today.year),
                           today=today)


def _page(request, session, error: str | None = None, status: int = 200):
    return render(request, "supervision/index.html", {
        "proposals": _pending(request, session), "actions": service.recent(session),
        "kinds": KIND_LABELS, "subjects": SUBJECT_LABELS, "error": error},
        status_code=status)


@router.get("")
def supervision_page(request: Request, session: SessionDep, _office: Office):
    return _page(request, session)


def _date(text: str) -> dt.date | None:
    return parse_deadline(text) if text.strip() else None


@router.post("/confirm")
def confirm_proposal(request: Request, session: SessionDep, office: Office,
                     key: Annotated[str, Form()] = "", deadline: Annotated[str, Form()] = ""):
    proposal = next((p for p in _pending(request, session) if p.key == key), None)
    if proposal is None:
        return _page(request, session, "该建议已处理或已不再适用，请刷新页面", 409)
    try:
        service.confirm(session, actor=office, proposal=proposal, deadline=_date(deadline),
                        ip=client_ip(request))
    except InputError as err:
        session.rollback()
        return _page(request, session, describe(err), 422)
    return redirect("/supervision", flash=f"已确认并登记：{proposal.title}")


@router.post("/actions")
def record_action(request: Request, session: SessionDep, office: Office,
                  kind: Annotated[str, Form()] = "", subject: Annotated[str, Form()] = "unit",
                  subject_ref: Annotated[str, Form()] = "", unit: Annotated[str, Form()] = "",
                  title: Annotated[str, Form()] = "", content: Annotated[str, Form()] = "",
                  deadline: Annotated[str, Form()] = ""):
    try:
        action = service.record_action(
            session, actor=office, kind=kind, subject=subject, subject_ref=subject_ref or unit,
            unit=unit, title=title, content=content, deadline=_date(deadline), ip=client_ip(request))
    except InputError as err:
        session.rollback()
        return _page(request, session, describe(err), 422)
    return redirect("/supervision", flash=f"已登记{KIND_LABELS[action.kind]}：{action.title}")
