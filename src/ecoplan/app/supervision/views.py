"""Supervision pages: the office's proposals, issuing, the list of items; a unit's own items."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request

from ecoplan.app.core import clock
from ecoplan.app.deps import SessionDep
from ecoplan.app.core.actor import current_actor
from ecoplan.app.forms import describe
from ecoplan.app.ledger.fields import parse_deadline
from ecoplan.app.permissions import require
from ecoplan.app.units import addressees
from ecoplan.app.supervision import service
from ecoplan.app.supervision.models import KIND_LABELS
from ecoplan.app.supervision.present import LABELS, overdue_ids
from ecoplan.app.supervision.workflow import STATES
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
    """Proposals as of the office's evaluation day (the day statuses are judged on)."""
    today = clock.evaluation_day(session)
    return service.pending(session, target_months=_target_months(request, session, today.year),
                           today=today)


def _items(request: Request, session, user):
    q = request.query_params
    state = q.get("state", "") if q.get("state", "") in STATES else ""
    kind = q.get("kind", "") if q.get("kind", "") in KIND_LABELS else ""
    if user.role != "admin":
        return service.list_items(session, unit_id=user.unit_id or -1, state=state, kind=kind)
    return service.list_items(session, state=state, kind=kind)


def _page(request, session, user, error: str | None = None, status: int = 200, form=None):
    items = _items(request, session, user)
    office = user.role == "admin"
    return render(request, "supervision/index.html", {
        **LABELS, "office": office, "items": items, "overdue": overdue_ids(session, items),
        "proposals": _pending(request, session) if office else [],
        "unit_choices": addressees.choices(session) if office else [],
        "chosen": {"state": request.query_params.get("state", ""),
                   "kind": request.query_params.get("kind", "")},
        "form": form or {}, "error": error, "today": clock.evaluation_day(session)},
        status_code=status)


@router.get("")
def supervision_page(request: Request, session: SessionDep,
                     user=Depends(require("supervision.view"))):
    return _page(request, session, user)


def _date(text: str):
    return parse_deadline(text) if text.strip() else None


@router.post("/confirm")
def confirm_proposals(request: Request, session: SessionDep, office: Office,
                      key: Annotated[list[str], Form()] = (), deadline: Annotated[str, Form()] = ""):
    """Issue every chosen proposal at once (one item per proposal, each to its unit)."""
    pending = {p.key: p for p in _pending(request, session)}
    chosen = [pending[k] for k in dict.fromkeys(key) if k in pending]
    if not chosen:
        return _page(request, session, office, "请勾选要下发的建议（所选建议可能已下发，请刷新页面）", 409)
    try:
        made = service.confirm(session, actor=current_actor(request), chosen=chosen, due=_date(deadline))
    except InputError as err:
        session.rollback()
        return _page(request, session, office, describe(err), 422)
    first = made[0]
    if len(made) == 1:
        return redirect(f"/supervision/items/{first.id}", flash=f"已下发{KIND_LABELS[first.kind]}：{first.title}")
    return redirect("/supervision", flash=f"已按建议下发 {len(made)} 件督办事项")


@router.post("/items")
def issue_items(request: Request, session: SessionDep, office: Office,
                kind: Annotated[str, Form()] = "", units: Annotated[str, Form()] = "",
                title: Annotated[str, Form()] = "", content: Annotated[str, Form()] = "",
                due: Annotated[str, Form()] = "", basis: Annotated[str, Form()] = "unit",
                basis_ref: Annotated[str, Form()] = "", link: Annotated[str, Form()] = ""):
    form = {"kind": kind, "units": units, "title": title, "content": content, "due": due,
            "basis": basis, "basis_ref": basis_ref, "link": link}
    try:
        made = service.issue(session, actor=current_actor(request), issue=service.Issue(
            kind=kind, units=units, title=title, content=content, due=_date(due), basis=basis,
            basis_ref=basis_ref, link=link))
    except InputError as err:
        session.rollback()
        return _page(request, session, office, describe(err), 422, form=form)
    names = "、".join(i.unit.name for i in made)
    return redirect("/supervision", flash=f"已向{names}下发{KIND_LABELS[made[0].kind]}：{made[0].title}")
