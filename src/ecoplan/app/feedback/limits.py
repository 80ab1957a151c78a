"""Time limits of a report from the public, as the national 12369 environmental-report platform
practises them (生态环境部《环境信访办法》与 12369 网络举报平台的办理时限):

- accept or refuse within ``accept`` PRC working days after the day it arrived (default 2);
- the assigned unit starts within ``start`` more working days after acceptance (default 2);
- close within ``close`` calendar days of acceptance (default 30), moved to the next working day
  when that day is a holiday; longer only by an extension the office grants (reason recorded,
  reporter told).

Working days follow the State Council's holiday notices (``progress.workdays``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ecoplan.app.progress import workdays


@dataclass(frozen=True)
class Limits:
    accept: int = 2
    start: int = 2
    close: int = 30

    @classmethod
    def of(cls, settings) -> "Limits":
        return cls(settings.feedback_accept_workdays, settings.feedback_start_workdays,
                   settings.feedback_close_days)

    def accept_by(self, received: dt.date) -> dt.date:
        """Last day to accept or refuse a report received on ``received``."""
        return workdays.shift(received, self.accept)

    def start_by(self, accepted: dt.date) -> dt.date:
        return workdays.shift(accepted, self.start)

    def close_by(self, accepted: dt.date) -> dt.date:
        return workdays.on_or_after(accepted + dt.timedelta(days=self.close))


def overdue(report, today: dt.date) -> str | None:
    """Which limit ``report`` has passed on ``today`` ("accept", "start", "close"), or None."""
    if report.state == "received" and today > report.accept_by:
        return "accept"
    if report.state == "assigned" and report.started_on is None and report.start_by \
            and today > report.start_by:
        return "start"
    if report.state in ("assigned", "answered") and report.due and today > report.due:
        return "close"
    return None


OVERDUE_LABELS = {"accept": "超期未受理", "start": "超期未开始办理", "close": "超期未办结"}
