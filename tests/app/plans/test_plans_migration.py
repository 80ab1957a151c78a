"""Alembic 0002_plans matches the plan models and can be undone and redone."""

from __future__ import annotations

from sqlalchemy import inspect

from ecoplan.app.db import make_engine
from ecoplan.app.migrate import current_revision, downgrade, upgrade
from ecoplan.app.models import schema_differences

PLAN_TABLES = {"plans", "plan_sources", "plan_versions", "plan_sections", "plan_tasks",
               "plan_targets", "plan_responsibilities", "plan_deadlines"}


def test_migrations_match_the_models_and_downgrade(db_url):
    engine = make_engine(db_url)
    try:
        assert current_revision(engine) is not None
        assert schema_differences(engine) == []
        downgrade(engine, "0001_core")
        assert not PLAN_TABLES & set(inspect(engine).get_table_names())
        upgrade(engine)
        assert PLAN_TABLES <= set(inspect(engine).get_table_names())
    finally:
        engine.dispose()
