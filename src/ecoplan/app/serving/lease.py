"""Leases: one process at a time does a job, whichever holds its row in the database.

A lease is taken when free or expired and renewed by its holder; a holder that dies loses it
when it expires, and another process takes over. :class:`LeasedJob` runs such a job in every
worker: the daily reminders (:mod:`ecoplan.app.progress.scheduler`) and the monitoring drop
folder (:mod:`ecoplan.app.intake.inbox`), which every worker process of every host would
otherwise do.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import uuid
import datetime as dt
from datetime import datetime, timedelta
from typing import Callable

from sqlalchemy import DateTime, String, or_, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapped, Session, mapped_column, sessionmaker

from ecoplan.app.db import Base, unit_of_work
from ecoplan.app.core.clock import evaluation_day, utcnow

log = logging.getLogger(__name__)


class Lease(Base):
    """Who (``holder``) may do the job ``name`` until ``expires_at``."""

    __tablename__ = "leases"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    holder: Mapped[str] = mapped_column(String(128))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


def holder_id() -> str:
    """A name for this process, unique across hosts and restarts."""
    return f"{socket.gethostname()[:60]}:{os.getpid()}:{uuid.uuid4().hex[:12]}"


def hold(sessions: sessionmaker[Session], name: str, holder: str, ttl: timedelta, *,
         clock: Callable[[], datetime] = utcnow) -> bool:
    """Take or renew the lease ``name`` for ``holder`` until ``ttl`` from now; False when
    another holder has it."""
    with unit_of_work(sessions) as session:
        now = clock()
        taken = session.execute(
            update(Lease).where(Lease.name == name,
                                or_(Lease.holder == holder, Lease.expires_at < now))
            .values(holder=holder, expires_at=now + ttl)).rowcount
        if taken:
            return True
        dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
        inserted = session.execute(
            dialect.insert(Lease).values(name=name, holder=holder, expires_at=now + ttl)
            .on_conflict_do_nothing(index_elements=["name"]).returning(Lease.name)).first()
        return inserted is not None


def release(sessions: sessionmaker[Session], name: str, holder: str) -> None:
    """Give the lease up (a stopping process), so another may take it at once."""
    with unit_of_work(sessions) as session:
        session.execute(update(Lease).where(Lease.name == name, Lease.holder == holder)
                        .values(expires_at=datetime(2000, 1, 1, tzinfo=utcnow().tzinfo)))


class LeasedJob:
    """A job every worker process runs in a daemon thread (at start, then every ``every_s``
    seconds until :meth:`stop`), but only the holder of the database lease ``name`` does the
    work (:meth:`step`), so it happens once across processes and hosts; when the holder stops,
    another process takes over within the lease's time to live."""

    name = ""
    """The lease's name (one per job)."""

    def __init__(self, sessions: sessionmaker[Session], *, every_s: float) -> None:
        self._sessions = sessions
        self._every_s = every_s
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.holder = holder_id()
        self.lease_ttl = timedelta(seconds=2 * every_s + 60)

    def step(self):
        """The work of one pass (in the lease holder only)."""
        raise NotImplementedError

    def run_due(self):
        """One pass when this process holds the lease: what :meth:`step` returned, else None;
        never raises (one bad pass must not stop the next)."""
        try:
            if not hold(self._sessions, self.name, self.holder, self.lease_ttl):
                return None
            return self.step()
        except Exception:
            log.exception("ecoplan: %s failed", self.name)
            return None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._loop, name=f"ecoplan-{self.name}", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=30)
        try:
            release(self._sessions, self.name, self.holder)
        except Exception:  # the database may be gone at shutdown: the lease expires anyway
            log.warning("ecoplan: could not release the %s lease", self.name, exc_info=True)

    def _loop(self) -> None:
        while not self._stop.is_set():
            self.run_due()
            self._stop.wait(self._every_s)


class DailyJob(LeasedJob):
    """A :class:`LeasedJob` whose work (:meth:`work`) is done once per day: the office's
    evaluation day (``clock.evaluation_day``) or ``today()`` when given; checked every
    ``every_s`` seconds, done again only when the day has changed."""

    def __init__(self, sessions: sessionmaker[Session], *, every_s: float,
                 today: Callable[[], dt.date] | None = None) -> None:
        super().__init__(sessions, every_s=every_s)
        self._today = today
        self.last_day: dt.date | None = None

    def work(self, session: Session, day: dt.date):
        """The day's work, in one transaction (committed when it returns)."""
        raise NotImplementedError

    def step(self):
        with unit_of_work(self._sessions) as session:
            day = self._today() if self._today else evaluation_day(session)
            if day == self.last_day:
                return None
            result = self.work(session, day)
        self.last_day = day
        return result
