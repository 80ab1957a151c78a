"""Reports from the public on the workbench (工作台): what waits for the office (to accept or
refuse, answers to publish, extension requests) and for a unit (reports assigned to it), and
how many of them are past a time limit (:func:`ecoplan.app.feedback.limits.overdue`); and in
the assessment, each unit's reports answered within their time limit."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ecoplan.app.core.clock import BEIJING, as_utc
from ecoplan.app.core.manifest import Tile, UnitInput
from ecoplan.app.feedback.limits import overdue
from ecoplan.app.feedback.models import FeedbackReport
from ecoplan.app.permissions import can
from ecoplan.app.units.models import Unit
from ecoplan.assessment import PublicReportStats


def _waiting(session: Session, user) -> list[FeedbackReport]:
    if user.role == "admin":
        where = or_(FeedbackReport.state.in_(("received", "answered")),
                    FeedbackReport.extension_due.is_not(None))
    elif user.unit_id is not None:
        where = (FeedbackReport.state == "assigned") & (FeedbackReport.unit_id == user.unit_id)
    else:
        return []
    return list(session.scalars(select(FeedbackReport).where(where)))


def late(session: Session, user, day: dt.date) -> int:
    """Of those (and of the office's assigned ones), how many are past a time limit."""
    if user.role == "admin":
        rows = session.scalars(select(FeedbackReport).where(
            FeedbackReport.state.in_(("received", "assigned", "answered"))))
    else:
        rows = _waiting(session, user)
    return sum(overdue(r, day) is not None for r in rows)


def count(session: Session, user, day: dt.date) -> dict[str, int]:
    """The workbench's ``public_reports`` — the office: reports to accept or refuse, answers to
    publish, extensions to answer; a unit: reports assigned to it not yet answered — and the
    late ones, added to ``overdue``."""
    if not can(user, "feedback.view"):
        return {}
    return {"public_reports": len(_waiting(session, user)), "overdue": late(session, user, day)}


TILE = Tile("public_reports", "公众举报待办理", "/feedback", "feedback.view")


def assessment_stats(session: Session, unit: str, _kind: str, start: dt.date,
                     end: dt.date) -> PublicReportStats:
    """Reports assigned to ``unit`` whose time limit to close (``due``, after any extension the
    office granted) fell from ``start`` to ``end``, not refused: answered by the limit (the
    date of the unit's last answer, in Beijing), after it, or not at all. The assessment's
    ``public_reports`` items score them (:func:`ecoplan.assessment.items.score_public_reports`)."""
    rows = session.scalars(select(FeedbackReport).join(Unit, Unit.id == FeedbackReport.unit_id)
                           .where(Unit.name == unit, FeedbackReport.due >= start,
                                  FeedbackReport.due <= end,
                                  FeedbackReport.state != "rejected"))
    on_time = late = due = 0
    for report in rows:
        due += 1
        answers = [e.at for e in report.events if e.action == "answer"]
        if answers:
            day = as_utc(max(answers)).astimezone(BEIJING).date()
            on_time, late = (on_time + 1, late) if day <= report.due else (on_time, late + 1)
    return PublicReportStats(due=due, on_time=on_time, late=late)


UNIT_INPUT = UnitInput("public_reports", assessment_stats)
