"""Admin pages for units: list, create, edit (name, kind, aliases, active)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, HTTPException, Request

from ecoplan.app.auth.models import User
from ecoplan.app.deps import SessionDep
from ecoplan.app.core.actor import current_actor
from ecoplan.app.forms import describe, error_status, split_aliases
from ecoplan.app.permissions import require
from ecoplan.app.templating import redirect, render
from ecoplan.app.units.models import UNIT_KINDS, Unit
from ecoplan.app.units.service import (create_unit, list_units, load_gazetteer_units,
                                       update_unit)
from ecoplan.plan.gazetteer import load_gazetteer
from ecoplan.errors import InputError

router = APIRouter(prefix="/admin/units")
Admin = Annotated[User, Depends(require("admin.units"))]


def _parent(session, value: str) -> Unit | None:
    """The district chosen as 所属辖市区 (empty: none)."""
    return session.get(Unit, int(value)) if (value or "").strip().isdigit() else None


def _districts(session) -> list[Unit]:
    return [u for u in list_units(session) if u.kind == "district"]


def _get_unit(session, unit_id: int) -> Unit:
    unit = session.get(Unit, unit_id)
    if unit is None:
        raise HTTPException(404)
    return unit


@router.get("")
def units_page(request: Request, session: SessionDep, _admin: Admin, kind: str = "",
               q: str = ""):
    units = [u for u in list_units(session)
             if (not kind or u.kind == kind)
             and (not q or q in u.name or any(q in a for a in u.aliases))]
    return render(request, "admin/units.html",
                  {"units": units, "kinds": UNIT_KINDS, "kind": kind, "q": q})


@router.post("/import")
def import_units(request: Request, session: SessionDep, admin: Admin):
    """Add the units and districts of the plan reader's gazetteer that are not here yet."""
    created, updated = load_gazetteer_units(session, load_gazetteer(), actor=current_actor(request))
    return redirect("/admin/units", flash=f"已从单位名录导入：新增 {created} 个，补充别名 {updated} 个")


@router.get("/new")
def new_unit_page(request: Request, session: SessionDep, _admin: Admin):
    return render(request, "admin/unit_form.html", {"unit": None, "kinds": UNIT_KINDS, "form": {},
                                                    "districts": _districts(session)})


@router.post("")
def new_unit(request: Request, session: SessionDep, admin: Admin,
             name: Annotated[str, Form()] = "", kind: Annotated[str, Form()] = "department",
             aliases: Annotated[str, Form()] = "", parent_id: Annotated[str, Form()] = ""):
    try:
        unit = create_unit(session, actor=current_actor(request), name=name, kind=kind,
                           aliases=split_aliases(aliases), parent=_parent(session, parent_id))
    except InputError as err:
        session.rollback()
        form = {"name": name, "kind": kind, "aliases": aliases, "parent_id": parent_id}
        return render(request, "admin/unit_form.html",
                      {"unit": None, "kinds": UNIT_KINDS, "form": form, "error": describe(err),
                       "districts": _districts(session)}, status_code=422)
    return redirect("/admin/units", flash=f"已创建单位“{unit.name}”")


@router.get("/{unit_id}")
def edit_unit_page(request: Request, session: SessionDep, _admin: Admin, unit_id: int):
    unit = _get_unit(session, unit_id)
    form = {"name": unit.name, "kind": unit.kind, "aliases": "\n".join(unit.aliases),
            "active": unit.active, "parent_id": str(unit.parent_id or "")}
    return render(request, "admin/unit_form.html", {"unit": unit, "kinds": UNIT_KINDS, "form": form,
                                                    "districts": _districts(session)})


@router.post("/{unit_id}")
def edit_unit(request: Request, session: SessionDep, admin: Admin, unit_id: int,
              version: Annotated[str, Form()] = "", name: Annotated[str, Form()] = "",
              kind: Annotated[str, Form()] = "", aliases: Annotated[str, Form()] = "",
              active: Annotated[str, Form()] = "", parent_id: Annotated[str, Form()] = ""):
    unit = _get_unit(session, unit_id)
    try:
        update_unit(session, unit, actor=current_actor(request), version=version, name=name, kind=kind,
                    aliases=split_aliases(aliases), active=active == "on",
                    parent=_parent(session, parent_id))
    except InputError as err:
        session.rollback()
        unit = _get_unit(session, unit_id)
        form = {"name": name, "kind": kind, "aliases": aliases, "active": active == "on",
                "parent_id": parent_id}
        return render(request, "admin/unit_form.html",
                      {"unit": unit, "kinds": UNIT_KINDS, "form": form, "error": describe(err),
                       "districts": _districts(session)}, status_code=error_status(err))
    return redirect("/admin/units", flash=f"已保存单位“{unit.name}”")
