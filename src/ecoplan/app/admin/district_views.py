"""A district's own units and accounts (本辖区单位和账号): the district user's pages
(:mod:`ecoplan.app.auth.district`). Another district's unit or account is refused (403) before
anything is read from the form; an unknown one is 404."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, HTTPException, Request

from ecoplan.app.auth import district as svc
from ecoplan.app.auth.models import User
from ecoplan.app.core.actor import current_actor
from ecoplan.app.deps import SessionDep
from ecoplan.app.forms import describe, error_status
from ecoplan.app.permissions import Forbidden, ensure, require
from ecoplan.app.templating import redirect, render
from ecoplan.app.units.models import Unit
from ecoplan.errors import InputError

router = APIRouter(prefix="/district")
Units = Annotated[User, Depends(require("district.units"))]
Users = Annotated[User, Depends(require("district.users"))]
HOME = "/district/units"


def _district(session, user) -> Unit:
    unit = session.get(Unit, user.unit_id) if user.unit_id else None
    if unit is None or unit.kind != "district":
        raise Forbidden("您的账户不属于一个辖市区")
    return unit


def _number(value: str) -> int | None:
    return int(value) if (value or "").strip().isdigit() else None


def _page(request, session, user, *, error=None, form=None, status_code=200):
    district = _district(session, user)
    users = svc.users_of(session, district)
    return render(request, "admin/district.html", {
        "district": district, "units": svc.units_of(session, district),
        "users": users, "kinds": svc.UNIT_KINDS, "kind_names": svc.KIND_NAMES, "roles": svc.ROLES,
        "form": form or {},
        "error": error}, status_code=status_code)


@router.get("/units")
def district_page(request: Request, session: SessionDep, user: Units):
    return _page(request, session, user)


@router.post("/units")
def new_unit(request: Request, session: SessionDep, user: Units,
             name: Annotated[str, Form()] = "", kind: Annotated[str, Form()] = ""):
    district = _district(session, user)
    try:
        unit = svc.create_district_unit(session, actor=current_actor(request), district=district,
                                        name=name, kind=kind or svc.guess_kind(name.strip()))
    except InputError as err:
        session.rollback()
        return _page(request, session, user, error=describe(err), status_code=422,
                     form={"unit_name": name, "unit_kind": kind})
    return redirect(HOME, flash=f"已新建“{unit.name}”")


def _owned(session, user, model, obj_id: int, action: str, missing: str):
    """The unit or account ``obj_id`` (404 unknown), if ``user``'s district's (else 403)."""
    found = session.get(model, obj_id)
    if found is None:
        raise HTTPException(404, missing)
    ensure(user, action, found)
    return found


def _unit(session, user, unit_id: int) -> Unit:
    return _owned(session, user, Unit, unit_id, "district.units", "没有找到该单位")


@router.get("/units/{unit_id}")
def edit_unit_page(request: Request, session: SessionDep, user: Units, unit_id: int):
    unit = _unit(session, user, unit_id)
    return render(request, "admin/district_unit.html", {"unit": unit, "kinds": svc.UNIT_KINDS,
                                                      "kind_names": svc.KIND_NAMES})


@router.post("/units/{unit_id}")
def edit_unit(request: Request, session: SessionDep, user: Units, unit_id: int,
              version: Annotated[str, Form()] = "", name: Annotated[str, Form()] = "",
              kind: Annotated[str, Form()] = "", active: Annotated[str, Form()] = ""):
    unit = _unit(session, user, unit_id)
    try:
        ended = svc.update_district_unit(session, unit, actor=current_actor(request),
                                         district=_district(session, user), version=version,
                                         name=name, kind=kind, active=active == "on")
    except InputError as err:
        session.rollback()
        return render(request, "admin/district_unit.html",
                      {"unit": _unit(session, user, unit_id), "kinds": svc.UNIT_KINDS,
                       "kind_names": svc.KIND_NAMES, "error": describe(err)}, status_code=error_status(err))
    note = f"，停用其账号 {ended} 个" if ended else ""
    return redirect(HOME, flash=f"已保存“{unit.name}”{'' if unit.active else '（已撤销）'}{note}")


@router.post("/users")
def new_user(request: Request, session: SessionDep, user: Users,
             username: Annotated[str, Form()] = "", display_name: Annotated[str, Form()] = "",
             password: Annotated[str, Form()] = "", role: Annotated[str, Form()] = "reporter",
             unit_id: Annotated[str, Form()] = ""):
    district = _district(session, user)
    try:
        made = svc.create_district_user(session, actor=current_actor(request), district=district,
                                        username=username, display_name=display_name,
                                        password=password, role=role, unit_id=_number(unit_id))
    except InputError as err:
        session.rollback()
        form = {"username": username, "display_name": display_name, "role": role, "unit_id": unit_id}
        return _page(request, session, user, error=describe(err), form=form, status_code=422)
    return redirect(HOME, flash=f"已为“{made.unit.name}”开设账号“{made.username}”")


def _person(session, user, user_id: int) -> User:
    return _owned(session, user, User, user_id, "district.users", "没有找到该账号")


def _user_page(request, session, user, person, *, error=None, status_code=200):
    return render(request, "admin/district_user.html", {
        "person": person, "roles": svc.ROLES, "error": error,
        "units": svc.units_of(session, _district(session, user))}, status_code=status_code)


@router.get("/users/{user_id}")
def edit_user_page(request: Request, session: SessionDep, user: Users, user_id: int):
    return _user_page(request, session, user, _person(session, user, user_id))


@router.post("/users/{user_id}")
def edit_user(request: Request, session: SessionDep, user: Users, user_id: int,
              version: Annotated[str, Form()] = "", display_name: Annotated[str, Form()] = "",
              role: Annotated[str, Form()] = "", unit_id: Annotated[str, Form()] = "",
              active: Annotated[str, Form()] = ""):
    person = _person(session, user, user_id)
    try:
        svc.update_district_user(session, person, actor=current_actor(request),
                                 district=_district(session, user), version=version,
                                 display_name=display_name, role=role,
                                 unit_id=_number(unit_id), active=active == "on")
    except InputError as err:
        session.rollback()
        return _user_page(request, session, user, _person(session, user, user_id),
                          error=describe(err), status_code=error_status(err))
    return redirect(HOME, flash=f"已保存账号“{person.username}”")


@router.post("/users/{user_id}/password")
def user_password(request: Request, session: SessionDep, user: Users, user_id: int,
                  password: Annotated[str, Form()] = ""):
    person = _person(session, user, user_id)
    try:
        svc.reset_district_password(session, person, actor=current_actor(request),
                                    district=_district(session, user), password=password)
    except InputError as err:
        session.rollback()
        return _user_page(request, session, user, _person(session, user, user_id),
                          error=describe(err), status_code=422)
    return redirect(f"/district/users/{user_id}", flash="已重置密码并解除锁定")
