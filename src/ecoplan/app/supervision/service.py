"""Issuing supervision items, finding them, and the proposals still waiting. Never commits."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecoplan.app.core.actor import actor_name
from ecoplan.app.core import clock
from ecoplan.app.audit.service import record
from ecoplan.app.forms import required
from ecoplan.app.ledger.fields import parse_link, target_metrics, task_numbers
from ecoplan.app.ledger.models import LedgerItem
from ecoplan.app.ledger.service import is_overdue as ledger_overdue
from ecoplan.app.units import addressees
from ecoplan.app.supervision import proposals
from ecoplan.app.supervision.models import BASES, KIND_LABELS, KINDS, SupervisionItem
from ecoplan.app.supervision.workflow import OPEN_STATES, ItemFacts, is_overdue
from ecoplan.app.workbench import notices
from ecoplan.errors import InputError

ISSUER_SHORT = "常生态办"


@dataclass(frozen=True)
class Issue:
    """What the office writes when it issues: one item per unit in ``units``."""

    kind: str
    units: list[str] | str
    title: str
    content: str = ""
    due: dt.date | None = None
    basis: str = "unit"
    basis_ref: str = ""
    link: str = ""
    proposal_key: str | None = None


def now() -> dt.datetime:
    return clock.utcnow()


def parse_kind(raw: str) -> str:
    """A kind as its code (``assignment``) or as the office writes it (交办)."""
    raw = (raw or "").strip()
    by_label = {label: code for code, label in KIND_LABELS.items()}
    if raw in KINDS:
        return raw
    if raw in by_label:
        return by_label[raw]
    raise InputError(f"未知督办方式“{raw}”，可选：{'、'.join(KIND_LABELS.values())}", field="方式")


def resolve_basis(session: Session, basis: str, ref: str) -> str:
    """The basis as stored: a unit's name, a task's or target's uid (given by task number or
    target metric of the published plan), a ledger item's code, an assessment result's text."""
    if basis not in BASES:
        raise InputError(f"未知依据类型：{basis}", field="依据")
    if basis == "unit":
        return ref.strip()
    ref = required(ref, field="依据")
    if basis == "ledger" and not session.scalar(select(LedgerItem.id).where(LedgerItem.code == ref)):
        raise InputError(f"整改台账中没有编号为“{ref}”的事项", field="依据")
    if basis == "task":
        return parse_link(ref, task_numbers(session), field="依据", what="任务")
    if basis == "target":
        return parse_link(ref, target_metrics(session), field="依据", what="目标")
    return ref


def _check(issue: Issue) -> str:
    kind = parse_kind(issue.kind)
    required(issue.title, field="标题")
    if kind == "exposure" and not issue.link.strip().startswith(("http://", "https://")):
        raise InputError("媒体曝光须填写曝光报道的链接（http:// 或 https:// 开头）", field="链接")
    return kind


def issue(session: Session, *, actor, issue: Issue) -> list[SupervisionItem]:
    """Issue ``issue`` to each of its units; each item is audited and its unit notified."""
    kind = _check(issue)
    units = addressees.resolve(session, issue.units)
    basis_ref = resolve_basis(session, issue.basis, issue.basis_ref)
    batch, stamp = secrets.token_hex(8), now()
    made = []
    for unit in units:
        item = SupervisionItem(
            kind=kind, unit=unit, unit_id=unit.id, title=issue.title.strip(),
            content=issue.content.strip(), basis=issue.basis,
            basis_ref=basis_ref or (unit.name if issue.basis == "unit" else ""),
            link=issue.link.strip(), due=issue.due, state="issued", batch=batch,
            proposal_key=issue.proposal_key, issued_by=actor_name(actor),
            issued_at=stamp, reminders=0, response="", return_comment="", extension_reason="",
            version=1)
        session.add(item)
        session.flush()
        item.doc_number = f"{ISSUER_SHORT}〔{stamp.year}〕{item.id}号"
        record(session, actor=actor, action=f"supervision.{kind}", object_type="supervision_item",
               object_id=item.id, after=item.snapshot())
        notices.send(session, kind="supervision", unit_id=unit.id, link=f"/supervision/items/{item.id}",
                     message=f"{KIND_LABELS[kind]}：{item.title}"
                             + (f"（办结时限 {item.due.isoformat()}）" if item.due else "")
                             + "，请及时签收办理。")
        made.append(item)
    return made


def facts(item: SupervisionItem) -> ItemFacts:
    return ItemFacts(state=item.state, unit_id=item.unit_id, due=item.due,
                     extension_due=item.extension_due)


def get_item(session: Session, item_id: int) -> SupervisionItem | None:
    return session.get(SupervisionItem, item_id)


def list_items(session: Session, *, unit_id: int | None = None, state: str = "",
               kind: str = "", basis: str = "", basis_ref: str = "",
               limit: int = 500) -> list[SupervisionItem]:
    """Items newest first, filtered by addressed unit, state, kind or basis."""
    q = select(SupervisionItem).order_by(SupervisionItem.id.desc()).limit(limit)
    for column, value in ((SupervisionItem.unit_id, unit_id), (SupervisionItem.state, state),
                          (SupervisionItem.kind, kind), (SupervisionItem.basis, basis),
                          (SupervisionItem.basis_ref, basis_ref)):
        if value:
            q = q.where(column == value)
    return list(session.scalars(q))


def open_count(session: Session, unit_id: int) -> int:
    return sum(i.state in OPEN_STATES for i in list_items(session, unit_id=unit_id))


def overdue(session: Session, day: dt.date) -> list[SupervisionItem]:
    items = session.scalars(select(SupervisionItem).where(SupervisionItem.state.in_(OPEN_STATES)))
    return [i for i in items if is_overdue(facts(i), day)]


def _ledger_overdue(session: Session, day: dt.date) -> list[proposals.OverdueItem]:
    items = session.scalars(select(LedgerItem).order_by(LedgerItem.deadline, LedgerItem.code))
    return [proposals.OverdueItem(i.code, i.description, i.district, tuple(i.units or ()), i.deadline)
            for i in items if ledger_overdue(i, day)]


def _late(session: Session, day: dt.date) -> list[proposals.LateItem]:
    return [proposals.LateItem(i.id, i.kind, i.unit.name, i.title, i.due, i.basis, i.basis_ref)
            for i in overdue(session, day) if i.unit is not None]


def pending(session: Session, *, target_months: list[proposals.TargetMonth], today: dt.date,
            failing: list[proposals.Proposal] = ()) -> list[proposals.Proposal]:
    """Proposals the office has not issued yet, escalations of late items included."""
    done = set(session.scalars(select(SupervisionItem.proposal_key).where(
        SupervisionItem.proposal_key.is_not(None))))
    return proposals.propose(target_months=target_months, overdue=_ledger_overdue(session, today),
                             failing=failing, late=_late(session, today), done=done)


def confirm(session: Session, *, actor, chosen: list[proposals.Proposal], due: dt.date | None) -> list[SupervisionItem]:
    """Issue each proposal in ``chosen`` to its unit: the office's decision, never automatic."""
    made = []
    for p in chosen:
        made += issue(session, actor=actor, issue=Issue(
            kind=p.kind, units=[p.unit], title=p.title, content=p.reason, due=due,
            basis=p.subject, basis_ref=p.subject_ref, proposal_key=p.key))
    return made
