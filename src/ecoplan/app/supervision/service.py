"""Recording supervision actions, and the proposals still waiting for the office. Never commits."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecoplan.app.core import clock
from ecoplan.app.audit.service import record
from ecoplan.app.forms import required
from ecoplan.app.ledger.fields import parse_link, target_metrics, task_numbers
from ecoplan.app.ledger.models import LedgerItem
from ecoplan.app.ledger.service import is_overdue
from ecoplan.app.supervision.models import KINDS, SUBJECTS, SupervisionAction
from ecoplan.app.supervision.proposals import OverdueItem, Proposal, TargetMonth, propose
from ecoplan.app.units.models import Unit
from ecoplan.errors import InputError


def record_action(session: Session, *, actor, kind: str, subject: str, subject_ref: str,
                  unit: str, title: str, content: str = "", deadline: dt.date | None = None,
                  proposal_key: str | None = None, ip: str | None = None) -> SupervisionAction:
    if kind not in KINDS:
        raise InputError(f"未知督办方式：{kind}", field="方式")
    if subject not in SUBJECTS:
        raise InputError(f"未知督办对象类型：{subject}", field="对象")
    unit_id = session.scalar(select(Unit.id).where(Unit.name == unit.strip())) if unit else None
    if unit and unit_id is None:
        raise InputError(f"单位名录中没有“{unit}”", field="单位")
    action = SupervisionAction(
        kind=kind, subject=subject, subject_ref=resolve_subject(session, subject, subject_ref),
        unit_id=unit_id, title=required(title, field="标题"), content=content.strip(),
        deadline=deadline, proposal_key=proposal_key, created_by=getattr(actor, "username", actor),
        created_at=clock.utcnow())
    session.add(action)
    session.flush()
    record(session, actor=actor, action=f"supervision.{kind}", object_type="supervision_action",
           object_id=action.id, after={"title": action.title, "unit": unit,
                                       "proposal": proposal_key}, ip=ip)
    return action


def resolve_subject(session: Session, subject: str, ref: str) -> str:
    """What an action is about, as stored: a unit's name, a task's or target's uid (given by
    task number or target metric of the published plan), a ledger item's code."""
    ref = required(ref, field="对象")
    if subject == "unit" and not session.scalar(select(Unit.id).where(Unit.name == ref)):
        raise InputError(f"单位名录中没有“{ref}”", field="对象")
    if subject == "ledger" and not session.scalar(select(LedgerItem.id).where(LedgerItem.code == ref)):
        raise InputError(f"整改台账中没有编号为“{ref}”的事项", field="对象")
    if subject == "task":
        return parse_link(ref, task_numbers(session), field="对象", what="任务")
    if subject == "target":
        return parse_link(ref, target_metrics(session), field="对象", what="目标")
    return ref


def overdue_items(session: Session, today: dt.date) -> list[OverdueItem]:
    items = session.scalars(select(LedgerItem).order_by(LedgerItem.deadline, LedgerItem.code))
    return [OverdueItem(i.code, i.description, i.district, tuple(i.units or ()), i.deadline)
            for i in items if is_overdue(i, today)]


def pending(session: Session, *, target_months: list[TargetMonth], today: dt.date,
            failing: list[Proposal] = ()) -> list[Proposal]:
    """Proposals the office has not confirmed yet."""
    done = set(session.scalars(select(SupervisionAction.proposal_key).where(
        SupervisionAction.proposal_key.is_not(None))))
    return propose(target_months=target_months, overdue=overdue_items(session, today),
                   failing=failing, done=done)


def confirm(session: Session, *, actor, proposal: Proposal, deadline: dt.date | None,
            ip: str | None = None) -> SupervisionAction:
    """Record ``proposal`` as an action: the office's decision, never taken automatically."""
    return record_action(session, actor=actor, kind=proposal.kind, subject=proposal.subject,
                         subject_ref=proposal.subject_ref, unit=proposal.unit, title=proposal.title,
                         content=proposal.reason, deadline=deadline, proposal_key=proposal.key, ip=ip)


def recent(session: Session, limit: int = 100) -> list[SupervisionAction]:
    return list(session.scalars(select(SupervisionAction).order_by(
        SupervisionAction.id.desc()).limit(limit)))
