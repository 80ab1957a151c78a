"""Project monthly reports on the workbench (工作台), the to-dos of the same reporting flow as the
targets': a unit's projects whose report for the month last ended is still owed (not yet in
operation, nothing submitted or approved for it) or was returned; a unit head's submitted
reports to approve. Judged on the office's evaluation day."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecoplan.app.core.manifest import Tile
from ecoplan.app.permissions import can, unit_name
from ecoplan.app.projects.models import Project, ProjectReport
from ecoplan.app.projects.service import reached

TILES = (Tile("project_to_report", "项目月报待填报", "/projects", "projects.report"),
         Tile("project_to_approve", "项目月报待审核", "/projects", "projects.approve"))


def month_due(day: dt.date) -> str:
    """The month last ended on ``day`` (``2023-06`` on 2023-07-10)."""
    last = day.replace(day=1) - dt.timedelta(days=1)
    return f"{last:%Y-%m}"


def owed(session: Session, user, day: dt.date) -> dict[str, int]:
    """``{"project_to_report", "project_to_approve"}`` for ``user`` on ``day``."""
    name = unit_name(user)
    if name is None:
        return {}
    projects = [p for p in session.scalars(select(Project).where(Project.owner == name))]
    if not projects:
        return {}
    reports = list(session.scalars(select(ProjectReport).where(
        ProjectReport.project_id.in_([p.id for p in projects]))))
    period = month_due(day)
    done = {r.project_id for r in reports if r.period == period
            and r.state in ("submitted", "approved")}
    out = {}
    if can(user, "projects.report"):
        due = {(p.id, period) for p in projects if p.id not in done
               and not reached(p.ops_actual, day) and can(user, "projects.report", p)}
        out["project_to_report"] = len(due | {(r.project_id, r.period) for r in reports
                                              if r.state == "returned"})
    if can(user, "projects.approve"):
        out["project_to_approve"] = sum(r.state == "submitted" for r in reports)
    return out
