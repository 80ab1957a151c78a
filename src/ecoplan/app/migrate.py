"""Bringing a database to the newest schema with Alembic (``ecoplan db upgrade``, ``serve``)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection, Engine

import ecoplan.migrations

SCRIPT_LOCATION = str(Path(ecoplan.migrations.__file__).parent)


def _config(connection, settings=None) -> Config:
    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    config.attributes["connection"] = connection
    config.attributes["settings"] = settings
    return config


@contextmanager
def migrating(engine: Engine) -> Iterator[Connection]:
    """One transaction to migrate in (commits at the end, or nothing is applied).

    On SQLite the references are not enforced inside it: a batch migration rebuilds a table
    (copy, ``DROP TABLE``, rename), and dropping one that rows refer to (``units``:
    ``0028_casc4``) would fail; they are checked once at the end instead (a broken one: nothing
    is applied) and enforced again on the connection afterwards."""
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:  # only outside a transaction does the pragma take effect
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.commit()
        try:
            with connection.begin():
                yield connection
                if sqlite:
                    _check_references(connection)
        finally:
            if sqlite:
                connection.exec_driver_sql("PRAGMA foreign_keys=ON")
                connection.commit()


def _check_references(connection: Connection) -> None:
    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
    if broken:
        tables = sorted({row[0] for row in broken})
        raise RuntimeError(f"migration left {len(broken)} broken references in {', '.join(tables)}")


def upgrade(engine: Engine, revision: str = "head", settings=None) -> None:
    """Apply every migration up to ``revision`` in one transaction; ``settings`` (the data
    dir, the secrets' key) for the migrations that change data with them (``0020_office``)."""
    with migrating(engine) as connection:
        command.upgrade(_config(connection, settings), revision)


def downgrade(engine: Engine, revision: str, settings=None) -> None:
    """Undo the migrations after ``revision``, in one transaction (see :func:`migrating`)."""
    with migrating(engine) as connection:
        command.downgrade(_config(connection, settings), revision)


def head_revision() -> str:
    """The newest migration shipped with ecoplan."""
    return ScriptDirectory(SCRIPT_LOCATION).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()
