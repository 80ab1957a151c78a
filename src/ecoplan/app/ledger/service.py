"""Ledger items: creating them, moving them through the workflow, listing them. Never commits."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecoplan.app.audit.service import record
from ecoplan.app.forms import check_fresh
from ecoplan.app.ledger.evidence import Upload, store
from ecoplan.app.ledger.fields import ItemFields
from ecoplan.app.ledger.models import LedgerEvent, LedgerItem
from ecoplan.app.ledger.workflow import (APPROVE, ASSIGNED, CLOSED, REQUEST, REQUESTED, Actor,
                                         ItemFacts, transition)
from ecoplan.errors import InputError


def now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def actor_of(user) -> Actor:
    return Actor(role=user.role, unit=user.unit.name if user.unit else None)


def facts(item: LedgerItem) -> ItemFacts:
    return ItemFacts(state=item.state, district=item.district, units=tuple(item.units or ()))


def is_overdue(item: LedgerItem, today: dt.date) -> bool:
    """Past its deadline and not closed; a closure requested in time is not overdue."""
    if item.state == CLOSED or item.deadline is None or item.deadline >= today:
        return False
    return not (item.state == REQUESTED and item.requested_on and item.requested_on <= item.deadline)


def create_item(session: Session, *, actor, fields: ItemFields, ip: str | None = None) -> LedgerItem:
    if session.scalar(select(LedgerItem.id).where(LedgerItem.code == fields.code)):
        raise InputError(f"问题编号“{fields.code}”已存在", field="问题编号")
    item = LedgerItem(**fields.__dict__, state=ASSIGNED, evidence="", created_at=now(), version=1)
    session.add(item)
    session.flush()
    record(session, actor=actor, action="ledger.created", object_type="ledger_item",
           object_id=item.id, after=item.snapshot(), ip=ip)
    return item


def act(session: Session, item: LedgerItem, *, user, action: str, version, evidence: str = "",
        reason: str = "", files: list[Upload] = (), data_dir: Path | None = None,
        today: dt.date | None = None, ip: str | None = None) -> LedgerEvent:
    """Do ``action`` on ``item`` as ``user`` (a :class:`WorkflowError` when not allowed).

    ``files`` (evidence documents and photos) are stored under ``data_dir`` once the move is
    known to be allowed.
    """
    check_fresh(item, version, what=f"整改事项 {item.code} ")
    today = today or dt.date.today()
    before = item.snapshot()
    target = transition(facts(item), action, actor=actor_of(user), evidence=evidence,
                        reason=reason)
    kept = store(list(files), data_dir=data_dir, item_id=item.id) if files else []
    event = LedgerEvent(at=now(), actor=user.username, action=action, from_state=item.state,
                        to_state=target, evidence=evidence.strip(), reason=reason.strip(),
                        files=kept)
    item.events.append(event)
    if action == REQUEST:
        item.evidence, item.requested_on = evidence.strip(), today
    if action == APPROVE:
        item.closed_on = today
    if target != CLOSED:
        item.closed_on = None
    item.state = target
    item.version += 1
    session.flush()
    record(session, actor=user, action=f"ledger.{action}", object_type="ledger_item",
           object_id=item.id, before=before, after=item.snapshot(), ip=ip)
    return event


@dataclass(frozen=True)
class ItemFilter:
    district: str | None = None
    state: str | None = None
    source: str | None = None
    unit: str | None = None
    overdue: bool = False


def list_items(session: Session, *, flt: ItemFilter, today: dt.date) -> list[LedgerItem]:
    query = select(LedgerItem).order_by(LedgerItem.deadline, LedgerItem.code)
    if flt.district:
        query = query.where(LedgerItem.district == flt.district)
    if flt.state:
        query = query.where(LedgerItem.state == flt.state)
    if flt.source:
        query = query.where(LedgerItem.source == flt.source)
    items = list(session.scalars(query))
    if flt.unit:
        items = [i for i in items if flt.unit in (i.units or [])]
    return [i for i in items if is_overdue(i, today)] if flt.overdue else items
