"""The public page (公开): no login; goals, monitoring rankings, tasks with their status.

Everything here comes from :func:`ecoplan.app.status.dashboard.public`, which keeps only what
an environmental-information disclosure page shows.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Request

from ecoplan.app.deps import SessionDep
from ecoplan.app.ledger import disclosure
from ecoplan.app.permissions import require
from ecoplan.app.public.plain import GLOSSARY, STATUS_WORDS, plain
from ecoplan.app.plans.queries import DISTRICTS
from ecoplan.app.status import dashboard, schematic
from ecoplan.app.status.cache import watching
from ecoplan.app.status.status import LABELS
from ecoplan.app.status.views import NO_PLAN, store_of, today
from ecoplan.app.templating import render_kept, sections

router = APIRouter()


@router.get("/public")
def public_page(request: Request, session: SessionDep, user=Depends(require("public"))):
    """The public page; its whole answer may be kept for anonymous visitors
    (``serving.kept_responses``)."""
    store, day = store_of(request), today()
    with watching() as watch:
        shown = dashboard.public(session, store=store, today=day)
        rectification = disclosure.public_items(session) if shown else []
        extra = sections(request, session, user, "public.index", None)

        def context():
            data = plain(shown, dashboard.overview(session, store=store, today=day))
            return {"p": data, "status_labels_all": LABELS, "glossary": GLOSSARY,
                    "words": STATUS_WORDS, "rectification": rectification if data else [],
                    "map": map_of(data), "map_values": map_values(data), "sections": extra}

        # the items the office marks public and the features' sections change without a new
        # overview: they are part of the key
        page = render_kept(request, "public/index.html", body="public/_index_body.html",
                           basis=shown, variant=(repr(rectification), tuple(map(str, extra))),
                           context=context)
    request.state.keep_response = not watch.earlier
    return page


def map_of(data: dict | None) -> dict | None:
    """The schematic map of the districts (the gazetteer's) and their towns (the registry's)."""
    if data is None:
        return None
    return schematic.layout(list(DISTRICTS), data.get("towns") or {})


def map_values(data: dict | None) -> dict:
    """District or town name → its PM2.5 of the ranking's month with the ranking's flags."""
    rankings = (data or {}).get("rankings") or {}
    rows = [r for level in ("district", "town") for r in (rankings.get(level) or {}).get("rows", [])]
    return {r["name"]: {"value": r["value"], "yellow": r["yellow"], "red": r["red"]} for r in rows}


@router.get("/api/public/status")
def public_api(request: Request, session: SessionDep, _user=Depends(require("public"))):
    """Goals with current values, air and water, rankings, tasks with their status label, the
    towns of each district, and the rectification items the office made public."""
    data = dashboard.public(session, store=store_of(request), today=today())
    if data is None:
        raise HTTPException(404, NO_PLAN)
    return {**data, "rectification": disclosure.public_items(session)}
