"""``/api/status``: the overview as JSON, every status with the numbers behind it."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from ecoplan.app.deps import SessionDep
from ecoplan.app.permissions import require
from ecoplan.app.status.views import overview_or_404

router = APIRouter(prefix="/api")


@router.get("/status")
def status_api(request: Request, session: SessionDep, _user=Depends(require("status.view"))):
    """Goals, tasks (with targets), units and districts, each with ``status.why``."""
    data = overview_or_404(request, session)
    return data
