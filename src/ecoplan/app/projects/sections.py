"""The project ledger's blocks on other features' pages: the city overview (the projects the
user may see, by category) and the public page (the projects the office marks public)."""

from __future__ import annotations

from sqlalchemy import select

from ecoplan.app.core.clock import evaluation_day
from ecoplan.app.projects import service
from ecoplan.app.projects.models import Project


def overview(session, user, _subject) -> dict | None:
    day = evaluation_day(session)
    projects = service.list_projects(session, user, day=day)
    if not projects:
        return None
    return {"total": service.roll_up(projects, day, None)[0],
            "groups": service.roll_up(projects, day, "category"), "day": day,
            "synthetic": any(p.synthetic for p in projects)}


def public(session, _user, _subject) -> dict | None:
    day = evaluation_day(session)
    projects = list(session.scalars(select(Project).where(Project.public.is_(True))
                                    .order_by(Project.code)))
    if not projects:
        return None
    return {"total": service.roll_up(projects, day, None)[0],
            "groups": service.roll_up(projects, day, "category"),
            "projects": [(p, service.STATUS_LABELS[service.status(p, day)]) for p in projects],
            "synthetic": any(p.synthetic for p in projects)}
