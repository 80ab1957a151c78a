"""Pages of reports from the public: the citizen's form and tracking page (anonymous), and the
office's and units' list and handling page."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import FileResponse

from ecoplan.app.deps import SessionDep
from ecoplan.app.core.actor import current_actor
from ecoplan.app.feedback import abuse, service
from ecoplan.app.feedback.api import loaded, read_photos
from ecoplan.app.feedback.limits import OVERDUE_LABELS, Limits, overdue
from ecoplan.app.feedback.models import CATEGORY_LABELS, OUTCOME_LABELS, STATE_LABELS
from ecoplan.app.feedback.present import public_out, published_out
from ecoplan.app.permissions import can, ensure, require
from ecoplan.app.templating import redirect, render
from ecoplan.app.units.models import Unit
from ecoplan.errors import InputError

router = APIRouter()
Public = Annotated[object, Depends(require("public"))]
Viewer = Annotated[object, Depends(require("feedback.view"))]
LABELS = {"categories": CATEGORY_LABELS, "states": STATE_LABELS, "outcomes": OUTCOME_LABELS,
          "moves": service.MOVE_LABELS, "overdue": OVERDUE_LABELS}
OFFICE_MOVES = ("assign", "duplicate", "refer", "spam", "return", "publish", "extension", "remind")
UNIT_MOVES = ("start", "answer", "extend")


def _form_page(request, session, *, error: str = "", values: dict | None = None, status: int = 200):
    return render(request, "feedback/public.html", {
        **LABELS, "districts": service.districts(), "challenge": abuse.new_challenge(session),
        "published": [published_out(r) for r in service.published(session, limit=20)],
        "error": error, "values": values or {}}, status_code=status)


@router.get("/public/feedback")
def public_form(request: Request, session: SessionDep, _user: Public):
    return _form_page(request, session)


@router.post("/public/feedback")
async def public_submit(request: Request, session: SessionDep, _user: Public,
                        category: Annotated[str, Form()] = "", district: Annotated[str, Form()] = "",
                        town: Annotated[str, Form()] = "", address: Annotated[str, Form()] = "",
                        content: Annotated[str, Form()] = "", contact: Annotated[str, Form()] = "",
                        challenge: Annotated[str, Form()] = "", answer: Annotated[str, Form()] = "",
                        website: Annotated[str, Form()] = "",
                        photos: Annotated[list[UploadFile] | None, File()] = None):
    abuse.check_rate(request, "feedback")
    values = {"category": category, "district": district, "town": town, "address": address,
              "content": content, "contact": contact}
    settings = request.app.state.settings
    try:
        abuse.check_honeypot(website)
        abuse.check_challenge(request.app.state.sessionmaker, challenge, answer)
        uploads = await read_photos(photos, settings.feedback_photo_bytes)
        with session.begin_nested():
            report = service.submit(session, service.Submission(
                category=category, district=district, town=town, address=address,
                content=content, contact=contact), uploads=uploads, data_dir=settings.data_dir,
                limits=Limits.of(settings), max_photo_bytes=settings.feedback_photo_bytes,
                client_key=abuse.ip_key(request))
    except InputError as exc:
        return _form_page(request, session, error=exc.message, values=values, status=422)
    return redirect(f"/public/feedback/track?code={report.code}",
                    flash=f"已收到您的举报。查询码：{report.code}，请记下以便查询办理进度。")


@router.get("/public/feedback/track")
def public_track(request: Request, session: SessionDep, _user: Public, code: str = ""):
    report = service.by_code(session, code) if code.strip() else None
    return render(request, "feedback/track.html", {
        **LABELS, "code": code.strip(), "report": public_out(report) if report else None},
        status_code=404 if code.strip() and report is None else 200)


@router.get("/feedback")
def office_list(request: Request, session: SessionDep, user: Viewer, state: str = ""):
    own = user.role != "admin"
    reports = [] if own and user.unit_id is None else service.listing(
        session, unit_id=user.unit_id if own else None, state=state)
    day = service.today()
    return render(request, "feedback/index.html", {
        **LABELS, "reports": reports, "late": {r.id: overdue(r, day) for r in reports},
        "state": state})


def _allowed(user, report) -> list[str]:
    moves = [m for m in OFFICE_MOVES if can(user, "feedback.manage")]
    moves += [m for m in UNIT_MOVES if can(user, "feedback.handle", report)]
    return [m for m in moves if report.state in service.MOVES[m][0]
            and (m != "extension" or report.extension_due)
            and (m != "start" or report.started_on is None)]


@router.get("/feedback/{report_id}")
def office_item(report_id: int, request: Request, session: SessionDep, user: Viewer):
    report = loaded(session, report_id, user)
    units = session.query(Unit).filter(Unit.active.is_(True)).order_by(Unit.kind, Unit.name).all()
    return render(request, "feedback/item.html", {
        **LABELS, "report": report, "allowed": _allowed(user, report), "units": units,
        "late": overdue(report, service.today())})


@router.post("/feedback/{report_id}/act")
async def office_act(report_id: int, request: Request, session: SessionDep, user: Viewer,
                     action: Annotated[str, Form()], text: Annotated[str, Form()] = "",
                     unit: Annotated[str, Form()] = "", of: Annotated[str, Form()] = "",
                     due: Annotated[str, Form()] = "", grant: Annotated[str, Form()] = ""):
    if action not in service.MOVES:
        raise HTTPException(404)
    report = loaded(session, report_id, user)
    ensure(user, "feedback.manage" if action in OFFICE_MOVES else "feedback.handle", report)
    try:
        day = dt.date.fromisoformat(due) if due else None
    except ValueError:
        raise InputError("日期格式应为 年-月-日", field="due") from None
    settings = request.app.state.settings
    service.act(session, report, action, actor=current_actor(request), limits=Limits.of(settings),
                move=service.Move(text=text, unit=unit, of=of, due=day, grant=grant == "1"),
                data_dir=settings.data_dir)
    return redirect(f"/feedback/{report.id}", flash=f"已{service.MOVE_LABELS[action]}")


@router.get("/feedback/{report_id}/photos/{n}")
def office_photo(report_id: int, n: int, request: Request, session: SessionDep, user: Viewer):
    report = loaded(session, report_id, user)
    if not 0 <= n < len(report.photos or []):
        raise HTTPException(404)
    path = request.app.state.settings.data_dir / report.photos[n]["path"]
    return FileResponse(path, media_type="image/jpeg", headers={"Cache-Control": "private"})
