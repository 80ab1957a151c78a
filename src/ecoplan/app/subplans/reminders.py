"""Deadline reminders for the sub-plans' measures, as the targets' reports get them
(``progress.reminders``): a notice to each unit that owes measure reports, in the app (the
workbench) and by e-mail to the unit's reminder address when SMTP is configured
(``workbench.notices.send``, the channel every notice takes), made once a day by the lease
holder among the server's processes (:class:`SubPlanReminders`, a ``serving.lease.DailyJob``
like the targets' reminder job).

A measure is reported on month by month (a report carries the month it is made in), so the
report for a month is due by the month's last day: "due soon" from ``remind_days`` working days
before it (the reporting calendar's), "missing" once the month is over, for the month before.
One notice per unit, sub-plan, month and kind (the link names them): running it twice on a day,
or on every day of the month, notifies nobody twice.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from ecoplan.app.audit.service import record
from ecoplan.app.progress import mail, periods, workdays
from ecoplan.app.progress.service import calendar
from ecoplan.app.serving import lease
from ecoplan.app.subplans.reporting import owing
from ecoplan.app.workbench import notices
from ecoplan.app.workbench.models import InboxNotice

LEASE = "subplan_reminders"
CHECK_EVERY_S = 600.0
KIND = "remind"


def month_of(day: dt.date) -> str:
    return f"{day:%Y-%m}"


def month_end(period: str) -> dt.date:
    """The month's last day (the due date of its measure reports)."""
    return periods.end(period, "monthly") - dt.timedelta(days=1)


def due_now(today: dt.date, remind_days: int) -> list[tuple[str, str]]:
    """(month, kind) to remind of on ``today``: the month before as ``missing``; this month as
    ``due_soon`` from ``remind_days`` working days before its end."""
    previous = month_of(today.replace(day=1) - dt.timedelta(days=1))
    found = [(previous, "missing")]
    if workdays.shift(month_end(month_of(today)), -remind_days) <= today:
        found.append((month_of(today), "due_soon"))
    return found


def message(kind: str, title: str, period: str, count: int) -> str:
    due = month_end(period)
    when = f"{due.year}年{due.month}月{due.day}日"
    if kind == "due_soon":
        return f"《{title}》{periods.label(period)}措施进展请于{when}前报送，尚有 {count} 项未报送。"
    return f"《{title}》{periods.label(period)}措施进展已于{when}到期，尚有 {count} 项未报送，请尽快报送。"


def run(session: Session, *, today: dt.date, smtp: mail.SmtpSettings | None = None,
        actor=None) -> list[InboxNotice]:
    """The notices due on ``today`` (e-mailed through ``smtp`` when given)."""
    made: list[InboxNotice] = []
    for period, kind in due_now(today, calendar(session).remind_days):
        owed: dict[tuple[int, int], list] = defaultdict(list)
        for unit, item in owing(session, period):
            owed[(unit.id, item.subplan_id)].append(item)
        for (unit_id, subplan_id), items in sorted(owed.items()):
            link = f"/subplans/{subplan_id}?period={period}&remind={kind}"
            if session.scalar(select(InboxNotice.id).where(
                    InboxNotice.unit_id == unit_id, InboxNotice.kind == KIND,
                    InboxNotice.link == link)) is not None:
                continue
            made.append(notices.send(session, kind=KIND, unit_id=unit_id, link=link, smtp=smtp,
                                     message=message(kind, items[0].subplan.title, period,
                                                     len(items))))
    record(session, actor=actor, action="subplan.remind", object_type="subplan",
           object_id=today.isoformat(), before=None,
           after={"notices": len(made), "emailed": [t for n in made for t in n.emailed_to]})
    return made


class SubPlanReminders(lease.DailyJob):
    """:func:`run` once per evaluation day, in the holder of the lease ``subplan_reminders``."""

    name = LEASE

    def __init__(self, sessions: sessionmaker[Session], *, check_every_s: float = CHECK_EVERY_S,
                 today: Callable[[], dt.date] | None = None) -> None:
        super().__init__(sessions, every_s=check_every_s, today=today)

    def work(self, session: Session, day: dt.date) -> list[InboxNotice]:
        return run(session, today=day, smtp=mail.SmtpSettings.from_env())


def start_reminders(app):
    """Start-up hook (``ecoplan serve``): the sub-plan reminder thread of this worker process."""
    job = SubPlanReminders(app.state.sessionmaker)
    job.start()
    return job.stop
