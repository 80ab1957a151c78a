"""Leases: one process at a time does a job, whichever holds its row in the database.

A lease is taken when free or expired and renewed by its holder; a holder that dies loses it
when it expires, and another process takes over. Used for the daily reminders
(:mod:`ecoplan.app.progress.scheduler`), which every worker process of every host would
otherwise make.
"""

from __future__ import annotations

import os
import socket
import uuid
from datetime import datetime, timedelta
from typing import Callable

from sqlalchemy import DateTime, String, or_, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapped, Session, mapped_column, sessionmaker

from ecoplan.app.db import Base, unit_of_work
from ecoplan.app.core.clock import utcnow


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
