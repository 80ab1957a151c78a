"""0011_supervision keeps the records of supervision_actions as issued items, and new items
get fresh ids afterwards (the PostgreSQL sequence is moved past the copied ids)."""

from __future__ import annotations

import datetime as dt
import os
import uuid

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from ecoplan.app.db import make_engine
from ecoplan.app.migrate import upgrade

OLD = ("INSERT INTO supervision_actions (id, kind, subject, subject_ref, unit_id, title, content, "
       "deadline, proposal_key, created_by, created_at) VALUES (5, 'summons', 'unit', '武进区', NULL, "
       "'约谈武进区', '理由', :deadline, 'summons:grade:武进区:2023年', 'admin', :at)")


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request, tmp_path):
    if request.param == "sqlite":
        eng = make_engine(f"sqlite:///{tmp_path / 'm.sqlite3'}")
        yield eng
        eng.dispose()
        return
    base = os.environ.get("ECOPLAN_TEST_POSTGRES_URL")
    if not base:
        pytest.skip("PostgreSQL not configured (set ECOPLAN_TEST_POSTGRES_URL)")
    schema, admin = f"m_{uuid.uuid4().hex[:10]}", make_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    eng = make_engine(make_url(base).update_query_dict(
        {"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False))
    yield eng
    eng.dispose()
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


def test_old_records_become_issued_items(engine):
    upgrade(engine, "0006_seals")
    with engine.begin() as conn:
        conn.execute(text(OLD), {"deadline": dt.date(2023, 9, 30),
                                 "at": dt.datetime(2023, 7, 1, tzinfo=dt.timezone.utc)})
    upgrade(engine)
    with engine.begin() as conn:
        row = conn.execute(text("SELECT id, kind, basis, basis_ref, state, due, proposal_key, "
                                "issued_by FROM supervision_items")).one()
        assert tuple(row[:5]) + tuple(row[6:]) == (5, "summons", "unit", "武进区", "issued",
                                                   "summons:grade:武进区:2023年", "admin")
        assert str(row[5]) == "2023-09-30"  # SQLite hands the date back as text
        new_id = conn.execute(text(
            "INSERT INTO supervision_items (kind, title, content, basis, basis_ref, link, state, "
            "batch, doc_number, response, return_comment, extension_reason, reminders, issued_by, "
            "issued_at, version) VALUES ('assignment', 't', '', 'unit', '', '', 'issued', '', '', "
            "'', '', '', 0, 'a', :at, 1) RETURNING id"),
            {"at": dt.datetime(2023, 7, 2, tzinfo=dt.timezone.utc)}).scalar()
        assert new_id > 5
