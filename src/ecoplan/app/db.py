"""Database plumbing shared by every feature: the declarative Base, engines and sessions.

SQLite (the default, embedded) runs in WAL mode with foreign keys on; PostgreSQL is used when
``ECOPLAN_DATABASE_URL`` says so. Services take a session and never commit; a request (or a
CLI command) commits once, so a failed import leaves nothing behind.
"""

from __future__ import annotations

import re
from collections import Counter
from contextlib import contextmanager
from typing import Iterable, Iterator

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
WRITE = re.compile(r'\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)', re.I)
ANY = "*"
"""The table of a write whose table is not recognised: it counts for every table."""
WROTE = "ecoplan_wrote"
_writes: Counter[str] = Counter()


def _note_write(conn, _cursor, statement: str, *_args) -> None:
    if statement.lstrip()[:10].upper().startswith(READS):
        return
    found = WRITE.match(statement)
    table = found.group(1).lower() if found else ANY
    conn.info.setdefault(WROTE, set()).add(table)
    _writes[table] += 1


def _end_transaction(conn) -> None:
    for table in conn.info.pop(WROTE, ()):
        _writes[table] += 1  # what was computed while it was open may hold uncommitted rows


def writes(tables: Iterable[str]) -> int:
    """How many writes to ``tables``, and transactions that ended after writing to them, this
    process made (on every engine): a cache keyed by it never serves what was computed before
    a change made here. A login or an audit entry does not count for the status tables."""
    return sum(_writes[t] for t in (*tables, ANY))


def wrote_uncommitted(session: Session, tables: Iterable[str]) -> bool:
    """Whether ``session``'s open transaction has written to ``tables`` (its view of them is
    not yet everyone's)."""
    if not session.in_transaction():
        return False
    wrote = session.connection().info.get(WROTE, set())
    return bool(wrote & {*tables, ANY})


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
