"""Ledger items: creating them, moving them through the workflow, listing them. Never commits."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecoplan.app.core import clock
from ecoplan.app.audit.models import AuditEntry
from ecoplan.app.audit.service import AuditFilter, record, search
from ecoplan.app.core.actor import Actor, actor_name, as_actor
from ecoplan.app.forms import check_fresh
from ecoplan.app.ledger.evidence import Upload, store
from ecoplan.app.ledger.fields import ItemFields
from ecoplan.app.ledger.models import LedgerEvent, LedgerItem
from ecoplan.app.ledger.workflow import (APPROVE, ASSIGNED, CLOSED, REQUEST, REQUESTED,
                                         ItemFacts, WorkflowError, transition)
from ecoplan.errors import InputError


def now() -> dt.datetime:
    return clock.utcnow()


def facts(item: LedgerItem) -> ItemFacts:
    return ItemFacts(state=item.state, district=item.district, units=tuple(item.units or ()))


def is_overdue(item: LedgerItem, today: dt.date) -> bool:
    """Past its deadline and not closed; a closure requested in time is not overdue."""
    if item.state == CLOSED or item.deadline is None or item.deadline >= today:
        return False
    return not (item.state == REQUESTED and item.requested_on and item.requested_on <= item.deadline)


def create_item(session: Session, *, actor, fields: ItemFields) -> LedgerItem:
    if session.scalar(select(LedgerItem.id).where(LedgerItem.code == fields.code)):
        raise InputError(f"问题编号“{fields.code}”已存在", field="问题编号")
    item = LedgerItem(**fields.__dict__, state=ASSIGNED, evidence="", created_at=now(), version=1)
    session.add(item)
    session.flush()
    record(session, actor=actor, action="ledger.created", object_type="ledger_item",
           object_id=item.id, after=item.snapshot())
    return item


EDITABLE = ("source", "batch", "description", "district", "units", "measures", "deadline",
            "stage", "task_uid", "target_uid")
"""The fields the office may change after creation; the code (问题编号) identifies the item."""


class ClosedItemError(WorkflowError):
    """A closed (已销号) item changes only through the workflow (回头看：重新整改)."""


def check_editable(item: LedgerItem, version) -> None:
    """Refuse an edit made on an older version, or of a closed item."""
    check_fresh(item, version, what=f"整改事项 {item.code} ")
    if item.state == CLOSED:
        raise ClosedItemError(f"整改事项 {item.code} 已销号，不能直接修改；如需修改，"
                              "请先通过“回头看：重新整改”（须说明理由）重新打开")


def update_item(session: Session, item: LedgerItem, *, actor, fields: ItemFields, version) -> list[str]:
    """Change ``item``'s editable fields to ``fields`` (its ``code`` is ignored); returns the
    names of the fields that changed. Nothing changed: no new version and no audit entry."""
    check_editable(item, version)
    changed = [name for name in EDITABLE if getattr(item, name) != getattr(fields, name)]
    if not changed:
        return []
    before = item.snapshot()
    for name in changed:
        setattr(item, name, getattr(fields, name))
    item.version += 1
    session.flush()
    record(session, actor=actor, action="ledger.updated", object_type="ledger_item",
           object_id=item.id, before=before, after=item.snapshot())
    return changed


def edits(session: Session, item: LedgerItem, *, limit: int = 100) -> list[AuditEntry]:
    """The office's edits of ``item`` (audit entries ``ledger.updated``), newest first."""
    flt = AuditFilter(action="ledger.updated", object_type="ledger_item", object_id=str(item.id))
    return search(session, flt, limit=limit)[0]


def act(session: Session, item: LedgerItem, *, actor: Actor, action: str, version, evidence: str = "",
        reason: str = "", files: list[Upload] = (), data_dir: Path | None = None,
        today: dt.date | None = None) -> LedgerEvent:
    """Do ``action`` on ``item`` as ``actor`` (a :class:`WorkflowError` when not allowed).

    ``files`` (evidence documents and photos) are stored under ``data_dir`` once the move is
    known to be allowed.
    """
    check_fresh(item, version, what=f"整改事项 {item.code} ")
    today = today or clock.evaluation_day(session)
    before = item.snapshot()
    target = transition(facts(item), action, actor=as_actor(actor), evidence=evidence,
                        reason=reason)
    kept = store(list(files), data_dir=data_dir, item_id=item.id) if files else []
    event = LedgerEvent(at=now(), actor=actor_name(actor), action=action, from_state=item.state,
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
    record(session, actor=actor, action=f"ledger.{action}", object_type="ledger_item",
           object_id=item.id, before=before, after=item.snapshot())
    return event


@dataclass(frozen=True)
class ItemFilter:
    district: str | None = None
    state: str | None = None
    source: str | None = None
    unit: str | None = None
    overdue: bool = False
    task_uid: str | None = None
    target_uid: str | None = None


def list_items(session: Session, *, flt: ItemFilter, today: dt.date) -> list[LedgerItem]:
    query = select(LedgerItem).order_by(LedgerItem.deadline, LedgerItem.code)
    if flt.district:
        query = query.where(LedgerItem.district == flt.district)
    if flt.state:
        query = query.where(LedgerItem.state == flt.state)
    if flt.source:
        query = query.where(LedgerItem.source == flt.source)
    if flt.task_uid:
        query = query.where(LedgerItem.task_uid == flt.task_uid)
    if flt.target_uid:
        query = query.where(LedgerItem.target_uid == flt.target_uid)
    items = list(session.scalars(query))
    if flt.unit:
        items = [i for i in items if flt.unit in (i.units or [])]
    return [i for i in items if is_overdue(i, today)] if flt.overdue else items
