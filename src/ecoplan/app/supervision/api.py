"""JSON API of supervision items under /api/supervision: the same objects and rules as the pages.

Writes carry the ``X-CSRF-Token`` header, as the pages' forms do.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, HTTPException, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from ecoplan.app.deps import SessionDep
from ecoplan.app.core.actor import current_actor
from ecoplan.app.permissions import ensure, require
from ecoplan.app.supervision import moves, service
from ecoplan.app.supervision import workflow as wf
from ecoplan.app.supervision.models import BASES, SupervisionItem
from ecoplan.app.supervision.present import item_out, notice_docx
from ecoplan.errors import InputError

router = APIRouter(prefix="/api/supervision", tags=["supervision"])


class ItemIn(BaseModel):
    kind: str = Field(description="督查、通报、交办、约谈、督办、媒体曝光（或 inspection, circular, "
                                  "assignment, summons, supervise, exposure）")
    units: list[str] = Field(description="单位名称或别名，每个单位一件")
    title: str
    content: str = ""
    due: dt.date | None = None
    basis: Any = Field(default=None, description="依据：{\"task\": \"10\"}、{\"target\": \"PM2.5浓度\"}、"
                       "{\"ledger\": \"ZY-1\"}、{\"assessment\": \"2023年考评等次不合格\"} 或一段文字")
    link: str = ""


def parse_basis(raw) -> tuple[str, str]:
    """(basis, reference) from ``{"task": "10"}``, ``{"kind": "task", "ref": "10"}`` or text."""
    if raw is None or raw == "" or raw == {}:
        return "unit", ""
    if isinstance(raw, str):
        return "other", raw
    if isinstance(raw, dict):
        if "kind" in raw:
            return str(raw["kind"]), str(raw.get("ref", ""))
        given = [(k, v) for k, v in raw.items() if k in BASES and v not in (None, "")]
        if len(given) == 1:
            return given[0][0], str(given[0][1])
    raise InputError(f"依据应写作 {{类型: 内容}}，类型为 {'、'.join(BASES)} 之一", field="依据")


def loaded(session, item_id: int, user, action: str = "supervision.view") -> SupervisionItem:
    item = service.get_item(session, item_id)
    if item is None:
        raise HTTPException(404)
    ensure(user, action, item)
    return item


@router.post("/items", status_code=201)
def issue_items(request: Request, session: SessionDep, body: ItemIn,
                user=Depends(require("supervision.manage"))) -> dict:
    basis, ref = parse_basis(body.basis)
    made = service.issue(session, actor=current_actor(request), issue=service.Issue(
        kind=body.kind, units=body.units, title=body.title, content=body.content, due=body.due,
        basis=basis, basis_ref=ref, link=body.link))
    return {"id": made[0].id, "state": made[0].state, "ids": [i.id for i in made],
            "items": [item_out(i) for i in made]}


@router.get("/items")
def list_items(session: SessionDep, user=Depends(require("supervision.view")),
               mine: str = "", state: str = "") -> dict:
    """The office sees every item; a unit only its own (``mine=1``: the logged-in unit's)."""
    own = bool(mine) or user.role != "admin"
    if own and user.unit_id is None:
        return {"items": []}
    items = service.list_items(session, unit_id=user.unit_id if own else None, state=state)
    return {"items": [item_out(i) for i in items]}


@router.get("/items/{item_id}")
def get_item(item_id: int, session: SessionDep, user=Depends(require("supervision.view"))) -> dict:
    item = loaded(session, item_id, user)
    return {**item_out(item), "events": [
        {"action": e.action, "from": e.from_state, "to": e.to_state, "actor": e.actor,
         "at": e.at.isoformat(), "text": e.text, "files": [f["name"] for f in e.files or []]}
        for e in item.events]}


def _move(request: Request, session, item_id: int, user, action: str, move: wf.Move) -> dict:
    item = loaded(session, item_id, user)
    moves.act(session, item, action, actor=current_actor(request), move=move)
    return {"id": item.id, "state": item.state}


Unit = Annotated[object, Depends(require("supervision.handle"))]
Office = Annotated[object, Depends(require("supervision.manage"))]
Text = Annotated[str, Body(embed=True)]


@router.post("/items/{item_id}/sign")
def sign(item_id: int, request: Request, session: SessionDep, user: Unit) -> dict:
    return _move(request, session, item_id, user, wf.SIGN, wf.Move())


@router.post("/items/{item_id}/respond")
def respond(item_id: int, request: Request, session: SessionDep, user: Unit, content: Text = "") -> dict:
    return _move(request, session, item_id, user, wf.RESPOND, wf.Move(content))


@router.post("/items/{item_id}/accept")
def accept(item_id: int, request: Request, session: SessionDep, user: Office) -> dict:
    return _move(request, session, item_id, user, wf.ACCEPT, wf.Move())


@router.post("/items/{item_id}/return")
def return_item(item_id: int, request: Request, session: SessionDep, user: Office,
                comment: Text = "") -> dict:
    return _move(request, session, item_id, user, wf.RETURN, wf.Move(comment))


@router.post("/items/{item_id}/extend")
def extend(item_id: int, request: Request, session: SessionDep, user: Unit, reason: Text = "",
           due: Annotated[dt.date | None, Body(embed=True)] = None) -> dict:
    return _move(request, session, item_id, user, wf.EXTEND, wf.Move(reason, due))


@router.post("/items/{item_id}/extension")
def decide_extension(item_id: int, request: Request, session: SessionDep, user: Office,
                     grant: Annotated[bool, Body(embed=True)], comment: Text = "") -> dict:
    return _move(request, session, item_id, user, wf.GRANT if grant else wf.REFUSE, wf.Move(comment))


@router.post("/items/{item_id}/remind")
def remind(item_id: int, request: Request, session: SessionDep, user: Office) -> dict:
    return _move(request, session, item_id, user, wf.REMIND, wf.Move())


@router.get("/items/{item_id}/notice.docx")
def notice(item_id: int, request: Request, session: SessionDep,
           user=Depends(require("supervision.view"))) -> Response:
    return notice_docx(request, session, loaded(session, item_id, user))

