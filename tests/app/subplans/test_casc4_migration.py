"""0028_casc4 on a database with data (SQLite rebuilds ``units``, which users, sub-plans and
reports refer to): nothing breaks, references are enforced again afterwards, and an existing
sub-plan's written units are mapped as the report-time name matching found them."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import text

from ecoplan.app.db import make_engine
from ecoplan.app.migrate import upgrade

AT = dt.datetime(2023, 6, 1, tzinfo=dt.timezone.utc)
ROWS = (
    "INSERT INTO units (id, name, kind, aliases, active, version) VALUES "
    "(1, '武进区', 'district', '[]', true, 1), (2, '武进区工业和信息化局', 'department', '[]', true, 1)",
    "INSERT INTO users (id, username, display_name, password_hash, role, unit_id, active, "
    "failed_logins, version) VALUES (1, 'wj', '武进区用户', 'x', 'district', 1, true, 0, 1)",
    "INSERT INTO plans (id, region, year, title, created_at) VALUES (1, '常州市', 2023, '方案', :at)",
    "INSERT INTO subplans (id, unit_id, plan_id, title, state, file_name, text, warnings, synthetic, "
    "created_at, updated_at) VALUES (1, 1, 1, '武进区计划', 'published', '', '', '[]', false, :at, :at)",
    "INSERT INTO subplan_items (id, subplan_id, kind, number, title, text, units, position, confirmed, "
    "status, note, updated_at) VALUES (1, 1, 'task', '1', '绿色制造', '', "
    "'[\"区工业和信息化局\", \"湖塘镇\"]', 0, true, 'not_started', '', :at)",
)


def test_existing_units_and_subplans_survive(tmp_path, raw_writes_bump_versions):
    engine = make_engine(f"sqlite:///{tmp_path / 'm.sqlite3'}")
    upgrade(engine, "0027_cascade4")
    with engine.begin() as conn:
        for statement in ROWS:
            conn.execute(text(statement), {"at": AT})
    raw_writes_bump_versions.findings.clear()  # an old deployment's rows, before any server ran
    upgrade(engine)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
        assert conn.exec_driver_sql("SELECT unit_id FROM users").scalar() == 1
        links = conn.exec_driver_sql(
            "SELECT name, unit_id, decided FROM subplan_units ORDER BY id").all()
    assert [tuple(r) for r in links] == [("区工业和信息化局", 2, 1), ("湖塘镇", None, 0)]
    engine.dispose()
