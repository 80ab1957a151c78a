"""A target's or task's page: the item in the overview, and its approved reports over time."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ecoplan.app.progress.models import ProgressReport


def find(overview: dict, kind: str, uid: str) -> dict | None:
    """The goal, task or task target ``uid`` in an overview, with ``task`` for a target."""
    if kind == "goal":
        return next(({**g, "kind": "goal"} for g in overview["goals"] if g["uid"] == uid), None)
    for task in overview["tasks"]:
        if kind == "task" and task["uid"] == uid:
            return task
        for target in task["targets"]:
            if kind == "target" and target["uid"] == uid:
                return {**target, "task": task}
    return None


def reports(session: Session, *, plan_id: int, kind: str, uid: str) -> list[ProgressReport]:
    """Approved reports on the item, oldest period first (the office's view of its history)."""
    if kind == "goal":
        return []
    return list(session.scalars(select(ProgressReport).where(
        ProgressReport.plan_id == plan_id, ProgressReport.item_kind == kind,
        ProgressReport.item_uid == uid, ProgressReport.state == "approved")
        .options(selectinload(ProgressReport.evidence))
        .order_by(ProgressReport.period, ProgressReport.id)))


def series(rows: list[ProgressReport]) -> list[list]:
    """``[[period, value], …]`` of the reported values to date (for the history chart)."""
    return [[r.period, r.value_to_date] for r in rows if r.value_to_date is not None]
