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


DB_TIMEOUT_S = 10
"""Longest wait for the database: a pooled connection, SQLite's write lock, a PostgreSQL
connection or lock. Past it the request fails (the web application answers 503)."""


def make_engine(url: str, *, pool_size: int = 5, max_overflow: int = 10,
                timeout: float = DB_TIMEOUT_S) -> Engine:
    """An engine for ``url`` whose pool holds ``pool_size`` (+ ``max_overflow``) connections
    and whose every wait ends after ``timeout`` seconds; SQLite gets WAL, foreign keys and a
    busy timeout."""
    pool = {"pool_size": pool_size, "max_overflow": max_overflow, "pool_timeout": timeout}
    if url.startswith("sqlite"):
        return _sqlite_engine(url, pool, timeout)
    engine = create_engine(url, pool_pre_ping=True, **pool,
                           connect_args={"connect_timeout": max(1, int(timeout))})

    @event.listens_for(engine, "connect")
    def _lock_timeout(dbapi_conn, _record) -> None:
        with dbapi_conn.cursor() as cur:  # the URL's own options (a search_path) stay
            cur.execute(f"SET lock_timeout = {int(timeout * 1000)}")
        dbapi_conn.commit()

    return engine


def _sqlite_engine(url: str, pool: dict, timeout: float) -> Engine:
    if ":memory:" in url or url in ("sqlite://", "sqlite:///"):
        pool = {}  # an in-memory database lives in one connection (SingletonThreadPool)
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": timeout},
                           **pool)

    @event.listens_for(engine, "connect")
    def _sqlite_pragmas(dbapi_conn, _record) -> None:
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    return engine


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
