"""JSON API for the core objects (people, units, audit log), under /api.

Same permission rules as the pages (``require``). Everything here needs a login.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel, ConfigDict

from ecoplan.app.admin.audit_views import audit_filter
from ecoplan.app.audit.service import AuditFilter, search
from ecoplan.app.auth.users import list_users
from ecoplan.app.deps import SessionDep
from ecoplan.app.permissions import require
from ecoplan.app.core.clock import as_utc
from ecoplan.app.units.models import Unit
from ecoplan.app.units.service import list_units

router = APIRouter(prefix="/api", tags=["core"])


class UnitOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    name: str
    kind: str
    aliases: list[str]
    active: bool
    version: int
    """What ``PATCH /api/units/{id}`` must send back."""


class UserOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    username: str
    display_name: str
    role: str
    unit_id: int | None
    active: bool
    version: int
    """What ``PATCH /api/users/{id}`` must send back."""


class AuditOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    at: str
    actor: str
    action: str
    object_type: str
    object_id: str | None
    before: dict | None
    after: dict | None
    ip: str | None


class AuditPage(BaseModel):
    total: int
    entries: list[AuditOut]


@router.get("/me", response_model=UserOut)
def me(user=Depends(require("account"))):
    return user


@router.get("/units", response_model=list[UnitOut], dependencies=[Depends(require("units.view"))])
def units(session: SessionDep):
    return list_units(session)


@router.get("/units/{unit_id}", response_model=UnitOut,
            dependencies=[Depends(require("units.view"))])
def unit(session: SessionDep, unit_id: int):
    found = session.get(Unit, unit_id)
    if found is None:
        raise HTTPException(404, "单位不存在")
    return found


@router.get("/users", response_model=list[UserOut], dependencies=[Depends(require("admin.users"))])
def users(session: SessionDep):
    return list_users(session)


@router.get("/audit", response_model=AuditPage, dependencies=[Depends(require("admin.audit"))])
def audit(session: SessionDep, limit: int = 100, offset: int = 0,
          flt: AuditFilter = Depends(audit_filter)):
    entries, total = search(session, flt, limit=min(max(limit, 1), 1000), offset=max(offset, 0))
    rows = [AuditOut(id=e.id, at=as_utc(e.at).isoformat(), actor=e.actor, action=e.action,
                     object_type=e.object_type, object_id=e.object_id, before=e.before,
                     after=e.after, ip=e.ip) for e in entries]
    return AuditPage(total=total, entries=rows)
