"""Data versions: one counter per table, bumped in the transaction that writes the table.

Results computed from the database (the status overview) are kept under the versions of the
tables they read (:func:`read`), so every process and every host sees a change at its next
request: the counters live in the database (``data_versions``), not in a process.

One place bumps them: the events :func:`install` puts on the application's ``sessionmaker``.

- every ORM flush notes the tables of the rows it inserts, changes or deletes, and every
  ORM-enabled ``insert``/``update``/``delete`` statement run through the session notes its table;
- when the session commits, the noted tables' counters go up by one, in that same transaction
  (so a reader never sees the new rows under the old version), in name order (two writers
  never wait on each other's counters in opposite orders);
- a write the session cannot see (``text()`` SQL, a raw connection) calls :func:`bump` itself.

A model may name finer versions than its table: ``data_versions()`` on a row gives the names a
change of that row bumps, ``DATA_VERSIONS`` on the class every name (bumped by bulk statements).
Progress reports do so: a draft saved bumps ``progress_reports`` but not
``progress_reports.approved``, the only reports the status overview reads, so a month-end of
drafts does not make every overview be recomputed.

Tables written on nearly every request and read by no kept result (logins, the audit log,
attempt counters, leases) are not counted (:data:`UNVERSIONED`), so a login never makes the
overview recomputed.
"""

from __future__ import annotations

from itertools import chain
from typing import Callable, Iterable

from sqlalchemy import BigInteger, Engine, String, bindparam, event, inspect, select, text
from sqlalchemy.orm import Mapped, Session, mapped_column, sessionmaker

from ecoplan.app.db import Base

UNVERSIONED = frozenset({"data_versions", "auth_sessions", "audit_entries", "login_attempts",
                         "leases"})
TOUCHED = "ecoplan_touched"
BUMPED = "ecoplan_bumped"
COMMIT_LISTENERS: list[Callable[[set[str]], None]] = []
"""Called with the names a commit of this process bumped, once it is committed (the kept
responses, :mod:`ecoplan.app.serving.kept_responses`, stop trusting their stamp)."""
_UPSERT = text("INSERT INTO data_versions (name, version) VALUES (:name, 1) "
               "ON CONFLICT (name) DO UPDATE SET version = data_versions.version + 1")


class DataVersion(Base):
    """How many committed transactions have written the table ``name``."""

    __tablename__ = "data_versions"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger, nullable=False)


def bump(session: Session, tables: Iterable[str]) -> None:
    """Count a write to ``tables`` in ``session``'s transaction (for writes the session does
    not see: raw SQL). Bumped when the session commits, with the rest."""
    session.info.setdefault(TOUCHED, set()).update(tables)


def touched(session: Session) -> set[str]:
    """The tables ``session``'s open transaction has written or is about to (its pending
    changes): what it reads of them is not yet everyone's."""
    pending = _tables_of(session, chain(session.new, session.deleted,
                                        (o for o in session.dirty if session.is_modified(o))))
    return set(session.info.get(TOUCHED, ())) | pending


def read(session: Session, tables: Iterable[str]) -> tuple[int, ...]:
    """The versions of ``tables`` (in the order given; 0 for a table never written)."""
    names = tuple(tables)
    query = select(DataVersion.name, DataVersion.version).where(
        DataVersion.name.in_(bindparam("names", expanding=True)))
    found = dict(session.execute(query, {"names": list(names)}).all())
    return tuple(found.get(name, 0) for name in names)


def make_sessionmaker(engine: Engine, settings=None, info: dict | None = None) -> sessionmaker[Session]:
    """Sessions on ``engine`` whose writes bump the data versions (:func:`install`);
    ``settings`` (:class:`ecoplan.config.Settings`) ride along in ``session.info`` for code that
    needs them below a request (the secrets' key, :mod:`ecoplan.secretbox`), with ``info``."""
    carried = {**({"settings": settings} if settings is not None else {}), **(info or {})}
    factory = sessionmaker(bind=engine, expire_on_commit=False, info=carried or None)
    install(factory)
    return factory


def install(factory: sessionmaker[Session]) -> None:
    """Count the writes of every session ``factory`` makes (see the module's docstring)."""
    event.listen(factory, "before_flush", _before_flush)
    event.listen(factory, "do_orm_execute", _on_execute)
    event.listen(factory, "before_commit", _before_commit)
    event.listen(factory, "after_commit", _after_commit)
    event.listen(factory, "after_transaction_end", _after_transaction_end)


def _tables_of(session: Session, objects) -> set[str]:
    return {name for obj in objects for name in _names_of(obj)}


def _names_of(obj) -> tuple[str, ...]:
    finer = getattr(obj, "data_versions", None)
    return finer() if finer is not None else tuple(t.name for t in inspect(obj).mapper.tables)


def _before_flush(session: Session, _context, _instances) -> None:
    changed = (o for o in session.dirty if session.is_modified(o))
    bump(session, _tables_of(session, chain(session.new, session.deleted, changed)))


def _on_execute(state) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        mapper = state.bind_mapper
        names = getattr(mapper.class_, "DATA_VERSIONS", None) if mapper is not None else None
        table = getattr(state.statement, "table", None)
        bump(state.session, names or ([table.name] if getattr(table, "name", None) else []))


def _before_commit(session: Session) -> None:
    session.flush()  # the commit's own flush would come after this hook
    names = sorted(session.info.pop(TOUCHED, set()) - UNVERSIONED)
    for name in names:
        session.execute(_UPSERT, {"name": name})
    if names:
        session.info[BUMPED] = set(names)


def _after_commit(session: Session) -> None:
    names = session.info.pop(BUMPED, None)
    if names:
        for listener in COMMIT_LISTENERS:
            listener(names)


def _after_transaction_end(session: Session, transaction) -> None:
    if transaction.parent is None:  # the outermost transaction ended: committed or not
        session.info.pop(TOUCHED, None)
        session.info.pop(BUMPED, None)
