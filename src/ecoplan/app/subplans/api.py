"""JSON API of the sub-plans: ``GET /api/subplans`` → ``[{unit, title, state, tasks, linked,
coverage}]`` over the sub-plans the caller may see.

``tasks``: the sub-plan's measures, ``targets`` its goals; ``linked``: all its items (measures
and goals) with a confirmed link to a city task or target, split as ``tasks_linked`` and
``targets_linked`` (so ``linked`` may exceed ``tasks``); ``coverage``: the share (%) of the city tasks falling to its unit that a confirmed
measure serves (``subplans.coverage``), ``uncovered`` their numbers.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends

from ecoplan.app.deps import SessionDep
from ecoplan.app.permissions import require
from ecoplan.app.subplans import coverage as cov
from ecoplan.app.subplans import service

router = APIRouter(prefix="/api/subplans", tags=["subplans"])


def subplan_out(subplan, found: cov.Coverage) -> dict:
    return {"id": subplan.id, "unit": subplan.owner, "unit_kind": subplan.unit.kind,
            "title": subplan.title, "state": subplan.state,
            "tasks": sum(i.kind == "task" for i in subplan.items),
            "targets": sum(i.kind == "target" for i in subplan.items),
            "linked": sum(bool(i.confirmed and i.link_uid) for i in subplan.items),
            **{f"{kind}s_linked": sum(bool(i.kind == kind and i.confirmed and i.link_uid)
                                      for i in subplan.items) for kind in ("task", "target")},
            "coverage": found.percent, "covered_tasks": found.covered,
            "assigned_tasks": found.assigned, "uncovered": found.uncovered,
            "synthetic": subplan.synthetic}


@router.get("")
def list_subplans(session: SessionDep, user=Depends(require("subplans.view"))):
    plan = service.current_plan(session)
    if plan is None:
        return []
    version = service.city_version(session, plan.id)
    return [subplan_out(s, cov.coverage(version, s))
            for s in service.visible(session, user, plan_id=plan.id)]
