"""JSON API of the satisfaction and participation survey.

Anonymous: ``GET /api/public/surveys/current``, ``POST /api/public/surveys/{id}/responses``
(``{district, answers: {question id: answer}}``; once per device). Office: ``POST /api/surveys``,
``/api/surveys/{id}/open`` and ``/close``, ``GET /api/surveys`` and ``/api/surveys/{id}/results``.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from pydantic import BaseModel, Field
from sqlalchemy import select

from ecoplan.app.core.actor import current_actor
from ecoplan.app.deps import SessionDep
from ecoplan.app.feedback import abuse
from ecoplan.app.feedback.service import districts, today
from ecoplan.app.permissions import require
from ecoplan.app.surveys import service
from ecoplan.app.surveys.models import Survey

router = APIRouter(tags=["surveys"])
Public = Annotated[object, Depends(require("public"))]
Office = Annotated[object, Depends(require("surveys.manage"))]


class DesignIn(BaseModel):
    title: str
    questions: list[dict[str, Any]] = Field(description="[{id, kind: single|multiple|scale|text, "
                                            "text, options, index: satisfaction|participation, scores}]")
    opens_on: dt.date
    closes_on: dt.date
    intro: str = ""
    target_uid: str = ""


class ResponseIn(BaseModel):
    district: str
    answers: dict[str, Any]


def public_survey(survey: Survey) -> dict:
    return {"id": survey.id, "title": survey.title, "intro": survey.intro,
            "opens_on": survey.opens_on.isoformat(), "closes_on": survey.closes_on.isoformat(),
            "districts": districts(),
            "questions": [{k: q[k] for k in ("id", "kind", "text", "options")}
                          for q in survey.questions]}


def _survey(session, survey_id: int) -> Survey:
    survey = session.get(Survey, survey_id)
    if survey is None:
        raise HTTPException(404, "没有这项调查")
    return survey


@router.get("/api/public/surveys/current")
def current(session: SessionDep, _user: Public) -> dict:
    """The survey open today (404 when none is)."""
    survey = service.current(session, today())
    if survey is None:
        raise HTTPException(404, "当前没有开放的调查")
    return public_survey(survey)


@router.post("/api/public/surveys/{survey_id}/responses", status_code=201)
def respond(survey_id: int, body: ResponseIn, request: Request, session: SessionDep,
            _user: Public) -> dict:
    abuse.check_rate(request, "survey")
    survey = _survey(session, survey_id)
    service.respond(session, survey, district=body.district, answers=body.answers,
                    device=abuse.device_of(request), today=today(), districts=districts())
    return {"ok": True}


@router.post("/api/surveys", status_code=201)
def create(body: DesignIn, request: Request, session: SessionDep, user: Office) -> dict:
    survey = service.create(session, service.Design(**body.model_dump()), actor=current_actor(request))
    return {"id": survey.id, "state": survey.state}


@router.get("/api/surveys")
def listing(session: SessionDep, _user: Office) -> dict:
    surveys = session.scalars(select(Survey).order_by(Survey.id.desc()))
    return {"surveys": [{**s.snapshot(), "id": s.id} for s in surveys]}


@router.post("/api/surveys/{survey_id}/open")
def open_survey(survey_id: int, request: Request, session: SessionDep, user: Office) -> dict:
    survey = _survey(session, survey_id)
    service.set_state(session, survey, "open", actor=current_actor(request))
    return {"id": survey.id, "state": survey.state}


@router.post("/api/surveys/{survey_id}/close")
def close_survey(survey_id: int, request: Request, session: SessionDep, user: Office) -> dict:
    survey = _survey(session, survey_id)
    service.set_state(session, survey, "closed", actor=current_actor(request))
    return {"id": survey.id, "state": survey.state}


@router.get("/api/surveys/{survey_id}/results")
def results(survey_id: int, session: SessionDep, _user: Office) -> dict:
    """n, indices and 95 % CI for the city and each district, with the method."""
    return service.results(session, _survey(session, survey_id))
