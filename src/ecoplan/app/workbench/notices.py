"""Sending a notice through every channel there is: in the app (always) and by e-mail to the
unit's contact address when SMTP is configured (``ECOPLAN_SMTP_*``). A failed e-mail never
undoes the notice; it is kept on the notice as not sent."""

from __future__ import annotations

import datetime as dt
import smtplib

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ecoplan.app.core import clock
from ecoplan.app.progress import mail
from ecoplan.app.progress.models import Notice, UnitContact
from ecoplan.app.workbench import webhooks
from ecoplan.app.workbench.models import InboxNotice

SUBJECT = "【生态文明建设】"


def now() -> dt.datetime:
    return clock.utcnow()


def send(session: Session, *, kind: str, message: str, link: str = "", unit_id: int | None = None,
         user_id: int | None = None, contact_unit_id: int | None = None,
         smtp: mail.SmtpSettings | None = None) -> InboxNotice:
    """One notice to a unit (every user of it) or to one user, and its e-mail to the contact
    address of ``unit_id`` (or ``contact_unit_id``: a person's unit) when possible."""
    notice = InboxNotice(unit_id=unit_id, user_id=user_id, kind=kind, message=message,
                         link=link, created_at=now(), emailed_to=[])
    session.add(notice)
    session.flush()
    smtp = smtp if smtp is not None else mail.SmtpSettings.from_env()
    mail_unit = unit_id or contact_unit_id
    webhooks.push(session, unit_id=mail_unit, text=message)
    to = session.scalar(select(UnitContact.email).where(UnitContact.unit_id == mail_unit)) if mail_unit else None
    if smtp is not None and to:
        try:
            mail.send(smtp, [(to, SUBJECT + message[:40], message)])
            notice.emailed_to = [to]
        except (smtplib.SMTPException, OSError):
            notice.emailed_to = []
    return notice


def _mine(user):
    clauses = [InboxNotice.user_id == user.id]
    if user.unit_id is not None:
        clauses.append(InboxNotice.unit_id == user.unit_id)
    return or_(*clauses)


def latest(session: Session, user, *, limit: int = 10) -> list[InboxNotice]:
    """The user's notices (their own and their unit's), newest first."""
    return list(session.scalars(select(InboxNotice).where(_mine(user))
                                .order_by(InboxNotice.id.desc()).limit(limit)))


def unread(session: Session, user) -> int:
    """Unread notices of the user (theirs and their unit's, and the unit's reporting reminders):
    one query (the page header asks on every page)."""
    from sqlalchemy import func, literal

    inbox = select(func.count()).select_from(InboxNotice).where(
        _mine(user), InboxNotice.read_at.is_(None)).scalar_subquery()
    reminders = select(func.count()).select_from(Notice).where(
        Notice.unit_id == user.unit_id, Notice.read_at.is_(None)).scalar_subquery() \
        if user.unit_id is not None else literal(0)
    return session.scalar(select(inbox + reminders)) or 0


def mark_read(session: Session, user) -> None:
    """Every notice the user sees counts as read once they opened the list."""
    stamp = now()
    for notice in session.scalars(select(InboxNotice).where(_mine(user), InboxNotice.read_at.is_(None))):
        notice.read_at = stamp
    if user.unit_id is not None:
        for notice in session.scalars(select(Notice).where(Notice.unit_id == user.unit_id,
                                                           Notice.read_at.is_(None))):
            notice.read_at = stamp


def report_returned(session: Session, report, *, comment: str) -> InboxNotice:
    """Tell whoever submitted ``report`` (else its unit) that it came back, with the comment."""
    from ecoplan.app.auth.models import User
    from ecoplan.app.progress import periods

    submitter = next((e.actor for e in reversed(report.history) if e.action == "submit"), None)
    user_id = session.scalar(select(User.id).where(User.username == submitter)) if submitter else None
    message = (f"您报送的{periods.label(report.period)}进展报告已被退回，退回意见：{comment.strip()}。"
               "请修改后重新提交。")
    return send(session, kind="returned", message=message, link=f"/progress/reports/{report.id}",
                user_id=user_id, unit_id=None if user_id else report.unit_id,
                contact_unit_id=report.unit_id)
