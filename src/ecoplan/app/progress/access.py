"""Who may see a progress report: the object rules beyond the route's action.

A unit sees its own reports; the lead unit of a task sees what cooperating units contribute to
it; the office (admin) and read-only users see a report once its unit leader has approved it.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecoplan.app.plans.models import PlanVersion, Responsibility, Target, Task
from ecoplan.app.progress.models import ProgressReport
from ecoplan.app.permissions import Forbidden

OFFICE_ROLES = ("admin", "viewer")
"""They see reports once approved, whatever unit their account belongs to."""


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


def office_sees(report: ProgressReport) -> bool:
    """Approved by the unit leader and not back in the unit's hands since: approved, or
    returned by the office (a resubmitted report waits for its leader again)."""
    return report.approved_at is not None and report.state in ("approved", "returned")


def may_view(session: Session, user, report: ProgressReport) -> bool:
    if user is None:
        return False
    if user.role in OFFICE_ROLES:
        return office_sees(report)
    if user.unit_id is not None and user.unit_id == report.unit_id:
        return True
    return is_lead_of(session, user.unit_id, report)


def is_own(user, report: ProgressReport) -> bool:
    """The report is the user's own unit's (the office's own unit does not count)."""
    return (user is not None and user.role not in OFFICE_ROLES
            and user.unit_id is not None and user.unit_id == report.unit_id)


def ensure_view(session: Session, user, report: ProgressReport) -> None:
    if not may_view(session, user, report):
        raise Forbidden(scope="object")


def ensure_own(user, report: ProgressReport) -> None:
    """Only the report's own unit changes it (the office returns approved reports)."""
    if not is_own(user, report):
        raise Forbidden(scope="object")
