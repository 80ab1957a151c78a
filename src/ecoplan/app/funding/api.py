"""``GET /api/funding``: money by source (万元) of the published plan — the office's amounts per
task/target and the key projects' planned investment — with totals by source, per task and per
project; filters ``unit`` (a unit's name) and ``task`` (a task number). Same permission as the
``/funding`` page (``funding.view``); the projects listed are those the caller may see
(``projects.view``'s object rule), as on ``/api/projects``.
"""

from __future__ import annotations

from decimal import Decimal

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import JSONResponse
from sqlalchemy import select

from ecoplan.app.deps import SessionDep
from ecoplan.app.funding import service, summary
from ecoplan.app.permissions import require
from ecoplan.app.progress import todo
from ecoplan.app.projects.models import SOURCES, to_money
from ecoplan.app.projects.service import sees
from ecoplan.app.units.models import Unit

router = APIRouter(prefix="/api/funding", tags=["funding"])


def _num(value: Decimal) -> float:
    return float(value)


def _amounts(totals: dict) -> dict:
    return {s: {k: _num(v) for k, v in a.items()} for s, a in totals.items()}


def _scope(session, version, request: Request) -> tuple[summary.Scope, str | None]:
    unit = (request.query_params.get("unit") or "").strip() or None
    task = (request.query_params.get("task") or "").strip() or None
    kind = None
    if unit is not None:
        kind = session.scalar(select(Unit.kind).where(Unit.name == unit))
        if kind is None:
            raise ValueError(f"unit：没有名为“{unit}”的单位")
    if task is not None and task not in {t.number for t in version.tasks}:
        raise ValueError(f"task：工作方案中没有任务“{task}”")
    return summary.Scope(unit=unit, task=task), kind


@router.get("")
def funding(request: Request, session: SessionDep, user=Depends(require("funding.view"))):
    version = todo.published(session)
    if version is None:
        raise HTTPException(404, "全市工作方案尚未发布")
    try:
        scope, kind = _scope(session, version, request)
    except ValueError as err:
        return JSONResponse({"detail": str(err)}, status_code=422)
    rows = summary.item_rows(session, version, scope)
    projects = [p for p in summary.projects(session, scope, kind) if sees(user, p)]
    items, projs = summary.item_totals(rows), summary.project_totals(projects)
    names, tasks = service.labels(version), summary.task_of(version)
    return {
        "year": version.plan.year, "unit": scope.unit, "task": scope.task,
        "sources": list(SOURCES),
        "totals": {"items": _amounts(items), "projects": _amounts(projs),
                   "all": _amounts(summary.combined(items, projs))},
        "by_task": [{k: _num(v) if isinstance(v, Decimal) else v for k, v in t.items()}
                    for t in summary.by_task(version, rows, projects)],
        "items": [{"kind": r.item_kind, "uid": r.item_uid,
                   "task": tasks.get((r.item_kind, r.item_uid), ""),
                   "name": names.get((r.item_kind, r.item_uid), r.item_uid), "unit": r.unit,
                   "source": r.source, "planned": _num(r.planned), "spent": _num(r.spent),
                   "note": r.note} for r in rows],
        "projects": [{"id": p.id, "code": p.code, "name": p.name, "task": p.task,
                      "owner": p.owner, "district": p.district,
                      "planned": _num(to_money(p.invest_planned)),
                      "done": _num(to_money(p.invest_done)),
                      "by_source": {s: _num(a) for s, a in summary.project_sources(p).items()},
                      "synthetic": p.synthetic} for p in projects]}
