"""Making a move on an item: check it with the workflow, change the item, keep the event, the
audit entry and the notice to whoever must act next. Never commits."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from ecoplan.app.audit.service import record
from ecoplan.app.core.actor import Actor, actor_name, as_actor
from ecoplan.app.ledger import evidence
from ecoplan.app.supervision import workflow as wf
from ecoplan.app.supervision.models import KIND_LABELS, SupervisionEvent, SupervisionItem
from ecoplan.app.supervision.service import facts, now
from ecoplan.app.workbench import notices


def _apply(item: SupervisionItem, action: str, move: wf.Move) -> None:
    text = move.text.strip()
    if action == wf.RESPOND:
        item.response = text
    elif action == wf.RETURN:
        item.return_comment = text
    elif action == wf.ACCEPT:
        item.closed_on = now().date()
    elif action == wf.EXTEND:
        item.extension_due, item.extension_reason = move.date, text
    elif action == wf.GRANT:
        item.due, item.extension_due = item.extension_due, None
    elif action == wf.REFUSE:
        item.extension_due = None
    elif action == wf.REMIND:
        item.reminders = (item.reminders or 0) + 1


def _notify(session: Session, item: SupervisionItem, action: str, move: wf.Move) -> None:
    link = f"/supervision/items/{item.id}"
    what = f"{KIND_LABELS[item.kind]}“{item.title}”"
    to_unit = {
        wf.RETURN: f"{what}的办理情况被退回：{move.text.strip()}，请重新办理后反馈。",
        wf.ACCEPT: f"{what}已办结。",
        wf.GRANT: f"{what}的延期申请已同意，办结时限延至 {item.due}。",
        wf.REFUSE: f"{what}的延期申请未同意{('：' + move.text.strip()) if move.text.strip() else ''}，"
                   f"请按原时限 {item.due or '—'} 办结。",
        wf.REMIND: f"催办：{what}尚未办结" + (f"（办结时限 {item.due}）" if item.due else "")
                   + "，请抓紧办理并反馈。",
    }
    if action in to_unit and item.unit_id is not None:
        kind = "remind" if action == wf.REMIND else "supervision"
        notices.send(session, kind=kind, unit_id=item.unit_id, link=link, message=to_unit[action])


def act(session: Session, item: SupervisionItem, action: str, *, actor: Actor, move: wf.Move = wf.Move(),
        uploads: list[evidence.Upload] = (), data_dir: Path | None = None) -> SupervisionEvent:
    """Make ``action`` on ``item`` as ``actor``; files are kept only with a response."""
    move = wf.Move(move.text, move.date, len(uploads))
    before = item.snapshot()
    from_state = item.state
    item.state = wf.transition(facts(item), action, actor=as_actor(actor), move=move)
    files = []
    if uploads and action == wf.RESPOND:
        files = evidence.store(list(uploads), data_dir=data_dir, item_id=item.id, area="supervision")
    _apply(item, action, move)
    item.version = (item.version or 1) + 1
    event = SupervisionEvent(item_id=item.id, at=now(), actor=actor_name(actor), action=action,
                             from_state=from_state, to_state=item.state, text=move.text.strip(),
                             new_due=move.date if action == wf.EXTEND else None, files=files)
    session.add(event)
    record(session, actor=actor, action=f"supervision.{action}", object_type="supervision_item",
           object_id=item.id, before=before, after=item.snapshot())
    _notify(session, item, action, move)
    session.flush()
    return event
