"""Admin pages for people: list, create, edit, reset password, unlock."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, HTTPException, Request

from ecoplan.app.auth.models import User
from ecoplan.app.auth.users import create_user, list_users, reset_password, unlock, update_user
from ecoplan.app.deps import SessionDep
from ecoplan.app.core.actor import current_actor
from ecoplan.app.forms import describe, error_status
from ecoplan.app.permissions import ROLES, require
from ecoplan.app.templating import is_htmx, redirect, render
from ecoplan.app.core.clock import as_utc, utcnow
from ecoplan.app.units.service import list_units
from ecoplan.errors import InputError

router = APIRouter(prefix="/admin")
ACTION = "admin.users"
Admin = Annotated[User, Depends(require(ACTION))]


def _unit_id(value: str) -> int | None:
    return int(value) if value.strip().isdigit() else None


def _get_user(session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise HTTPException(404)
    return user


def _form_context(session, **extra) -> dict:
    return {"roles": ROLES, "units": list_units(session, active_only=True), **extra}


@router.get("", dependencies=[Depends(require(ACTION))])
def admin_home():
    return redirect("/admin/users")


def _locked_ids(users: list[User]) -> set[int]:
    now = utcnow()
    return {u.id for u in users if u.locked_until and as_utc(u.locked_until) > now}


def _matches(user: User, role: str, unit_id: str, q: str) -> bool:
    return ((not role or user.role == role)
            and (not unit_id or str(user.unit_id) == unit_id)
            and (not q or q in user.username or q in user.display_name))


@router.get("/users")
def users_page(request: Request, session: SessionDep, _admin: Admin, role: str = "",
               unit_id: str = "", q: str = ""):
    users = [u for u in list_users(session) if _matches(u, role, unit_id, q)]
    context = _form_context(session, users=users, locked=_locked_ids(users),
                            flt={"role": role, "unit_id": unit_id, "q": q})
    return render(request, "admin/users.html", context)


@router.get("/users/new")
def new_user_page(request: Request, session: SessionDep, _admin: Admin):
    return render(request, "admin/user_new.html", _form_context(session, form={}))


@router.post("/users")
def new_user(request: Request, session: SessionDep, admin: Admin,
             username: Annotated[str, Form()] = "", display_name: Annotated[str, Form()] = "",
             password: Annotated[str, Form()] = "", role: Annotated[str, Form()] = "viewer",
             unit_id: Annotated[str, Form()] = ""):
    form = {"username": username, "display_name": display_name, "role": role, "unit_id": unit_id}
    try:
        user = create_user(session, actor=current_actor(request), username=username, display_name=display_name,
                           password=password, role=role, unit_id=_unit_id(unit_id))
    except InputError as err:
        session.rollback()
        return render(request, "admin/user_new.html",
                      _form_context(session, form=form, error=describe(err)), status_code=422)
    return redirect("/admin/users", flash=f"已创建用户“{user.username}”")


@router.get("/users/{user_id}")
def edit_user_page(request: Request, session: SessionDep, _admin: Admin, user_id: int):
    user = _get_user(session, user_id)
    return render(request, "admin/user_edit.html", _form_context(session, user=user))


@router.post("/users/{user_id}")
def edit_user(request: Request, session: SessionDep, admin: Admin, user_id: int,
              version: Annotated[str, Form()] = "", display_name: Annotated[str, Form()] = "",
              role: Annotated[str, Form()] = "", unit_id: Annotated[str, Form()] = "",
              active: Annotated[str, Form()] = ""):
    user = _get_user(session, user_id)
    try:
        update_user(session, user, actor=current_actor(request), version=version, display_name=display_name,
                    role=role, unit_id=_unit_id(unit_id), active=active == "on")
    except InputError as err:
        session.rollback()
        user = _get_user(session, user_id)
        return render(request, "admin/user_edit.html",
                      _form_context(session, user=user, error=describe(err)),
                      status_code=error_status(err))
    return redirect("/admin/users", flash=f"已保存用户“{user.username}”")


@router.post("/users/{user_id}/password")
def user_password(request: Request, session: SessionDep, admin: Admin, user_id: int,
                  password: Annotated[str, Form()] = ""):
    user = _get_user(session, user_id)
    reset_password(session, user, actor=current_actor(request), password=password)
    return redirect(f"/admin/users/{user_id}", flash="已重置密码并解除锁定")


@router.post("/users/{user_id}/unlock")
def user_unlock(request: Request, session: SessionDep, admin: Admin, user_id: int):
    user = _get_user(session, user_id)
    unlock(session, user, actor=current_actor(request))
    if is_htmx(request):
        return render(request, "admin/_user_row.html", {"u": user, "locked": set()})
    return redirect("/admin/users", flash=f"已解除“{user.username}”的锁定")
