"""Pages of the survey: the citizen's questionnaire (anonymous) and the office's designs and
results."""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request
from sqlalchemy import select

from ecoplan.app.core.actor import current_actor
from ecoplan.app.deps import SessionDep
from ecoplan.app.feedback import abuse
from ecoplan.app.feedback.service import districts, today
from ecoplan.app.permissions import require
from ecoplan.app.surveys import service
from ecoplan.app.surveys.models import INDEX_LABELS, KIND_LABELS, STATE_LABELS, Survey
from ecoplan.app.templating import redirect, render
from ecoplan.errors import InputError

router = APIRouter()
Public = Annotated[object, Depends(require("public"))]
Office = Annotated[object, Depends(require("surveys.manage"))]
SCALE = ("很不满意", "不满意", "一般", "满意", "很满意")
EXAMPLE = [
    {"id": "q1", "kind": "scale", "text": "您对所在地区的生态环境质量满意吗？", "index": "satisfaction"},
    {"id": "q2", "kind": "single", "text": "过去一年，您参加过生态环境保护活动吗？",
     "options": ["经常参加", "偶尔参加", "没有参加"], "index": "participation", "scores": [100, 50, 0]},
    {"id": "q3", "kind": "text", "text": "您的意见和建议"},
]


def _answers(form, survey: Survey) -> dict:
    out = {}
    for q in survey.questions:
        values = form.getlist(q["id"])
        if q["kind"] == "text":
            out[q["id"]] = values[0] if values else ""
        elif not values:
            continue
        elif not all(v.isdigit() for v in values):
            raise InputError(f"“{q['text']}”的回答无效", field=q["id"])
        elif q["kind"] == "multiple":
            out[q["id"]] = [int(v) for v in values]
        else:
            out[q["id"]] = int(values[0])
    return out


def _page(request, survey, *, error="", done=False, status=200):
    return render(request, "surveys/public.html", {
        "survey": survey, "districts": districts(), "scale": SCALE, "error": error,
        "done": done}, status_code=status)


@router.get("/public/survey")
def public_survey(request: Request, session: SessionDep, _user: Public):
    return _page(request, service.current(session, today()))


@router.post("/public/survey")
async def public_answer(request: Request, session: SessionDep, _user: Public):
    abuse.check_rate(request, "survey")
    survey = service.current(session, today())
    if survey is None:
        raise HTTPException(404, "当前没有开放的调查")
    form = await request.form()
    try:
        with session.begin_nested():
            service.respond(session, survey, district=str(form.get("district") or ""),
                            answers=_answers(form, survey), device=abuse.device_of(request),
                            today=today(), districts=districts())
    except InputError as exc:
        return _page(request, survey, error=exc.message, status=422)
    return _page(request, survey, done=True)


@router.get("/surveys")
def office_surveys(request: Request, session: SessionDep, _user: Office):
    surveys = list(session.scalars(select(Survey).order_by(Survey.id.desc())))
    return render(request, "surveys/index.html", {
        "surveys": surveys, "states": STATE_LABELS,
        "example": json.dumps(EXAMPLE, ensure_ascii=False, indent=1)})


@router.post("/surveys")
async def office_create(request: Request, session: SessionDep, user: Office):
    form = await request.form()
    try:
        questions = json.loads(str(form.get("questions") or ""))
        opens = dt.date.fromisoformat(str(form.get("opens_on") or ""))
        closes = dt.date.fromisoformat(str(form.get("closes_on") or ""))
    except ValueError:
        raise InputError("题目应为 JSON 列表，日期格式为 年-月-日", field="questions") from None
    if not isinstance(questions, list):
        raise InputError("题目应为 JSON 列表", field="questions")
    survey = service.create(session, service.Design(
        title=str(form.get("title") or ""), questions=questions, opens_on=opens, closes_on=closes,
        intro=str(form.get("intro") or ""), target_uid=str(form.get("target_uid") or "")), actor=current_actor(request))
    return redirect(f"/surveys/{survey.id}", flash="已新建调查（草稿）")


@router.post("/surveys/{survey_id}/state")
async def office_state(survey_id: int, request: Request, session: SessionDep, user: Office):
    survey = session.get(Survey, survey_id)
    state = str((await request.form()).get("state") or "")
    if survey is None or state not in ("open", "closed"):
        raise HTTPException(404)
    service.set_state(session, survey, state, actor=current_actor(request))
    return redirect(f"/surveys/{survey.id}", flash=f"调查{STATE_LABELS[state]}")


@router.get("/surveys/{survey_id}")
def office_results(survey_id: int, request: Request, session: SessionDep, _user: Office):
    survey = session.get(Survey, survey_id)
    if survey is None:
        raise HTTPException(404, "没有这项调查")
    return render(request, "surveys/results.html", {
        "survey": survey, "r": service.results(session, survey), "states": STATE_LABELS,
        "kinds": KIND_LABELS, "indices": INDEX_LABELS})
