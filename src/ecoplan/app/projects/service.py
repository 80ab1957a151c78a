"""Key projects: who sees which, each one's status on a day, the roll-ups. Never commits.

Statuses are judged against the schedule of the three milestones (开工, 主体完工, 投运) on the
office's evaluation day (``core.clock.evaluation_day``): a milestone whose planned date
has passed without an actual date on or before that day puts the project behind schedule.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecoplan.app.permissions import can
from ecoplan.app.projects.models import MILESTONES, Project, to_money

STATUS_LABELS = {"operating": "已投运", "completed": "主体完工", "building": "在建",
                 "pending": "未开工", "behind": "滞后"}


def reached(planned_or_actual: dt.date | None, day: dt.date) -> bool:
    return planned_or_actual is not None and planned_or_actual <= day


def late_milestones(project: Project, day: dt.date) -> list[str]:
    """The milestones due by ``day`` (planned date on or before it) not yet reached on it."""
    return [name for key, name in MILESTONES
            if reached(getattr(project, f"{key}_planned"), day)
            and not reached(getattr(project, f"{key}_actual"), day)]


def status(project: Project, day: dt.date) -> str:
    """已投运 once in operation; else 滞后 when a milestone is overdue; else how far it got."""
    if reached(project.ops_actual, day):
        return "operating"
    if late_milestones(project, day):
        return "behind"
    if reached(project.main_actual, day):
        return "completed"
    if reached(project.start_actual, day):
        return "building"
    return "pending"


def sees(user, project: Project) -> bool:
    """Units see the projects they own, districts those in their district (or owned by the
    district); the office and viewers (查阅) see all (``permissions.owner_or_district``)."""
    return user is not None and can(user, "projects.view", project)


@dataclass(frozen=True)
class ProjectFilter:
    category: str | None = None
    district: str | None = None
    owner: str | None = None
    status: str | None = None


def list_projects(session: Session, user, *, day: dt.date,
                  flt: ProjectFilter = ProjectFilter()) -> list[Project]:
    """The projects ``user`` may see, filtered, in project-number order."""
    query = select(Project).order_by(Project.code)
    if flt.category:
        query = query.where(Project.category == flt.category)
    if flt.district is not None:
        query = query.where(Project.district == flt.district)
    if flt.owner:
        query = query.where(Project.owner == flt.owner)
    found = [p for p in session.scalars(query) if sees(user, p)]
    return [p for p in found if flt.status is None or status(p, day) == flt.status]


@dataclass
class Totals:
    """One group's counts and money (万元)."""

    key: str
    count: int = 0
    planned: Decimal = Decimal("0")
    done: Decimal = Decimal("0")
    started: int = 0
    completed: int = 0
    operating: int = 0
    behind: int = 0
    statuses: dict = field(default_factory=dict)

    @property
    def rate(self) -> float | None:
        """Investment completion rate (投资完成率, %): done ÷ planned, one decimal."""
        return round(100 * float(self.done) / float(self.planned), 1) if self.planned > 0 else None

    def add(self, project: Project, day: dt.date) -> None:
        self.count += 1
        self.planned += to_money(project.invest_planned)
        self.done += to_money(project.invest_done)
        self.started += reached(project.start_actual, day)
        self.completed += reached(project.main_actual, day)
        self.operating += reached(project.ops_actual, day)
        state = status(project, day)
        self.behind += state == "behind"
        self.statuses[state] = self.statuses.get(state, 0) + 1

    def out(self) -> dict:
        return {"key": self.key, "count": self.count, "invest_planned": float(self.planned),
                "invest_done": float(self.done), "rate": self.rate, "started": self.started,
                "completed": self.completed, "operating": self.operating, "behind": self.behind}


def roll_up(projects: list[Project], day: dt.date, by: str | None) -> list[Totals]:
    """Totals per value of ``by`` (``category``, ``district``, ``owner``), in first-seen
    order (categories in the plan's order); ``by`` None: one overall total."""
    groups: dict[str, Totals] = {}
    for project in projects:
        key = "全部" if by is None else (getattr(project, by) or "市级")
        groups.setdefault(key, Totals(key)).add(project, day)
    return list(groups.values())


def project_out(project: Project, day: dt.date) -> dict:
    """The API's shape of a project."""
    return {"id": project.id, "code": project.code, "name": project.name,
            "category": project.category, "task": project.task, "owner": project.owner,
            "district": project.district, "location": project.location,
            "invest_planned": float(project.invest_planned or 0),
            "invest_done": float(project.invest_done or 0),
            "funding": project.funding or {},
            "milestones": [{"name": m["name"], "planned": _iso(m["planned"]),
                            "actual": _iso(m["actual"])} for m in project.milestones()],
            "status": status(project, day), "status_label": STATUS_LABELS[status(project, day)],
            "synthetic": project.synthetic}


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None
