"""The watch on raw SQL writes (rawwrites.py, on in every app test) catches a write to a table
the kept results read that does not bump its data version, and lets a bumped one pass."""

from __future__ import annotations

from sqlalchemy import insert, select, text

from ecoplan.app import versions
from ecoplan.app.db import unit_of_work
from ecoplan.app.status import freshness
from ecoplan.app.units.models import Unit
import pytest
from rawwrites import watched_tables


@pytest.fixture
def watch(raw_writes_bump_versions):
    """The watch every app test runs under; what these tests provoke is taken off its list."""
    raw_writes_bump_versions.findings.clear()
    yield raw_writes_bump_versions
    raw_writes_bump_versions.findings.clear()


def test_the_watched_tables_are_those_the_kept_results_read():
    assert {"units", "plan_tasks", "plan_targets", "progress_reports", "status_settings"} <= watched_tables()
    assert watched_tables() == {t.split(".")[0] for t in freshness.TABLES}


def test_a_text_write_without_a_bump_is_caught(app, db, watch):
    with unit_of_work(db) as session:
        session.execute(text("INSERT INTO units (name, kind, active, aliases, version) "
                             "VALUES ('临时单位', 'department', true, '[]', 1)"))
    assert watch.findings == ["units written without versions.bump()"]


def test_a_text_write_with_its_bump_passes(app, db, watch):
    with unit_of_work(db) as session:
        session.execute(text("UPDATE units SET active = false WHERE name = '无此单位'"))
        versions.bump(session, ["units"])
    assert watch.findings == []


def test_a_driver_sql_write_on_a_raw_connection_is_caught(app, watch):
    with app.state.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM plan_tasks WHERE id < 0")
    assert watch.findings == ["plan_tasks written without versions.bump()"]


def test_a_core_statement_on_a_raw_connection_is_caught_and_orm_writes_pass(app, db, watch):
    with app.state.engine.begin() as conn:
        conn.execute(insert(Unit.__table__).values(name="甲", kind="department", active=True,
                                                   aliases=[], version=1))
    with unit_of_work(db) as session:
        session.add(Unit(name="乙", kind="department"))
    with unit_of_work(db) as session:  # a write the kept results do not read
        session.execute(text("DELETE FROM audit_entries WHERE id < 0"))
    assert watch.findings == ["units written without versions.bump()"]


def test_a_rolled_back_write_is_not_a_finding(app, db, watch):
    try:
        with unit_of_work(db) as session:
            session.execute(text("DELETE FROM plan_targets WHERE id < 0"))
            raise RuntimeError("abandoned")
    except RuntimeError:
        pass
    with unit_of_work(db) as session:
        session.scalars(select(Unit)).all()
    assert watch.findings == []
