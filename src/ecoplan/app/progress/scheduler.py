"""Reminders while the server runs: ``ecoplan serve`` makes the day's reminders by itself.

The same work as ``ecoplan progress remind`` (which stays for cron and for acting as of another
date), done once per day by a daemon thread: at start-up, then whenever the date has changed at
one of its checks. "Today" is the office's evaluation day when one is set on the status
settings page (the demo evaluates 2023 as of 2023-07-10), else today in Beijing. ``reminders.run`` is idempotent per unit and period,
so a restart on the same day notifies nobody twice.

Every worker process of every host runs this thread, but only the one holding the lease
``reminders`` in the database (:mod:`ecoplan.app.serving.lease`) makes reminders; it renews the
lease at each check, and when it stops another process takes over within ``LEASE_TTL``.
"""

from __future__ import annotations

import datetime as dt
from typing import Callable

from sqlalchemy.orm import Session, sessionmaker

from ecoplan.app.progress import mail, reminders
from ecoplan.app.serving import lease

LEASE = "reminders"

CHECK_EVERY_S = 600.0


class DailyReminders(lease.DailyJob):
    """Run ``reminders.run`` once per day in the background until :meth:`stop`."""

    name = LEASE

    def __init__(self, sessions: sessionmaker[Session], *, check_every_s: float = CHECK_EVERY_S,
                 today: Callable[[], dt.date] | None = None) -> None:
        super().__init__(sessions, every_s=check_every_s, today=today)

    def work(self, session: Session, day: dt.date) -> reminders.RunResult:
        """Make the day's reminders."""
        return reminders.run(session, today=day, smtp=mail.SmtpSettings.from_env())
