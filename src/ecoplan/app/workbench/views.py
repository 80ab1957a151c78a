"""The workbench (工作台) API and the notices page; the home page shows the same counts."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from ecoplan.app.deps import SessionDep
from ecoplan.app.permissions import require
from ecoplan.app.templating import render
from ecoplan.app.workbench import counts, notices
from ecoplan.app.workbench.models import NOTICE_LABELS

router = APIRouter()


@router.get("/api/me/workbench", tags=["workbench"])
def workbench_api(request: Request, session: SessionDep, user=Depends(require("account"))) -> dict:
    """What waits for the logged-in user: ``to_report``, ``returned``, ``to_approve``,
    ``overdue``, ``supervision_open``, ``ledger_due``, ``unread_notices`` (and their links)."""
    bench = counts.workbench(session, user, request.app.state.workbench_counts)
    return {**bench.counts, "links": {k: counts.LINKS[k] for k in counts.KEYS},
            "period": bench.period, "evaluation_day": bench.day.isoformat()}


@router.get("/notices")
def notices_page(request: Request, session: SessionDep, user=Depends(require("account"))):
    """The user's notices, newest first; opening the list marks them read."""
    shown = notices.latest(session, user, limit=100)
    unread = {n.id for n in shown if n.read_at is None}
    response = render(request, "workbench/notices.html", {
        "notices": shown, "unread": unread, "labels": NOTICE_LABELS})
    notices.mark_read(session, user)
    return response
