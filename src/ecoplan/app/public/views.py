"""The public page (公开): no login; goals, monitoring rankings, tasks with their status.

Everything here comes from :func:`ecoplan.app.status.dashboard.public`, which keeps only what
an environmental-information disclosure page shows.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Request

from ecoplan.app.deps import SessionDep
from ecoplan.app.permissions import require
from ecoplan.app.public.plain import GLOSSARY, STATUS_WORDS, plain
from ecoplan.app.status import dashboard
from ecoplan.app.status.status import LABELS
from ecoplan.app.status.views import NO_PLAN, store_of, today
from ecoplan.app.templating import render_kept

router = APIRouter()


@router.get("/public")
def public_page(request: Request, session: SessionDep, _user=Depends(require("public"))):
    store, day = store_of(request), today()
    shown = dashboard.public(session, store=store, today=day)

    def context():
        data = plain(shown, dashboard.overview(session, store=store, today=day))
        return {"p": data, "status_labels_all": LABELS, "glossary": GLOSSARY,
                "words": STATUS_WORDS}

    return render_kept(request, "public/index.html", basis=shown, context=context)


@router.get("/api/public/status")
def public_api(request: Request, session: SessionDep, _user=Depends(require("public"))):
    """Goals with current values, rankings, tasks with their status label."""
    data = dashboard.public(session, store=store_of(request), today=today())
    if data is None:
        raise HTTPException(404, NO_PLAN)
    return data
