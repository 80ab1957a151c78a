"""Following a report up: the overdue chase (超期催办) and telling the reporter.

**Chase.** :func:`chase` finds every report past one of its time limits
(:func:`ecoplan.app.feedback.limits.overdue`) on the evaluation day and sends one notice per
report and limit: a report not accepted in time goes to the office (every active admin); a
report not started or not closed in time goes to its unit (in-app, and the unit's e-mail and
webhook where configured), as the office's own 催办 does. Each chase is an event on the report
(action ``chase``, the limit in its text), so a second pass the same day, or after a restart,
chases nobody twice. :class:`OverdueChase` runs it under the database lease ``feedback-chase``
(every worker process has the thread, one does the work).

**Reporter.** When the reporter left an e-mail address as contact and SMTP is configured
(``ECOPLAN_SMTP_*``), :func:`tell_reporter` mails them the new state of their report with the
tracking link (accepted, merged with another, referred, extended, answer published); the
tracking page shows the same progress to anyone holding the code. The address is never shown.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import smtplib
from typing import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from ecoplan.app.audit.service import record
from ecoplan.app.auth.models import User
from ecoplan.app.core import clock
from ecoplan.app.feedback.limits import OVERDUE_LABELS, overdue
from ecoplan.app.feedback.models import CATEGORY_LABELS, FeedbackEvent, FeedbackReport
from ecoplan.app.progress import mail
from ecoplan.app.serving import lease
from ecoplan.app.workbench import notices

log = logging.getLogger(__name__)
LEASE = "feedback-chase"
CHECK_EVERY_S = 900.0
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _chased(session: Session, report: FeedbackReport) -> set[str]:
    return set(session.scalars(select(FeedbackEvent.text).where(
        FeedbackEvent.report_id == report.id, FeedbackEvent.action == "chase")))


def _message(report: FeedbackReport, limit: str) -> str:
    what = f"公众举报 {report.code}（{CATEGORY_LABELS[report.category]}，{report.district}）"
    if limit == "accept":
        return f"超期催办：{what}已超过受理时限（{report.accept_by}），请尽快受理或说明理由。"
    if limit == "start":
        return f"超期催办：{what}已超过开始办理时限（{report.start_by}），请立即开始办理。"
    return f"超期催办：{what}已超过办结时限（{report.due}），请抓紧办理并答复。"


def chase(session: Session, *, today: dt.date, smtp: mail.SmtpSettings | None = None) -> list[str]:
    """Chase every report past a limit on ``today`` not yet chased for it; the codes chased."""
    open_ = session.scalars(select(FeedbackReport).where(
        FeedbackReport.state.in_(("received", "assigned", "answered"))).order_by(FeedbackReport.id))
    office = list(session.scalars(select(User.id).where(User.role == "admin", User.active.is_(True))))
    done = []
    for report in open_:
        limit = overdue(report, today)
        if limit is None or limit in _chased(session, report) or (
                limit == "close" and report.state == "answered"):
            continue  # an answer waiting for the office is the office's, on its workbench
        message, link = _message(report, limit), f"/feedback/{report.id}"
        if limit == "accept" or report.unit_id is None:
            for user_id in office:
                notices.send(session, kind="remind", message=message, link=link, user_id=user_id,
                             smtp=None)
        else:
            notices.send(session, kind="remind", message=message, link=link,
                         unit_id=report.unit_id, smtp=smtp)
        session.add(FeedbackEvent(report_id=report.id, at=clock.utcnow(), actor="system",
                                  action="chase", from_state=report.state, to_state=report.state,
                                  text=limit, files=[]))
        record(session, actor=None, action="feedback.chase", object_type="feedback_report",
               object_id=report.id, before=None, after={"limit": OVERDUE_LABELS[limit]})
        done.append(report.code)
    session.flush()
    return done


class OverdueChase(lease.DailyJob):
    """:func:`chase` once per evaluation day, in the lease holder only."""

    name = LEASE

    def __init__(self, sessions: sessionmaker[Session], *, every_s: float = CHECK_EVERY_S,
                 today: Callable[[], dt.date] | None = None) -> None:
        super().__init__(sessions, every_s=every_s, today=today)

    def work(self, session: Session, day: dt.date) -> list[str]:
        return chase(session, today=day, smtp=mail.SmtpSettings.from_env())


def start_chase(app):
    """Start-up hook (``ecoplan serve``): the chase thread of this worker process."""
    job = OverdueChase(app.state.sessionmaker)
    job.start()
    return job.stop


TELL = {"assign": "已受理，交由承办单位办理，办结时限 {due}。",
        "duplicate": "与另一件正在办理的举报重复，已并入办理，请用查询码 {other} 查看进展。",
        "refer": "不属于生态环境部门职责，已转交{referred}，理由：{reason}",
        "extension": "办理时限延长至 {due}，理由：{reason}",
        "publish": "已办结，答复已公开，可用查询码查看。",
        "spam": "经审核被认定为无效信息，不予办理。"}
"""The moves the reporter is told of (``extension`` only when granted), in their words."""


def tell_reporter(report: FeedbackReport, action: str, *, granted: bool = True,
                  smtp: mail.SmtpSettings | None = None, base_url: str = "") -> bool:
    """E-mail the reporter of ``report`` what ``action`` did, when they left an e-mail address
    and SMTP is configured; True when sent. A failed send is logged, never raised."""
    if action not in TELL or (action == "extension" and not granted):
        return False
    to = (report.contact or "").strip()
    smtp = smtp if smtp is not None else mail.SmtpSettings.from_env()
    if smtp is None or not EMAIL.match(to):
        return False
    text = TELL[action].format(
        due=report.due,
        other=report.duplicate_of.code if report.duplicate_of else "",
        referred=report.referred_to, reason=report.reason)
    body = (f"您提交的生态环境问题举报（查询码 {report.code}）{text}\n"
            f"查看进展：{base_url}/public/feedback/track?code={report.code}")
    try:
        mail.send(smtp, [(to, f"【公众举报】{report.code} 办理进展", body)])
    except (smtplib.SMTPException, OSError):
        log.warning("ecoplan: could not e-mail the reporter of %s", report.code, exc_info=True)
        return False
    return True
