"""A deadline's kind (due/start) and scope (task/paragraph/clause) as stored columns.

The reader states both in ecoplan.plan/1 (``deadlines[].kind``, ``deadlines[].scope``) and the
import keeps them (deciding them from the texts for a plan JSON from before kinds); editing a deadline's text, or its task's text, in a draft clears them; when a
draft is published every empty one is decided from the texts by the reader's own rules
(:func:`ecoplan.plan.deadlines.deadline_kind`, :func:`~ecoplan.plan.deadlines.deadline_scope`).
Statuses read the columns and never the text again.
"""

from __future__ import annotations

from ecoplan.app.plans.models import Deadline, DeadlineKind, DeadlineScope, PlanVersion
from ecoplan.plan.deadlines import deadline_kind, deadline_scope


def from_reader(value, choices) -> str | None:
    """The reader's ``kind``/``scope`` when it is one of ``choices``, else None (decided later)."""
    return value if value in choices.values() else None


def decide(deadline: Deadline, task_text: str) -> None:
    """Fill the empty ``kind`` and ``scope`` of one deadline from its text and its task's."""
    if deadline.kind is None:
        deadline.kind = deadline_kind(deadline.text or "")
    if deadline.scope is None:
        deadline.scope = deadline_scope(task_text or "", deadline.text or "")


def fill(version: PlanVersion) -> int:
    """Decide every empty kind/scope of the version's deadlines; returns how many were filled."""
    filled = 0
    for task in version.tasks:
        for deadline in task.deadlines:
            if deadline.kind is None or deadline.scope is None:
                decide(deadline, task.text)
                filled += 1
    return filled


def is_due(deadline) -> bool:
    """A dated deadline that something is due by (a start is due by no date)."""
    return deadline.date is not None and (deadline.kind or DeadlineKind.DUE) == DeadlineKind.DUE


def governs_task(deadline) -> bool:
    """A deadline governing its whole task (not one paragraph or clause)."""
    return (deadline.scope or DeadlineScope.TASK) == DeadlineScope.TASK
