"""The Alembic migrations build exactly the schema the models describe, on both databases."""

from __future__ import annotations

from ecoplan.app.migrate import current_revision, head_revision
from ecoplan.app.models import schema_differences


def test_migrations_match_models(app):
    engine = app.state.engine
    assert current_revision(engine) == head_revision()
    assert schema_differences(engine) == []


def test_sqlite_runs_in_wal_mode(app, db_kind):
    if db_kind != "sqlite":
        return
    with app.state.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
