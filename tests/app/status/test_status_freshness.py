"""The overview is kept per database version: every kind of change shows on the next request.

A change made through the services, an attribute set without bumping a row version, a change
made through another engine (as another process would: nothing shared in memory), and raw SQL
that bumps the version itself must all be seen; a session with uncommitted changes sees its own
and keeps nothing. (Two real server processes: ``tests/app/test_processes.py``.)
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, text

from ecoplan.app import versions
from ecoplan.app.db import make_engine, unit_of_work
from ecoplan.app.versions import make_sessionmaker
from ecoplan.app.progress.models import ProgressReport
from ecoplan.app.status import dashboard, freshness
from ecoplan.app.status import settings as status_settings
from ecoplan.app.status.environment import store_for

TODAY = dt.date(2026, 1, 1)
TASK6 = "6"  # 强化生态环境分区管控: 市生态环境局 leads; no targets


def _overview(env, session=None):
    store = store_for(env.app.state.settings.data_dir)
    if session is not None:
        return dashboard.overview(session, store=store, today=TODAY)
    with env.session() as s:
        return dashboard.overview(s, store=store, today=TODAY)


def _task6(data) -> str:
    return next(t for t in data["tasks"] if t["number"] == TASK6)["status"]["code"]


def test_kept_between_requests_until_a_report_is_approved(seeded):
    first = _overview(seeded)
    assert _overview(seeded) is first  # kept: computed once
    seeded.report(TASK6)
    after = _overview(seeded)
    assert after is not first
    assert (_task6(first), _task6(after)) == ("missing", "on_pace")


def test_an_edit_without_a_version_bump_is_seen(seeded):
    first = _overview(seeded)
    with seeded.session() as s:
        status_settings.current(s).as_of = dt.date(2023, 2, 3)  # nothing due yet then
    assert first["period_due"] == "2023-06" and _overview(seeded)["period_due"] is None


def test_a_write_through_another_engine_is_seen(seeded):
    seeded.report(TASK6, approve=False)
    first = _overview(seeded)
    other = make_engine(seeded.app.state.engine.url.render_as_string(hide_password=False))
    try:
        with unit_of_work(make_sessionmaker(other)) as s:
            s.scalars(select(ProgressReport)).one().state = "approved"
    finally:
        other.dispose()
    assert (_task6(first), _task6(_overview(seeded))) == ("missing", "on_pace")


def test_raw_sql_is_seen_when_it_bumps_the_version(seeded):
    seeded.report(TASK6, approve=False)
    first = _overview(seeded)
    with seeded.session() as s:
        s.execute(text("UPDATE progress_reports SET state = 'approved', version = version + 1"))
        versions.bump(s, ProgressReport.DATA_VERSIONS)
    assert (_task6(first), _task6(_overview(seeded))) == ("missing", "on_pace")


def test_the_version_moves_with_approvals_not_drafts(seeded):
    with seeded.session() as s:
        before = freshness.db_key(s)
    seeded.report(TASK6, approve=False)  # saved and submitted: nothing the statuses read
    with seeded.session() as s:
        assert freshness.db_key(s) == before
    seeded.report(TASK6, kind="task", period="2023-05")
    with seeded.session() as s:
        assert freshness.db_key(s) != before


def test_uncommitted_changes_are_seen_by_their_session_and_not_kept(seeded):
    seeded.report(TASK6, approve=False)
    kept = _overview(seeded)
    with seeded.session() as s:
        report = s.scalars(select(ProgressReport)).one()
        report.state = "approved"
        mine = _overview(seeded, s)
        assert freshness.uncommitted(s) and _task6(mine) == "on_pace"
        s.rollback()
    assert _overview(seeded) == kept and _task6(_overview(seeded)) == "missing"


def test_a_login_keeps_the_overview(seeded):
    first = _overview(seeded)
    seeded.client("viewer").get("/")  # a session row written: statuses read no such table
    assert _overview(seeded) is first


def test_unit_view_and_public_follow_the_overview(seeded):
    store = store_for(seeded.app.state.settings.data_dir)
    with seeded.session() as s:
        unit = seeded.unit(s, "市生态环境局")
        before = dashboard.unit_view(s, store=store, today=TODAY, unit=unit)
        public = dashboard.public(s, store=store, today=TODAY)
    seeded.report(TASK6)
    with seeded.session() as s:
        after = dashboard.unit_view(s, store=store, today=TODAY, unit=unit)
        assert dashboard.public(s, store=store, today=TODAY) != public
    assert after["u"]["reported"] == before["u"]["reported"] + 1
