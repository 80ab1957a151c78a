"""Which rectification items the public sees (整改公开): the office marks an item public and
writes the progress a citizen reads; the public page shows only marked items, and of them only
:data:`PUBLIC_FIELDS` (no units' staff, no evidence, no history). Takes the session, never
commits; audited as ``ledger.updated``."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecoplan.app.audit.service import record
from ecoplan.app.forms import check_fresh
from ecoplan.app.ledger.models import SOURCE_LABELS, LedgerItem
from ecoplan.app.ledger.workflow import STATE_LABELS
from ecoplan.errors import InputError

MAX_TEXT = 500


def set_public(session: Session, item: LedgerItem, *, actor, public: bool, text: str,
               version) -> bool:
    """Mark ``item`` public (or not) with the progress the public reads; True when changed."""
    check_fresh(item, version, what=f"整改事项 {item.code} ")
    text = (text or "").strip()
    if len(text) > MAX_TEXT:
        raise InputError(f"公开的整改进展不超过{MAX_TEXT}字", field="public_text")
    if item.public == public and (item.public_text or "") == text:
        return False
    before = item.snapshot()
    item.public, item.public_text = public, text
    item.version += 1
    session.flush()
    record(session, actor=actor, action="ledger.updated", object_type="ledger_item",
           object_id=item.id, before=before, after=item.snapshot())
    return True


def public_items(session: Session) -> list[dict]:
    """The items marked public, by source then code: what the public page shows of each."""
    rows = session.scalars(select(LedgerItem).where(LedgerItem.public.is_(True))
                           .order_by(LedgerItem.source, LedgerItem.code))
    return [{"code": i.code, "source": SOURCE_LABELS.get(i.source, i.source), "batch": i.batch,
             "description": i.description, "district": i.district or "市级",
             "deadline": i.deadline.isoformat() if i.deadline else None,
             "state": STATE_LABELS[i.state], "closed": i.state == "closed",
             "closed_on": i.closed_on.isoformat() if i.closed_on else None,
             "progress": i.public_text or ""} for i in rows]
