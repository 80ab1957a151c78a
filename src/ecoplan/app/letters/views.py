"""Responsibility-letter pages: the list per unit, drafting, a letter, its .docx, issuing, the
signed copy (upload, download, return)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, HTTPException, Request, UploadFile
from sqlalchemy import select

from ecoplan.app.core.actor import current_actor
from ecoplan.app.deps import SessionDep
from ecoplan.app.forms import describe
from ecoplan.app.letters import service
from ecoplan.app.letters.document import title_of
from ecoplan.app.letters.models import STATE_LABELS, ResponsibilityLetter
from ecoplan.app.permissions import can, ensure, require
from ecoplan.app.progress import todo
from ecoplan.app.templating import attachment, redirect, render
from ecoplan.app.units.models import Unit
from ecoplan.errors import InputError
from ecoplan.reports.official_docx import write_official_docx

router = APIRouter(prefix="/letters")
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
SIGNED_MEDIA = {"pdf": "application/pdf", "png": "image/png", "jpeg": "image/jpeg", "docx": DOCX}


def _version(session):
    version = todo.published(session)
    if version is None:
        raise HTTPException(404, "全市工作方案尚未发布")
    return version


def _index(request: Request, session, user, *, error: str | None = None, status_code: int = 200):
    version = _version(session)
    letters = service.visible(session, user, plan_id=version.plan_id)
    with_letter = {x.unit_id for x in letters}
    missing = ([u for u in service.owing_units(session, version) if u.id not in with_letter]
               if can(user, "letters.manage") else [])
    return render(request, "letters/index.html", {
        "letters": letters, "missing": missing, "states": STATE_LABELS, "error": error,
        "year": version.plan.year}, status_code=status_code)


@router.get("")
def index(request: Request, session: SessionDep, user=Depends(require("letters.view"))):
    return _index(request, session, user)


@router.post("/draft")
def draft(request: Request, session: SessionDep, admin=Depends(require("letters.manage")),
          unit_id: Annotated[str | None, Form()] = None):
    version = _version(session)
    try:
        if unit_id == "all":
            units = service.owing_units(session, version)
        else:
            unit = session.get(Unit, int(unit_id)) if (unit_id or "").isdigit() else None
            if unit is None:
                raise InputError("请选择单位", field="单位")
            units = [unit]
        done = [service.draft(session, actor=current_actor(request), version=version, unit=u)
                for u in units if not _issued(session, version, u)]
    except InputError as err:
        session.rollback()
        return _index(request, session, admin, error=describe(err), status_code=422)
    target = f"/letters/{done[0].id}" if len(done) == 1 else "/letters"
    return redirect(target, flash=f"已拟定目标责任书 {len(done)} 份")


def _issued(session, version, unit) -> bool:
    state = session.scalar(select(ResponsibilityLetter.state).where(
        ResponsibilityLetter.unit_id == unit.id, ResponsibilityLetter.plan_id == version.plan_id))
    return state not in (None, "drafted")


def _letter(session, user, letter_id: int, action: str = "letters.view") -> ResponsibilityLetter:
    letter = session.get(ResponsibilityLetter, letter_id)
    if letter is None:
        raise HTTPException(404, "没有找到该责任书")
    ensure(user, action, letter)
    return letter


def _page(request, session, user, letter, *, error=None, status_code=200):
    return render(request, "letters/letter.html", {
        "letter": letter, "c": letter.content, "title": title_of(letter.content),
        "states": STATE_LABELS, "error": error,
        "may_manage": can(user, "letters.manage"),
        "may_sign": can(user, "letters.sign", letter)}, status_code=status_code)


@router.get("/{letter_id}")
def letter_page(letter_id: int, request: Request, session: SessionDep,
                user=Depends(require("letters.view"))):
    return _page(request, session, user, _letter(session, user, letter_id))


@router.get("/{letter_id}/letter.docx")
def letter_docx(letter_id: int, session: SessionDep, user=Depends(require("letters.view"))):
    letter = _letter(session, user, letter_id)
    return attachment(write_official_docx(service.document(letter)),
                      f"{title_of(letter.content)}.docx", DOCX)


def _office_step(request, session, admin, letter_id: int, step, flash) -> object:
    """Run one of the office's steps on a letter: its page again with the message on bad input."""
    letter = _letter(session, admin, letter_id)
    try:
        step(letter)
    except InputError as err:
        session.rollback()
        return _page(request, session, admin, _letter(session, admin, letter_id),
                     error=describe(err), status_code=422)
    return redirect(f"/letters/{letter.id}", flash=flash(letter))


@router.post("/{letter_id}/issue")
def issue(letter_id: int, request: Request, session: SessionDep,
          admin=Depends(require("letters.manage")),
          doc_number: Annotated[str | None, Form()] = None):
    return _office_step(request, session, admin, letter_id, lambda letter: service.issue(
        session, actor=current_actor(request), letter=letter, doc_number=doc_number or ""),
        lambda letter: f"已下达：{letter.doc_number}")


@router.post("/{letter_id}/signed")
def upload_signed(letter_id: int, request: Request, session: SessionDep,
                  user=Depends(require("letters.sign")),
                  file: Annotated[UploadFile | None, File()] = None):
    letter = _letter(session, user, letter_id, "letters.sign")
    settings = request.app.state.settings
    try:
        if file is None or not file.filename:
            raise InputError("请选择签订件", field="签订件")
        service.attach_signed(session, actor=current_actor(request), letter=letter, file_name=file.filename,
                              data=file.file.read(settings.max_upload_bytes + 1),
                              data_dir=settings.data_dir, max_bytes=settings.max_upload_bytes)
    except InputError as err:
        session.rollback()
        return _page(request, session, user, _letter(session, user, letter_id),
                     error=describe(err), status_code=422)
    return redirect(f"/letters/{letter.id}", flash="已上传签订件，责任书已签订")


@router.get("/{letter_id}/signed")
def download_signed(letter_id: int, request: Request, session: SessionDep,
                    user=Depends(require("letters.view"))):
    letter = _letter(session, user, letter_id)
    try:
        data = service.read_signed(letter, request.app.state.settings.data_dir)
    except InputError as err:
        raise HTTPException(404, err.message) from None
    return attachment(data, letter.signed_file or "signed",
                      SIGNED_MEDIA.get(letter.signed_type, "application/octet-stream"))


@router.post("/{letter_id}/return")
def return_signed(letter_id: int, request: Request, session: SessionDep,
                  admin=Depends(require("letters.manage")),
                  reason: Annotated[str | None, Form()] = None):
    return _office_step(request, session, admin, letter_id, lambda letter: service.return_signed(
        session, actor=current_actor(request), letter=letter, reason=reason or ""),
        lambda _letter: "已退回签订件，请单位重新上传")
