"""Surveys: the office designs and opens them; each device answers once; results by district.
Services take the session and never commit."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ecoplan.app.audit.service import record
from ecoplan.app.core.actor import actor_name
from ecoplan.app.surveys import indices
from ecoplan.app.surveys.models import INDICES, KINDS, Survey, SurveyResponse
from ecoplan.app.core.clock import utcnow
from ecoplan.errors import InputError

MAX_QUESTIONS = 40
MAX_TEXT = 500


def _question(raw, number: int) -> dict:
    where = f"第{number}题"
    if not isinstance(raw, dict) or raw.get("kind") not in KINDS or not str(raw.get("text", "")).strip():
        raise InputError(f"{where}：题型应为 {'、'.join(KINDS)} 之一，且须有题目文字", field="questions")
    q = {"id": str(raw.get("id") or f"q{number}"), "kind": raw["kind"],
         "text": str(raw["text"]).strip(), "options": [str(o) for o in raw.get("options") or []],
         "index": raw.get("index") or "", "scores": list(raw.get("scores") or [])}
    if q["kind"] in ("single", "multiple") and len(q["options"]) < 2:
        raise InputError(f"{where}：选择题至少要有两个选项", field="questions")
    if q["index"] and q["index"] not in INDICES:
        raise InputError(f"{where}：计入的指数应为 satisfaction 或 participation", field="questions")
    if q["index"] and q["kind"] == "text":
        raise InputError(f"{where}：文字题不计入指数", field="questions")
    if q["index"] and q["kind"] in ("single", "multiple"):
        ok = len(q["scores"]) == len(q["options"]) and all(
            isinstance(s, (int, float)) and 0 <= s <= 100 for s in q["scores"])
        if not ok:
            raise InputError(f"{where}：计入指数的选择题须为每个选项给出 0–100 的分值", field="questions")
    return q


@dataclass(frozen=True)
class Design:
    title: str
    questions: list
    opens_on: dt.date
    closes_on: dt.date
    intro: str = ""
    target_uid: str = ""


def create(session: Session, design: Design, *, actor) -> Survey:
    """A draft survey (``actor`` None: the system, e.g. the demo)."""
    if not design.title.strip():
        raise InputError("请填写调查标题", field="title")
    if not design.questions or len(design.questions) > MAX_QUESTIONS:
        raise InputError(f"问卷应有 1–{MAX_QUESTIONS} 道题", field="questions")
    if design.closes_on < design.opens_on:
        raise InputError("结束日期不能早于开始日期", field="closes_on")
    questions = [_question(q, i) for i, q in enumerate(design.questions, 1)]
    if len({q["id"] for q in questions}) != len(questions):
        raise InputError("题目编号（id）不能重复", field="questions")
    survey = Survey(title=design.title.strip(), intro=design.intro.strip(), questions=questions,
                    opens_on=design.opens_on, closes_on=design.closes_on, state="draft",
                    target_uid=design.target_uid.strip(),
                    created_by=actor_name(actor),
                    created_at=utcnow(), version=1)
    session.add(survey)
    session.flush()
    record(session, actor=actor, action="survey.created", object_type="survey",
           object_id=survey.id, after=survey.snapshot())
    return survey


def set_state(session: Session, survey: Survey, state: str, *, actor) -> None:
    before = survey.snapshot()
    survey.state, survey.version = state, survey.version + 1
    record(session, actor=actor, action=f"survey.{'opened' if state == 'open' else 'closed'}",
           object_type="survey", object_id=survey.id, before=before, after=survey.snapshot())


def current(session: Session, today: dt.date) -> Survey | None:
    """The open survey whose period includes ``today`` (the latest opened, if several)."""
    return session.scalar(select(Survey).where(
        Survey.state == "open", Survey.opens_on <= today, Survey.closes_on >= today)
        .order_by(Survey.id.desc()).limit(1))


def _answer(q: dict, raw):
    n = len(q["options"])
    kind = q["kind"]
    if kind == "single" and isinstance(raw, int) and not isinstance(raw, bool) and 0 <= raw < n:
        return raw
    if kind == "multiple" and isinstance(raw, list) and all(
            isinstance(i, int) and 0 <= i < n for i in raw):
        return sorted(set(raw))
    if kind == "scale" and isinstance(raw, int) and not isinstance(raw, bool) and 1 <= raw <= 5:
        return raw
    if kind == "text" and isinstance(raw, str) and len(raw) <= MAX_TEXT:
        return raw.strip()
    raise InputError(f"“{q['text']}”的回答无效", field=q["id"])


def respond(session: Session, survey: Survey, *, district: str, answers: dict, device: str,
            today: dt.date, districts: list[str]) -> SurveyResponse:
    """Keep one device's answers; a second answer from the same device is refused."""
    if survey.state != "open" or not survey.opens_on <= today <= survey.closes_on:
        raise InputError("该调查当前未开放", field="survey")
    if district not in districts:
        raise InputError("请选择您所在的辖市区", field="district")
    if not isinstance(answers, dict):
        raise InputError("回答格式无效", field="answers")
    kept = {q["id"]: _answer(q, answers[q["id"]]) for q in survey.questions
            if answers.get(q["id"]) not in (None, "", [])}
    if not kept:
        raise InputError("请至少回答一道题", field="answers")
    if session.scalar(select(SurveyResponse.id).where(SurveyResponse.survey_id == survey.id,
                                                      SurveyResponse.device == device)):
        raise InputError("本设备已参加过这次调查，感谢您的参与", field="device")
    response = SurveyResponse(survey_id=survey.id, device=device, district=district,
                              answers=kept, submitted_at=utcnow())
    session.add(response)
    try:
        with session.begin_nested():
            session.flush()
    except IntegrityError:
        raise InputError("本设备已参加过这次调查，感谢您的参与", field="device") from None
    return response


def _group(questions: list[dict], rows: list[SurveyResponse]) -> dict:
    scored = [indices.respondent_scores(questions, r.answers or {}) for r in rows]
    return {"n": len(rows), **{name: indices.estimate(
        [s[name] for s in scored if name in s]).as_dict()
        for name in ("satisfaction", "participation", "combined")}}


def _distribution(q: dict, rows: list[SurveyResponse]) -> list[int] | None:
    if q["kind"] == "text":
        return None
    size = 5 if q["kind"] == "scale" else len(q["options"])
    counts = [0] * size
    for r in rows:
        a = (r.answers or {}).get(q["id"])
        for i in (a if isinstance(a, list) else [a] if a is not None else []):
            counts[i - 1 if q["kind"] == "scale" else i] += 1
    return counts


def results(session: Session, survey: Survey) -> dict:
    """Indices with n and 95 % CI for the whole city and each district, and answer counts."""
    rows = list(session.scalars(select(SurveyResponse).where(SurveyResponse.survey_id == survey.id)))
    districts = sorted({r.district for r in rows})
    return {
        "survey": {"id": survey.id, "title": survey.title, "state": survey.state,
                   "opens_on": survey.opens_on.isoformat(), "closes_on": survey.closes_on.isoformat(),
                   "target_uid": survey.target_uid or None},
        "method": indices.METHOD,
        "city": _group(survey.questions, rows),
        "districts": {d: _group(survey.questions, [r for r in rows if r.district == d])
                      for d in districts},
        "questions": [{"id": q["id"], "text": q["text"], "kind": q["kind"],
                       "options": q["options"], "counts": _distribution(q, rows)}
                      for q in survey.questions],
    }
