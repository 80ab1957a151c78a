"""What the plan pages show: a version's outline filtered by unit, district and status; a
unit's duties; a district's tasks and targets. Reads only."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ecoplan.app.plans.models import ROLES, PlanVersion, Responsibility, Section, Target, Task

DISTRICTS = ("溧阳市", "金坛区", "武进区", "新北区", "天宁区", "钟楼区", "常州经开区")
ALL_DISTRICTS_MARK = "各辖市区"
"""Implementers written as 各辖市区人民政府 bind every district."""


@dataclass
class Filters:
    unit_id: int | None = None
    district: str | None = None
    status: str | None = None

    def active(self) -> bool:
        return any((self.unit_id, self.district, self.status))


@dataclass
class SectionBlock:
    section: Section | None
    tasks: list[Task] = field(default_factory=list)


def load_version(session: Session, version_id: int) -> PlanVersion | None:
    return session.scalars(
        select(PlanVersion).where(PlanVersion.id == version_id).options(
            selectinload(PlanVersion.sections),
            selectinload(PlanVersion.tasks).selectinload(Task.responsibilities),
            selectinload(PlanVersion.tasks).selectinload(Task.deadlines),
            selectinload(PlanVersion.tasks).selectinload(Task.targets),
            selectinload(PlanVersion.targets),
        )
    ).first()


def binds_district(task: Task, district: str) -> bool:
    """The task names the district, or one of its units, or all districts (各辖市区)."""
    if district in task.districts:
        return True
    return any(r.unit_name.startswith(district) or r.unit_name.startswith(ALL_DISTRICTS_MARK)
               for r in task.responsibilities)


def names_district(task: Task, district: str) -> bool:
    """The task names the district or one of its units (not only 各辖市区)."""
    return district in task.districts or any(r.unit_name.startswith(district)
                                             for r in task.responsibilities)


def matches(task: Task, filters: Filters, statuses: dict | None = None) -> bool:
    """Whether ``task`` passes ``filters``; its status is the live one (``statuses``: uid →
    the one status the page shows) when given, else the stored one (drafts, old versions)."""
    if filters.unit_id and not any(r.unit_id == filters.unit_id for r in task.responsibilities):
        return False
    # Nearly every task binds all districts (a standing 各辖市区 clause), so the filter keeps
    # the tasks that name the district; its page lists the shared ones as well.
    if filters.district and not names_district(task, filters.district):
        return False
    if not filters.status:
        return True
    if statuses:
        return (statuses.get(task.uid) or {}).get("code") == filters.status
    return task.status == filters.status


def outline(version: PlanVersion, filters: Filters,
            statuses: dict | None = None) -> list[SectionBlock]:
    """Sections in order with their tasks that pass the filters (empty sections left out)."""
    blocks: dict[int | None, SectionBlock] = {s.id: SectionBlock(s) for s in version.sections}
    loose = SectionBlock(None)
    for task in version.tasks:
        if matches(task, filters, statuses):
            blocks.get(task.section_id, loose).tasks.append(task)
    result = [b for b in blocks.values() if b.tasks]
    return result + ([loose] if loose.tasks else [])


def goal_targets(version: PlanVersion) -> list[Target]:
    return [g for g in version.targets if g.task_id is None]


def duties(version: PlanVersion, unit_id: int) -> dict[str, list[Task]]:
    """A unit's tasks by role: lead, cooperating, shared, implementers."""
    by_role: dict[str, list[Task]] = {role: [] for role in ROLES}
    for task in version.tasks:
        for r in task.responsibilities:
            if r.unit_id == unit_id and task not in by_role[r.role]:
                by_role[r.role].append(task)
    return by_role


def district_view(version: PlanVersion, district: str) -> dict:
    """Tasks naming the district itself, tasks binding every district, and its targets."""
    named = [t for t in version.tasks if names_district(t, district)]
    general = [t for t in version.tasks if t not in named and binds_district(t, district)]
    targets = [g for g in version.targets if g.scope == district]
    return {"named": named, "general": general, "targets": targets}


def unknown_responsibilities(version: PlanVersion) -> list[Responsibility]:
    """Responsibilities whose unit is not in the units table (shown first on review)."""
    return [r for t in version.tasks for r in t.responsibilities if r.unit_id is None]
