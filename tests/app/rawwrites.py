"""A watch on every database write: a transaction that writes a table the kept results read
(:data:`ecoplan.app.status.freshness.TABLES`) must bump that table's data version in the same
transaction (:mod:`ecoplan.app.versions`), or another process keeps showing what it computed
before the write.

ORM writes through the app's sessions bump by themselves; a ``text()`` or ``exec_driver_sql``
INSERT/UPDATE/DELETE, or a Core statement on a raw connection, must call ``versions.bump()``.
The watch sees the SQL every connection sends (``before_cursor_execute``): the tables written,
and the ``data_versions`` upserts (the bumps); when the transaction commits, a watched table
written without a bump of its name (or one of its finer names, ``progress_reports.approved``)
is a finding. Migrations (a transaction that writes ``alembic_version``) are not counted: they
run before any server keeps anything.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import event
from sqlalchemy.engine import Engine

WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+(?:"?\w+"?\.)?"?(\w+)"?',
                   re.IGNORECASE)
STATE = "ecoplan_raw_writes"


def watched_tables() -> frozenset[str]:
    from ecoplan.app.status.freshness import TABLES

    return frozenset(name.split(".")[0] for name in TABLES)


@dataclass
class RawWriteWatch:
    """Listens on ``target`` (an engine, or the ``Engine`` class: every engine)."""

    target: object = Engine
    tables: frozenset[str] = field(default_factory=watched_tables)
    findings: list[str] = field(default_factory=list)

    def __enter__(self) -> "RawWriteWatch":
        event.listen(self.target, "before_cursor_execute", self._sql)
        event.listen(self.target, "commit", self._commit)
        event.listen(self.target, "rollback", self._forget)
        return self

    def __exit__(self, *_exc) -> None:
        event.remove(self.target, "before_cursor_execute", self._sql)
        event.remove(self.target, "commit", self._commit)
        event.remove(self.target, "rollback", self._forget)

    def _sql(self, conn, _cursor, statement: str, parameters, _context, executemany) -> None:
        match = WRITE.match(statement)
        if match is None:
            return
        table = match.group(1).lower()
        written, bumped = conn.info.setdefault(STATE, (set(), set()))
        if table == "data_versions":
            bumped.update(_names(parameters, executemany))
        else:
            written.add(table)

    def _commit(self, conn) -> None:
        written, bumped = conn.info.pop(STATE, (set(), set()))
        if "alembic_version" in written:
            return
        for table in sorted(written & self.tables):
            if not any(n == table or n.startswith(table + ".") for n in bumped):
                self.findings.append(f"{table} written without versions.bump()")

    def _forget(self, conn) -> None:
        conn.info.pop(STATE, None)


def _names(parameters, executemany: bool) -> Iterable[str]:
    rows = parameters if executemany else [parameters]
    for row in rows:
        if isinstance(row, dict):
            yield from (v for v in row.values() if isinstance(v, str))
        elif isinstance(row, (tuple, list)):
            yield from (v for v in row if isinstance(v, str))
