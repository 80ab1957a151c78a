"""Who may see or change a progress report: the facts the object rules of
``permissions.OBJECT_RULES`` read (``progress.*``), made from a report and the session.

A unit sees its own reports; the lead unit of a task sees what cooperating units contribute to
it; the office (admin) and read-only users see a report once its unit leader has approved it.
The rules themselves live in the one policy table (``report_reader``, ``own_report``,
``report_returner``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecoplan.app.permissions import OFFICE_ROLES, can, ensure, office_sees, own_report
from ecoplan.app.plans.models import PlanVersion, Responsibility, Target, Task
from ecoplan.app.progress.models import ProgressReport

__all__ = ["OFFICE_ROLES", "ReportFacts", "ensure_report", "facts", "is_lead_of", "is_own",
           "may_view", "office_sees"]


@dataclass(frozen=True)
class ReportFacts:
    """A report as the object rules read it; ``led_by(unit_id)`` asks the database only when a
    rule needs it (a unit that is not the report's own)."""

    unit_id: int
    state: str
    approved_at: dt.datetime | None
    led_by: Callable[[int], bool]


def is_lead_of(session: Session, unit_id: int | None, report: ProgressReport) -> bool:
    """``unit_id`` leads the task the report is about, or the task of the target it is about
    (in any version of the report's plan)."""
    if unit_id is None:
        return False
    if report.item_kind == "task":
        about = Task.uid == report.item_uid
    else:
        about = Task.id.in_(select(Target.task_id).where(Target.uid == report.item_uid))
    found = session.scalar(
        select(Responsibility.id).join(Task).join(PlanVersion, Task.version_id == PlanVersion.id)
        .where(PlanVersion.plan_id == report.plan_id, about,
               Responsibility.unit_id == unit_id, Responsibility.role == "lead").limit(1))
    return found is not None


def facts(session: Session, report: ProgressReport) -> ReportFacts:
    return ReportFacts(report.unit_id, report.state, report.approved_at,
                       lambda unit_id: is_lead_of(session, unit_id, report))


def may_view(session: Session, user, report: ProgressReport) -> bool:
    return user is not None and can(user, "progress.view", facts(session, report))


def is_own(user, report: ProgressReport) -> bool:
    """The report is the user's own unit's (the office's own unit does not count)."""
    return user is not None and own_report(user, report)


def ensure_report(session: Session, user, action: str, report: ProgressReport) -> None:
    """Refuse (403, scope "object") unless ``user`` may ``action`` on ``report``."""
    ensure(user, action, facts(session, report))
