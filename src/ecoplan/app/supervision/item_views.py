"""One supervision item's page: its content, basis, history, the moves the user may make, its
document, and the evidence files kept with responses."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import FileResponse

from ecoplan.app.seals.head import ISSUER
from ecoplan.app.deps import SessionDep
from ecoplan.app.core.actor import as_actor, current_actor
from ecoplan.app.forms import describe
from ecoplan.app.ledger import evidence
from ecoplan.app.ledger.fields import parse_deadline
from ecoplan.app.permissions import require
from ecoplan.app.seals import choice as seal_choice
from ecoplan.app.supervision import moves
from ecoplan.app.supervision import workflow as wf
from ecoplan.app.supervision.api import loaded
from ecoplan.app.supervision.documents import basis_text
from ecoplan.app.supervision.present import LABELS, notice_docx, overdue_ids
from ecoplan.app.supervision.service import facts
from ecoplan.app.templating import redirect, render
from ecoplan.errors import InputError

router = APIRouter(prefix="/supervision/items")
UNIT_MOVES = (wf.SIGN, wf.RESPOND, wf.EXTEND)
OFFICE_MOVES = (wf.ACCEPT, wf.RETURN, wf.GRANT, wf.REFUSE, wf.REMIND)


def _page(request: Request, session, item, user, error: str | None = None, status: int = 200):
    return render(request, "supervision/item.html", {
        **LABELS, "item": item, "basis_text": basis_text(session, item),
        "allowed": wf.allowed_actions(facts(item), as_actor(user)),
        "overdue": item.id in overdue_ids(session, [item]), "error": error,
        "seal_offer": seal_choice.offer(session, [ISSUER]), "seal_choices": seal_choice.CHOICES},
        status_code=status)


@router.get("/{item_id}")
def item_page(item_id: int, request: Request, session: SessionDep,
              user=Depends(require("supervision.view"))):
    return _page(request, session, loaded(session, item_id, user), user)


async def _uploads(files: Annotated[list[UploadFile], File()] = ()) -> list[evidence.Upload]:
    """The uploaded files, read on the event loop (a dependency, so the route that stores them
    stays a plain ``def`` whose database calls run in the thread pool)."""
    return [evidence.Upload(f.filename or "", await f.read()) for f in files if f.filename]


def _move(request: Request, session, item, user, action: str, text: str, date: str,
          uploads: list[evidence.Upload]):
    try:
        when = parse_deadline(date) if date.strip() else None
        moves.act(session, item, action, actor=current_actor(request), move=wf.Move(text, when), uploads=uploads,
                  data_dir=request.app.state.settings.data_dir)
    except InputError as err:
        session.rollback()
        fresh = loaded(session, item.id, user)
        return _page(request, session, fresh, user, describe(err), 422)
    return redirect(f"/supervision/items/{item.id}", flash=f"已{wf.ACTION_LABELS[action]}")


@router.post("/{item_id}/handle")
def handle(item_id: int, request: Request, session: SessionDep,
           user=Depends(require("supervision.handle")), action: Annotated[str, Form()] = "",
           text: Annotated[str, Form()] = "", date: Annotated[str, Form()] = "",
           uploads: list[evidence.Upload] = Depends(_uploads)):
    """The addressed unit's moves: sign for, respond with evidence, ask for an extension."""
    item = loaded(session, item_id, user, "supervision.handle")
    if action not in UNIT_MOVES:
        raise HTTPException(404)
    return _move(request, session, item, user, action, text, date, uploads)


@router.post("/{item_id}/decide")
def decide(item_id: int, request: Request, session: SessionDep,
           user=Depends(require("supervision.manage")), action: Annotated[str, Form()] = "",
           text: Annotated[str, Form()] = ""):
    """The office's moves: accept (办结), return, grant or refuse an extension, remind (催办)."""
    item = loaded(session, item_id, user, "supervision.manage")
    if action not in OFFICE_MOVES:
        raise HTTPException(404)
    return _move(request, session, item, user, action, text, "", [])


@router.get("/{item_id}/notice.docx")
def notice(item_id: int, request: Request, session: SessionDep,
           user=Depends(require("supervision.view"))):
    return notice_docx(request, session, loaded(session, item_id, user))


@router.get("/{item_id}/files/{event_id}/{index}")
def evidence_file(item_id: int, event_id: int, index: int, request: Request, session: SessionDep,
                  user=Depends(require("supervision.view"))):
    item = loaded(session, item_id, user)
    event = next((e for e in item.events if e.id == event_id), None)
    if event is None or not 0 <= index < len(event.files or []):
        raise HTTPException(404)
    kept = event.files[index]
    try:
        path = evidence.resolve(request.app.state.settings.data_dir, kept["path"])
    except FileNotFoundError:
        raise HTTPException(404) from None
    return FileResponse(path, filename=kept["name"])
