"""The front page: a visitor's introduction; a logged-in user's workbench (工作台)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from ecoplan.app.deps import SessionDep
from ecoplan.app.permissions import require
from ecoplan.app.templating import render
from ecoplan.app.workbench import counts, notices

router = APIRouter()


@router.get("/")
def home(request: Request, session: SessionDep, user=Depends(require("public"))):
    context = {}
    if user is not None:
        bench = counts.workbench(session, user, request.app.state.workbench_counts)
        context = {"bench": bench, "bench_keys": counts.shown_keys(user),
                   "bench_labels": counts.LABELS, "bench_links": counts.LINKS,
                   "latest_notices": notices.latest(session, user, limit=5)}
    return render(request, "home/index.html", context)
