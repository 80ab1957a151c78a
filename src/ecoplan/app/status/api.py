"""``/api/status``: the overview as JSON, every status with the numbers behind it."""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Request

from ecoplan.app.deps import SessionDep
from ecoplan.app.permissions import require
from ecoplan.app.status import dashboard
from ecoplan.app.status.views import NO_PLAN, store_of, today

router = APIRouter(prefix="/api")


@router.get("/status")
def status_api(request: Request, session: SessionDep, _user=Depends(require("status.view"))):
    """Goals, tasks (with targets), units and districts, each with ``status.why``."""
    data = dashboard.overview(session, store=store_of(request), today=today())
    if data is None:
        raise HTTPException(404, NO_PLAN)
    return data
