"""JSON API for managing units and people (admin), under /api. Same rules as the pages.

Edits carry the ``version`` the client last saw; an older one is refused with 409.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Request
from pydantic import BaseModel, Field

from ecoplan.app.api import UnitOut, UserOut
from ecoplan.app.auth.models import User
from ecoplan.app.auth.users import create_user, update_user
from ecoplan.app.deps import SessionDep
from ecoplan.app.core.actor import current_actor
from ecoplan.app.permissions import require
from ecoplan.app.units.models import Unit
from ecoplan.app.units.service import create_unit, update_unit

router = APIRouter(prefix="/api", tags=["admin"])


class UnitIn(BaseModel):
    name: str
    kind: str = "department"
    aliases: list[str] = Field(default_factory=list)


class UnitPatch(BaseModel):
    version: int
    name: str | None = None
    kind: str | None = None
    aliases: list[str] | None = None
    active: bool | None = None


class UserIn(BaseModel):
    username: str
    display_name: str
    password: str
    role: str = "viewer"
    unit_id: int | None = None


class UserPatch(BaseModel):
    version: int
    display_name: str | None = None
    role: str | None = None
    unit_id: int | None = None
    active: bool | None = None


def _found(obj, what: str):
    if obj is None:
        raise HTTPException(404, f"{what}不存在")
    return obj


@router.post("/units", response_model=UnitOut, status_code=201)
def add_unit(body: UnitIn, request: Request, session: SessionDep,
             admin: User = Depends(require("admin.units"))):
    return create_unit(session, actor=current_actor(request), name=body.name, kind=body.kind,
                       aliases=body.aliases)


@router.patch("/units/{unit_id}", response_model=UnitOut)
def change_unit(unit_id: int, body: UnitPatch, request: Request, session: SessionDep,
                admin: User = Depends(require("admin.units"))):
    unit = _found(session.get(Unit, unit_id), "单位")
    given = body.model_dump(exclude_unset=True, exclude={"version"})
    current = {"name": unit.name, "kind": unit.kind, "aliases": unit.aliases, "active": unit.active}
    update_unit(session, unit, actor=current_actor(request), version=body.version, **{**current, **given})
    session.flush()
    return unit


@router.post("/users", response_model=UserOut, status_code=201)
def add_user(body: UserIn, request: Request, session: SessionDep,
             admin: User = Depends(require("admin.users"))):
    return create_user(session, actor=current_actor(request), username=body.username,
                       display_name=body.display_name, password=body.password, role=body.role,
                       unit_id=body.unit_id)


@router.patch("/users/{user_id}", response_model=UserOut)
def change_user(user_id: int, body: UserPatch, request: Request, session: SessionDep,
                admin: User = Depends(require("admin.users"))):
    user = _found(session.get(User, user_id), "用户")
    given = body.model_dump(exclude_unset=True, exclude={"version"})
    current = {"display_name": user.display_name, "role": user.role, "unit_id": user.unit_id,
               "active": user.active}
    update_user(session, user, actor=current_actor(request), version=body.version, **{**current, **given})
    session.flush()  # ``unit_id`` follows the new ``unit`` only once flushed
    return user
