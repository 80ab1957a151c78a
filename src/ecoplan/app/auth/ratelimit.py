"""Per-client-IP sliding-window limit on credential checks (login, password change).

The attempts are rows of ``login_attempts`` in the database, so the limit holds across the
worker processes of ``ecoplan serve --workers N`` and across hosts sharing the database, and
survives a restart. Each check runs in a short transaction of its own, committed at once, in
which the client's attempts are serialized (PostgreSQL: an advisory lock on the client;
SQLite: the transaction's first statement takes the write lock): parallel guesses cannot slip
past the limit.

Only failed attempts stay counted: a caller takes a slot with :meth:`AttemptLimit.attempt`
before checking the password and gives it back with :meth:`AttemptLimit.forgive` when the
check succeeds, so a busy office behind one NAT address is not locked out by its own
successful logins. Refused attempts are kept as rows too (not counted), to tell the first
refusal of a run (the one that is audited) from the next ones. Rows of an endpoint older than
its window are deleted by the next check of any client there, so the table stays small under a
flood of addresses (each endpoint keeps its own window: the public forms' is longer).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Callable

from sqlalchemy import (Boolean, DateTime, Index, Integer, String, delete, func, select)
from sqlalchemy.orm import Mapped, Session, mapped_column, sessionmaker

from ecoplan.app.db import Base, unit_of_work
from ecoplan.app.core.clock import as_utc, utcnow

KEY_CHARS = 64


class LoginAttempt(Base):
    """One credential attempt by ``client`` at ``endpoint`` (``refused``: over the limit)."""

    __tablename__ = "login_attempts"
    __table_args__ = (Index("ix_login_attempts_client", "endpoint", "client", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    endpoint: Mapped[str] = mapped_column(String(32))
    client: Mapped[str] = mapped_column(String(KEY_CHARS))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    refused: Mapped[bool] = mapped_column(Boolean, default=False)


@dataclass(frozen=True)
class Refusal:
    """An attempt over the limit: wait ``retry_after`` seconds. ``first`` is True for the
    first refusal since the client reached the limit (the one that is audited)."""

    retry_after: int
    first: bool


class AttemptLimit:
    """At most ``limit`` counted attempts per client at ``endpoint`` in any ``window`` seconds."""

    def __init__(self, sessions: sessionmaker[Session], endpoint: str, limit: int,
                 window: float, *, clock: Callable[[], datetime] = utcnow) -> None:
        if limit < 1 or window <= 0:
            raise ValueError("limit and window must be positive")
        self.limit, self.window, self.endpoint = limit, window, endpoint
        self._sessions, self._clock = sessions, clock

    def attempt(self, key: str) -> Refusal | None:
        """Count an attempt by ``key``; a :class:`Refusal` (not counted) when over the limit."""
        key = key[:KEY_CHARS]
        with unit_of_work(self._sessions) as session:
            now = self._clock()
            since = now - timedelta(seconds=self.window)
            _serialize(session, f"{self.endpoint}:{key}")
            # this endpoint's old rows only: other endpoints (the public forms) keep longer windows
            session.execute(delete(LoginAttempt).where(LoginAttempt.endpoint == self.endpoint,
                                                       LoginAttempt.at <= since))
            rows = session.execute(
                select(LoginAttempt.at, LoginAttempt.refused)
                .where(LoginAttempt.endpoint == self.endpoint, LoginAttempt.client == key,
                       LoginAttempt.at > since).order_by(LoginAttempt.at, LoginAttempt.id)).all()
            counted = [as_utc(at) for at, refused in rows if not refused]
            refusal = None
            if len(counted) >= self.limit:
                first = not any(refused and as_utc(at) >= counted[-1] for at, refused in rows)
                wait = (counted[0] + timedelta(seconds=self.window) - now).total_seconds()
                refusal = Refusal(max(1, math.ceil(wait)), first)
            session.add(LoginAttempt(endpoint=self.endpoint, client=key, at=now,
                                     refused=refusal is not None))
        return refusal

    def forgive(self, key: str, session: Session) -> None:
        """Give back the latest counted attempt of ``key`` (its credentials were right), in
        the request's transaction ``session`` (which may hold SQLite's write lock already)."""
        key = key[:KEY_CHARS]
        latest = select(func.max(LoginAttempt.id)).where(
            LoginAttempt.endpoint == self.endpoint, LoginAttempt.client == key,
            LoginAttempt.refused.is_(False)).scalar_subquery()
        session.execute(delete(LoginAttempt).where(LoginAttempt.id == latest))

    def count(self, key: str) -> int:
        """How many attempts of ``key`` are counted now."""
        since = self._clock() - timedelta(seconds=self.window)
        with unit_of_work(self._sessions) as session:
            return session.scalar(select(func.count()).where(
                LoginAttempt.endpoint == self.endpoint, LoginAttempt.client == key[:KEY_CHARS],
                LoginAttempt.refused.is_(False), LoginAttempt.at > since))


def _serialize(session: Session, name: str) -> None:
    """Make concurrent checks of one client wait for each other until commit."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(func.pg_advisory_xact_lock(func.hashtext(name))))
    # SQLite: the DELETE that follows takes the database's write lock for the transaction.
