"""Recording a meeting or help visit (its decisions issued as supervision items) and an
accountability record. Never commits."""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy.orm import Session

from ecoplan.app.audit.service import record
from ecoplan.app.core import clock
from ecoplan.app.core.actor import actor_name
from ecoplan.app.forms import required
from ecoplan.app.ledger.fields import parse_deadline
from ecoplan.app.meetings.models import (FORMS, KIND_LABELS, KINDS, AccountabilityRecord,
                                         Meeting, MeetingDecision)
from ecoplan.app.units import addressees
from ecoplan.app.supervision import service as supervision
from ecoplan.app.supervision.models import SupervisionItem
from ecoplan.errors import InputError

SEPARATOR = re.compile(r"\s*[|｜]\s*")


def _date(value: str, *, field: str) -> dt.date:
    """A date as the ledger reads one, the error naming ``field``."""
    try:
        return parse_deadline(required(value, field=field))
    except InputError as err:
        raise InputError(err.message, field=field) from None


def parse_decisions(session: Session, text: str) -> list[tuple[str, object, dt.date | None]]:
    """Lines ``单位｜事项｜期限`` (期限 optional) → (事项, unit, due); a wrong line is named."""
    found = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        parts = SEPARATOR.split(line.strip())
        if len(parts) not in (2, 3) or not parts[1]:
            raise InputError(f"第 {number} 行应为“单位｜事项｜期限”", field="议定事项")
        unit = addressees.resolve_one(parts[0], addressees.directory(session),
                                      field=f"议定事项第 {number} 行")
        due = _date(parts[2], field=f"议定事项第 {number} 行期限") \
            if len(parts) == 3 and parts[2] else None
        found.append((parts[1], unit, due))
    return found


def record_meeting(session: Session, *, actor, form: dict) -> Meeting:
    """The meeting, and each decision issued (交办) to its unit with its deadline."""
    kind = form.get("kind") or ""
    if kind not in KINDS:
        raise InputError(f"类型应为{'、'.join(KIND_LABELS.values())}", field="类型")
    title = required(form.get("title"), field="会议名称")
    attendees = [u.name for u in addressees.resolve(session, form.get("attendees") or "",
                                                    field="参会单位")]
    decisions = parse_decisions(session, form.get("decisions") or "")
    meeting = Meeting(kind=kind, title=title[:200], held_on=_date(form.get("held_on"), field="日期"),
                      chair=(form.get("chair") or "").strip()[:100], attendees=attendees,
                      minutes=(form.get("minutes") or "").strip(), created_by=actor_name(actor),
                      created_at=clock.utcnow())
    session.add(meeting)
    for text, unit, due in decisions:
        (item,) = supervision.issue(session, actor=actor, issue=supervision.Issue(
            kind="assignment", units=[unit.name], title=f"{KIND_LABELS[kind]}议定事项：{text}"[:200],
            content=f"{meeting.held_on.isoformat()}《{title}》议定：{text}", due=due,
            basis="other", basis_ref=f"{KIND_LABELS[kind]}：{title}"))
        meeting.decisions.append(MeetingDecision(text=text, unit_id=unit.id, due=due,
                                                 supervision_item_id=item.id))
    session.flush()
    record(session, actor=actor, action="meeting.recorded", object_type="meeting",
           object_id=meeting.id, after=meeting.snapshot())
    return meeting


def record_accountability(session: Session, *, actor, form: dict) -> AccountabilityRecord:
    raw = (form.get("supervision_item_id") or "").strip()
    item = session.get(SupervisionItem, int(raw)) if raw.isdigit() and len(raw) < 12 else None
    if item is None:
        raise InputError(f"没有编号为“{raw}”的督办事项", field="督办事项编号")
    if form.get("form") not in FORMS:
        raise InputError("请选择追责方式", field="追责方式")
    entry = AccountabilityRecord(
        supervision_item_id=item.id, unit_id=item.unit_id,
        person=(form.get("person") or "").strip()[:100], form=form["form"],
        reason=required(form.get("reason"), field="追责事由"),
        decided_on=_date(form.get("decided_on"), field="决定日期"),
        created_by=actor_name(actor), created_at=clock.utcnow())
    session.add(entry)
    session.flush()
    record(session, actor=actor, action="accountability.recorded",
           object_type="accountability", object_id=entry.id, after=entry.snapshot())
    return entry
