"""Database plumbing shared by every feature: the declarative Base, engines and sessions.

SQLite (the default, embedded) runs in WAL mode with foreign keys on; PostgreSQL is used when
``ECOPLAN_DATABASE_URL`` says so. Services take a session and never commit; a request (or a
CLI command) commits once, so a failed import leaves nothing behind.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from sqlalchemy import MetaData, create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


READS = ("SELECT", "PRAGMA", "SHOW", "EXPLAIN", "SAVEPOINT", "RELEASE")
"""Statements that change no data; anything else counts as a write."""
WROTE = "ecoplan_wrote"
_writes = 0


def _note_write(conn, _cursor, statement: str, *_args) -> None:
    global _writes
    if not statement.lstrip()[:10].upper().startswith(READS):
        conn.info[WROTE] = True
        _writes += 1


def _end_transaction(conn) -> None:
    global _writes
    if conn.info.pop(WROTE, False):
        _writes += 1  # what was computed while it was open may hold uncommitted rows


def writes() -> int:
    """How many writes and write transactions ended this process made (on every engine): a
    cache keyed by it never serves what was computed before a change made here."""
    return _writes


def wrote_uncommitted(session: Session) -> bool:
    """Whether ``session``'s open transaction has written (its view is not yet everyone's)."""
    return bool(session.in_transaction() and session.connection().info.get(WROTE))


def make_engine(url: str) -> Engine:
    """An engine for ``url``, its writes counted (:func:`writes`); SQLite gets WAL, foreign keys
    and a busy timeout."""
    engine = _make_engine(url)
    event.listen(engine, "before_cursor_execute", _note_write)
    event.listen(engine, "commit", _end_transaction)
    event.listen(engine, "rollback", _end_transaction)
    return engine


def _make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()

        return engine
    return create_engine(url, pool_pre_ping=True)


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False)


@contextmanager
def unit_of_work(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One transaction: commit at the end if nothing failed, else roll everything back."""
    session = factory()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
