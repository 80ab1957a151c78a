"""Who has not reported, and reminding them: an in-app notice to the unit ``remind_days``
working days before each due date and for each missing report, and an e-mail when SMTP is
configured. Running it twice on the same day adds nothing (one notice per unit, kind, period).
"""

from __future__ import annotations

import datetime as dt
import smtplib
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from ecoplan.app.audit.service import record
from ecoplan.app.plans.models import PlanVersion
from ecoplan.app.progress import mail, periods, service, todo
from ecoplan.app.progress.models import REPORTED_STATES, Notice, ProgressReport, UnitContact
from ecoplan.app.units.models import Unit


@dataclass
class UnitStatus:
    """How far a unit has reported for a period."""

    unit: Unit
    items: list[todo.TodoItem]
    states: dict[tuple[str, str], str]

    @property
    def reported(self) -> int:
        return sum(self.states.get(i.key) in REPORTED_STATES for i in self.items)

    @property
    def missing(self) -> list[todo.TodoItem]:
        return [i for i in self.items if self.states.get(i.key) not in REPORTED_STATES]


@dataclass
class RunResult:
    notices: list[Notice] = field(default_factory=list)
    emailed: list[str] = field(default_factory=list)
    error: str | None = None


def statuses(session: Session, version: PlanVersion, period: str) -> list[UnitStatus]:
    """Every unit with something to report, with the state of each of its reports."""
    rows = session.execute(select(ProgressReport.unit_id, ProgressReport.item_kind,
                                  ProgressReport.item_uid, ProgressReport.state).where(
        ProgressReport.plan_id == version.plan_id, ProgressReport.period == period)).all()
    states: dict[int, dict[tuple[str, str], str]] = {}
    for unit_id, kind, uid, state in rows:
        states.setdefault(unit_id, {})[(kind, uid)] = state
    return [UnitStatus(unit, items, states.get(unit.id, {}))
            for unit, items in todo.reporting_units(session, version, period)]


def missing(session: Session, version: PlanVersion, period: str) -> list[UnitStatus]:
    """Units that have not reported every item for ``period`` (fewest reported first)."""
    behind = [s for s in statuses(session, version, period) if s.missing]
    return sorted(behind, key=lambda s: (s.reported / len(s.items), s.unit.name))


def notices_for(session: Session, *, unit_id: int, limit: int = 20) -> list[Notice]:
    return list(session.scalars(select(Notice).where(Notice.unit_id == unit_id)
                                .order_by(Notice.id.desc()).limit(limit)))


def kind_on(period: str, calendar, today: dt.date) -> str | None:
    """"due_soon" from the reminder day to the due date, "missing" after it, else None."""
    due = periods.due_date(period, calendar)
    if today > due:
        return "missing"
    return "due_soon" if periods.remind_date(period, calendar) <= today else None


def message(kind: str, period: str, due: dt.date, count: int) -> str:
    when = f"{due.year}年{due.month}月{due.day}日"
    if kind == "due_soon":
        return f"{periods.label(period)}工作进展请于{when}前报送，尚有 {count} 项未报送。"
    return f"{periods.label(period)}工作进展已于{when}到期，尚有 {count} 项未报送，请尽快报送。"


def subject(notice: Notice) -> str:
    what = "报送提醒" if notice.kind == "due_soon" else "催报"
    return f"【生态文明建设】{periods.label(notice.period)}工作进展{what}"


def run(session: Session, *, today: dt.date, smtp: mail.SmtpSettings | None = None,
        actor=None) -> RunResult:
    """Make the notices due on ``today`` and e-mail them when ``smtp`` is given."""
    result = RunResult()
    version = todo.published(session)
    if version is None:
        return result
    cal = service.calendar(session)
    for period in periods.periods_of_year(version.plan.year, cal.frequency):
        kind = kind_on(period, cal, today)
        if kind is not None:
            result.notices += _notify(session, version, period, kind, cal)
    session.flush()
    if smtp is not None and result.notices:
        _email(session, smtp, result)
    record(session, actor=actor, action="progress.remind", object_type="progress_notice",
           object_id=today.isoformat(), before=None,
           after={"notices": len(result.notices), "emailed": result.emailed,
                  "error": result.error})
    return result


def _notify(session, version, period, kind, cal) -> list[Notice]:
    made = session.execute(select(Notice.unit_id).where(Notice.kind == kind,
                                                        Notice.period == period)).scalars()
    already = set(made)
    due = periods.due_date(period, cal)
    notices = [Notice(unit_id=s.unit.id, kind=kind, period=period, due=due,
                      message=message(kind, period, due, len(s.missing)),
                      created_at=service.now(), emailed_to=[])
               for s in missing(session, version, period) if s.unit.id not in already]
    session.add_all(notices)
    return notices


def _email(session, smtp: mail.SmtpSettings, result: RunResult) -> None:
    contacts = dict(session.execute(select(UnitContact.unit_id, UnitContact.email)).all())
    outgoing = [(n, contacts[n.unit_id]) for n in result.notices if n.unit_id in contacts]
    try:
        mail.send(smtp, [(to, subject(n), n.message) for n, to in outgoing])
    except (smtplib.SMTPException, OSError) as err:
        result.error = f"邮件发送失败：{err}"
        return
    for notice, to in outgoing:
        notice.emailed_to = [to]
        result.emailed.append(to)
