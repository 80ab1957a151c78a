"""Data versions (``ecoplan.app.versions``): bumped by the transaction that writes, only when
it commits, for ORM flushes, ORM bulk statements and explicit bumps; not for logins."""

from __future__ import annotations

from sqlalchemy import select, update

from ecoplan.app import versions
from ecoplan.app.db import unit_of_work
from ecoplan.app.units.models import Unit

WATCHED = ("units", "users", "auth_sessions", "audit_entries")


def _versions(db) -> dict[str, int]:
    with unit_of_work(db) as s:
        return dict(zip(WATCHED, versions.read(s, WATCHED)))


def test_a_flush_bumps_the_tables_it_writes_once_per_commit(db, people):
    before = _versions(db)
    with unit_of_work(db) as s:
        unit = s.scalars(select(Unit).where(Unit.name == "武进区")).one()
        unit.name = "武进区（新）"
        s.flush()
        unit.aliases = ["武进"]
        s.flush()
    after = _versions(db)
    assert after["units"] == before["units"] + 1
    assert after["users"] == before["users"]


def test_bulk_statements_and_explicit_bumps_count(db, people):
    before = _versions(db)
    with unit_of_work(db) as s:
        s.execute(update(Unit).values(active=True))
    with unit_of_work(db) as s:
        versions.bump(s, ["users"])
    after = _versions(db)
    assert (after["units"], after["users"]) == (before["units"] + 1, before["users"] + 1)


def test_a_rollback_bumps_nothing_and_forgets_what_it_wrote(db, people):
    before = _versions(db)
    s = db()
    try:
        s.scalars(select(Unit)).first().name = "改名"
        s.flush()
        assert "units" in versions.touched(s)
        s.rollback()
        assert versions.touched(s) == set()
    finally:
        s.close()
    assert _versions(db) == before


def test_a_setting_to_the_same_value_is_no_write(db, people):
    before = _versions(db)
    with unit_of_work(db) as s:
        unit = s.scalars(select(Unit)).first()
        unit.name = unit.name
        assert versions.touched(s) == set()
    assert _versions(db) == before


def test_logins_do_not_bump(login_as, db):
    before = _versions(db)
    login_as("viewer").get("/")
    after = _versions(db)
    assert (after["auth_sessions"], after["audit_entries"]) == (0, 0)
    assert after["units"] == before["units"]
