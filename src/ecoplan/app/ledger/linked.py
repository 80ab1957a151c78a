"""Ledger items where people look: the compact section on a task, target, unit or district page.

The section follows the ledger's own policy (``ledger.view``): a user who may not see the ledger
gets no section, and each item says whether it waits for this user (the office: a closure
request to decide; a responsible unit or district: an item to start or to ask to close).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from urllib.parse import urlencode

from sqlalchemy.orm import Session

from ecoplan.app.core import clock
from ecoplan.app.ledger.models import LedgerItem
from ecoplan.app.ledger.service import ItemFilter, facts, is_overdue, list_items
from ecoplan.app.ledger.workflow import REQUESTED, STATE_LABELS, allowed_actions, is_office
from ecoplan.app.core.actor import as_actor
from ecoplan.app.permissions import can
from ecoplan.app.plans.queries import DISTRICTS

# ItemFilter field → the ledger list's query parameter.
PARAMS = {"district": "district", "unit": "unit", "task_uid": "task", "target_uid": "target"}


@dataclass(frozen=True)
class LinkedSection:
    """What the section shows: the items, which are overdue, which wait for the user."""

    items: list[LedgerItem]
    overdue: frozenset[int]
    waiting: frozenset[int]
    more_url: str
    """The ledger list filtered the same way."""
    states: dict[str, str]


def waits_for(item: LedgerItem, user) -> bool:
    """The item waits for ``user``: the office decides a closure request; a responsible unit
    or the item's district has a move of its own to make (start, or ask to close)."""
    actor = as_actor(user)
    if is_office(actor):
        return item.state == REQUESTED
    return bool(allowed_actions(facts(item), actor))


def unit_filter(unit) -> ItemFilter:
    """A district's items are those in the district; another unit's, those naming it."""
    if unit.kind == "district" and unit.name in DISTRICTS:
        return ItemFilter(district=unit.name)
    return ItemFilter(unit=unit.name)


def list_url(flt: ItemFilter) -> str:
    """The ledger list with ``flt``'s district, unit, task or target as query parameters."""
    chosen = [(PARAMS[k], v) for k, v in asdict(flt).items() if k in PARAMS and v]
    return "/ledger?" + urlencode(chosen)


def linked_section(session: Session, user, *, flt: ItemFilter,
                   today: dt.date | None = None) -> LinkedSection | None:
    """The items matching ``flt`` as ``user`` may see them; None when the ledger is not theirs
    to see."""
    if user is None or not can(user, "ledger.view"):
        return None
    today = today or clock.evaluation_day(session)
    items = list_items(session, flt=flt, today=today)
    return LinkedSection(
        items=items, overdue=frozenset(i.id for i in items if is_overdue(i, today)),
        waiting=frozenset(i.id for i in items if waits_for(i, user)),
        more_url=list_url(flt), states=STATE_LABELS)
