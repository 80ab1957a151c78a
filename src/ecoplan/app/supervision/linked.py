"""Supervision items where people look: the section on a task, target, unit or district page.

It follows ``supervision.view``: the office sees every item about the page's subject; a unit
sees only the items addressed to it; anyone else gets no section.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecoplan.app.permissions import can
from ecoplan.app.supervision import service
from ecoplan.app.supervision.models import KIND_LABELS, SupervisionItem
from ecoplan.app.supervision.present import overdue_ids
from ecoplan.app.supervision.workflow import STATE_LABELS
from ecoplan.app.units.models import Unit


@dataclass(frozen=True)
class SupervisionSection:
    items: list[SupervisionItem]
    overdue: frozenset[int]
    kinds: dict[str, str]
    states: dict[str, str]


def _visible(user, items: list[SupervisionItem]) -> list[SupervisionItem]:
    if user.role == "admin":
        return items
    return [i for i in items if user.unit_id is not None and i.unit_id == user.unit_id]


def section(session: Session, user, *, basis: str | None = None, ref: str | None = None,
            unit: Unit | None = None, unit_name: str | None = None) -> SupervisionSection | None:
    """Items on ``basis``/``ref`` (a task's or target's uid), or addressed to ``unit`` (or the
    unit called ``unit_name``, a district), as ``user`` may see them; None when not theirs."""
    if user is None or not can(user, "supervision.view"):
        return None
    if unit is None and unit_name:
        unit = session.scalar(select(Unit).where(Unit.name == unit_name))
        if unit is None:
            return SupervisionSection([], frozenset(), KIND_LABELS, STATE_LABELS)
    if unit is not None:
        items = service.list_items(session, unit_id=unit.id, limit=50)
    else:
        items = service.list_items(session, basis=basis or "", basis_ref=ref or "", limit=50)
    shown = _visible(user, items)
    return SupervisionSection(shown, overdue_ids(session, shown), KIND_LABELS, STATE_LABELS)
