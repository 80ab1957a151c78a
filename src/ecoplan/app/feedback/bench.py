"""Reports from the public on the workbench (工作台): what waits for the office (to accept or
refuse, answers to publish, extension requests) and for a unit (reports assigned to it), and
how many of them are past a time limit (:func:`ecoplan.app.feedback.limits.overdue`)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ecoplan.app.core.manifest import Tile
from ecoplan.app.feedback.limits import overdue
from ecoplan.app.feedback.models import FeedbackReport


def _waiting(session: Session, user) -> list[FeedbackReport]:
    if user.role == "admin":
        where = or_(FeedbackReport.state.in_(("received", "answered")),
                    FeedbackReport.extension_due.is_not(None))
    elif user.unit_id is not None:
        where = (FeedbackReport.state == "assigned") & (FeedbackReport.unit_id == user.unit_id)
    else:
        return []
    return list(session.scalars(select(FeedbackReport).where(where)))


def waiting(session: Session, user, _day: dt.date) -> int:
    """The office: reports to accept or refuse, answers to publish, extensions to answer; a
    unit: reports assigned to it not yet answered."""
    return len(_waiting(session, user))


def late(session: Session, user, day: dt.date) -> int:
    """Of those (and of the office's assigned ones), how many are past a time limit."""
    if user.role == "admin":
        rows = session.scalars(select(FeedbackReport).where(
            FeedbackReport.state.in_(("received", "assigned", "answered"))))
    else:
        rows = _waiting(session, user)
    return sum(overdue(r, day) is not None for r in rows)


TILE = Tile("public_reports", "公众举报待办理", "/feedback", "feedback.view", waiting, late)
