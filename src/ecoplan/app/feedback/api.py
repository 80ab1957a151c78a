"""JSON API of reports from the public.

Anonymous: ``GET /api/public/challenge``, ``POST /api/public/feedback`` (multipart),
``GET /api/public/feedback/{code}``, ``GET /api/public/feedback`` (published answers).
Office and units: ``GET /api/feedback`` and the moves under ``/api/feedback/{id}/``.
Writes carry the ``X-CSRF-Token`` header (the anonymous one comes in the ``ecoplan_csrf`` cookie).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Body, Depends, File, Form, HTTPException, Request, UploadFile

from ecoplan.app.deps import SessionDep
from ecoplan.app.core.actor import current_actor
from ecoplan.app.feedback import abuse, service
from ecoplan.app.feedback.limits import Limits
from ecoplan.app.feedback.models import FeedbackReport
from ecoplan.app.feedback.present import office_out, public_out, published_out
from ecoplan.app.permissions import ensure, require
from ecoplan.errors import InputError

router = APIRouter(tags=["feedback"])
Public = Annotated[object, Depends(require("public"))]
Office = Annotated[object, Depends(require("feedback.manage"))]
Unit = Annotated[object, Depends(require("feedback.handle"))]
Viewer = Annotated[object, Depends(require("feedback.view"))]
Text = Annotated[str, Body(embed=True)]


@router.get("/api/public/challenge")
def challenge(session: SessionDep, _user: Public) -> dict:
    """A one-use arithmetic question (``token``, ``question``) to answer with a submission."""
    return abuse.new_challenge(session)


def coordinate(raw: str, name: str) -> float | None:
    """A latitude or longitude typed or picked on the form (empty: none)."""
    try:
        return float(raw) if raw.strip() else None
    except ValueError:
        raise InputError("地图位置应为数字", field=name) from None


async def read_photos(photos: list[UploadFile] | None, max_bytes: int) -> list[tuple[str, bytes]]:
    out = []
    for upload in photos or []:
        data = await upload.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise InputError(f"照片过大：每张最多 {max_bytes / 1048576:g} MB",
                             file=upload.filename, field="photos")
        out.append((upload.filename or "photo", data))
    return out


@router.post("/api/public/feedback", status_code=201)
async def submit(request: Request, session: SessionDep, _user: Public,
                 category: Annotated[str, Form()] = "", district: Annotated[str, Form()] = "",
                 content: Annotated[str, Form()] = "", contact: Annotated[str, Form()] = "",
                 town: Annotated[str, Form()] = "", address: Annotated[str, Form()] = "",
                 lat: Annotated[str, Form()] = "", lon: Annotated[str, Form()] = "",
                 challenge: Annotated[str, Form()] = "", answer: Annotated[str, Form()] = "",
                 website: Annotated[str, Form()] = "",
                 photos: Annotated[list[UploadFile] | None, File()] = None) -> dict:
    """A report from anyone → 201 ``{code}``; 429 with ``Retry-After`` past the rate limits."""
    abuse.check_rate(request, "feedback")
    abuse.check_honeypot(website)
    abuse.check_challenge_unless_first(request, "feedback", challenge, answer)
    settings = request.app.state.settings
    uploads = await read_photos(photos, settings.feedback_photo_bytes)
    report = service.submit(session, service.Submission(
        category=category.strip(), district=district, content=content, town=town,
        address=address, contact=contact, lat=coordinate(lat, "lat"), lon=coordinate(lon, "lon")),
        uploads=uploads, data_dir=settings.data_dir, limits=Limits.of(settings),
        max_photo_bytes=settings.feedback_photo_bytes, client_key=abuse.ip_key(request))
    return {"code": report.code, "state": report.state, "accept_by": report.accept_by.isoformat()}


@router.get("/api/public/feedback")
def published(session: SessionDep, _user: Public) -> dict:
    """Answered reports the office published (no personal data)."""
    return {"reports": [published_out(r) for r in service.published(session)]}


@router.get("/api/public/feedback/{code}")
def follow(code: str, session: SessionDep, _user: Public) -> dict:
    """Where a report stands, by its tracking code: ``{state, answer, …}``."""
    report = service.by_code(session, code)
    if report is None:
        raise HTTPException(404, "没有这个查询码的举报，请核对后重试")
    return public_out(report)


@router.get("/api/feedback")
def office_list(session: SessionDep, user: Viewer, state: str = "") -> dict:
    """The office sees every report; a unit the reports assigned to it."""
    own = user.role != "admin"
    if own and user.unit_id is None:
        return {"reports": []}
    reports = service.listing(session, unit_id=user.unit_id if own else None, state=state)
    day = service.today()
    return {"reports": [office_out(r, day) for r in reports]}


def loaded(session, report_id: int, user, action: str = "feedback.view") -> FeedbackReport:
    report = session.get(FeedbackReport, report_id)
    if report is None:
        raise HTTPException(404)
    ensure(user, action, report)
    return report


@router.get("/api/feedback/{report_id}")
def office_get(report_id: int, session: SessionDep, user: Viewer) -> dict:
    report = loaded(session, report_id, user)
    return {**office_out(report, service.today()), "events": [
        {"action": e.action, "label": service.MOVE_LABELS.get(e.action, e.action),
         "from": e.from_state, "to": e.to_state, "actor": e.actor, "at": e.at.isoformat(),
         "text": e.text} for e in report.events]}


def _move(request: Request, session, report_id: int, user, action: str, move: service.Move,
          permission: str) -> dict:
    report = loaded(session, report_id, user, permission)
    settings = request.app.state.settings
    service.act(session, report, action, actor=current_actor(request), move=move, limits=Limits.of(settings),
                data_dir=settings.data_dir)
    return {"id": report.id, "code": report.code, "state": report.state,
            "due": report.due.isoformat() if report.due else None}


@router.post("/api/feedback/{report_id}/assign")
def assign(report_id: int, request: Request, session: SessionDep, user: Office, unit: Text,
           due: Annotated[dt.date | None, Body(embed=True)] = None) -> dict:
    return _move(request, session, report_id, user, "assign", service.Move(unit=unit, due=due),
                 "feedback.manage")


@router.post("/api/feedback/{report_id}/duplicate")
def duplicate(report_id: int, request: Request, session: SessionDep, user: Office, of: Text) -> dict:
    return _move(request, session, report_id, user, "duplicate", service.Move(of=of),
                 "feedback.manage")


@router.post("/api/feedback/{report_id}/refer")
def refer(report_id: int, request: Request, session: SessionDep, user: Office, office: Text,
          reason: Text) -> dict:
    return _move(request, session, report_id, user, "refer",
                 service.Move(unit=office, text=reason), "feedback.manage")


@router.post("/api/feedback/{report_id}/spam")
def spam(report_id: int, request: Request, session: SessionDep, user: Office) -> dict:
    return _move(request, session, report_id, user, "spam", service.Move(), "feedback.manage")


@router.post("/api/feedback/{report_id}/start")
def start(report_id: int, request: Request, session: SessionDep, user: Unit) -> dict:
    return _move(request, session, report_id, user, "start", service.Move(), "feedback.handle")


@router.post("/api/feedback/{report_id}/answer")
def answer(report_id: int, request: Request, session: SessionDep, user: Unit, content: Text) -> dict:
    return _move(request, session, report_id, user, "answer", service.Move(text=content),
                 "feedback.handle")


@router.post("/api/feedback/{report_id}/return")
def return_answer(report_id: int, request: Request, session: SessionDep, user: Office,
                  comment: Text = "") -> dict:
    return _move(request, session, report_id, user, "return", service.Move(text=comment),
                 "feedback.manage")


@router.post("/api/feedback/{report_id}/publish")
def publish(report_id: int, request: Request, session: SessionDep, user: Office,
            content: Text = "") -> dict:
    """Accept the unit's answer and publish it (``content``: the answer as published, when the
    office edits out anything personal; empty: the unit's answer as written)."""
    return _move(request, session, report_id, user, "publish", service.Move(text=content),
                 "feedback.manage")


@router.post("/api/feedback/{report_id}/extend")
def extend(report_id: int, request: Request, session: SessionDep, user: Unit, reason: Text,
           due: Annotated[dt.date, Body(embed=True)]) -> dict:
    return _move(request, session, report_id, user, "extend",
                 service.Move(text=reason, due=due), "feedback.handle")


@router.post("/api/feedback/{report_id}/extension")
def extension(report_id: int, request: Request, session: SessionDep, user: Office,
              grant: Annotated[bool, Body(embed=True)]) -> dict:
    return _move(request, session, report_id, user, "extension", service.Move(grant=grant),
                 "feedback.manage")


@router.post("/api/feedback/{report_id}/remind")
def remind(report_id: int, request: Request, session: SessionDep, user: Office) -> dict:
    """催办: a notice to the assigned unit (in the app, and by e-mail/webhook where configured)."""
    return _move(request, session, report_id, user, "remind", service.Move(), "feedback.manage")
