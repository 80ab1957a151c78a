"""Kept responses (issue #11): /status and /public answered on the event loop while nothing
they show changed; an ended login, or data changed by another process, stops that."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import warnings
from datetime import datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import select

from ecoplan.app.auth.models import ENDED, AuthSession, User
from ecoplan.app.auth.service import (SessionPolicy, end_session, fresh_until, start_session,
                                      touch_session)
from ecoplan.app.db import make_engine, unit_of_work
from ecoplan.app.serving.kept_responses import Stamp
from ecoplan.config import Settings

warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
from fastapi.testclient import TestClient  # noqa: E402

SRC = Path(__file__).resolve().parents[2] / "src"


def _token(app, username: str = "viewer") -> str:
    with unit_of_work(app.state.sessionmaker) as session:
        user = session.scalars(select(User).where(User.username == username)).one()
        return start_session(session, user).token


def _counts(app) -> dict:
    return dict(app.state.stamp.counts)


def _get(client, path: str):
    """``client.get(path)`` with the stamp just read (its thread reads it every 0.25 s, but a
    busy test machine may let it go stale, and then nothing is answered kept)."""
    client.app.state.stamp.poll()
    return client.get(path)


def _other_process(data_dir: Path, code: str) -> None:
    """``code`` run by a separate Python process on the same database (``session``: its own
    ORM session, committed at the end): what another worker or host would do."""
    script = ("from sqlalchemy import select, update\n"
              "from ecoplan.app.db import make_engine, unit_of_work\n"
              "from ecoplan.app.versions import make_sessionmaker\n"
              f"engine = make_engine('sqlite:///{data_dir / 'ecoplan.sqlite3'}')\n"
              "with unit_of_work(make_sessionmaker(engine)) as session:\n"
              + "".join(f"    {line}\n" for line in code.splitlines()))
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    subprocess.run([sys.executable, "-c", script], check=True, env=env, timeout=120)


def test_logout_in_another_process_ends_the_kept_overview(demo_app):
    token = _token(demo_app)
    with TestClient(demo_app, follow_redirects=False) as client:
        client.cookies.set("ecoplan_session", token)
        first, second = _get(client, "/status"), _get(client, "/status")
        assert first.status_code == second.status_code == 200 and first.text == second.text
        assert _counts(demo_app).get("kept") == 1, _counts(demo_app)
        _other_process(demo_app.state.settings.data_dir,
                       "from ecoplan.app.auth.service import end_session\n"
                       f"end_session(session, {token!r})")
        demo_app.state.stamp.poll()  # what the process's thread does every 0.25 s
        after = client.get("/status")
    assert after.status_code in (303, 307) and "/login" in after.headers["location"]
    assert _counts(demo_app).get("kept") == 1


def test_logout_in_the_same_process_ends_it_at_once(demo_app):
    token = _token(demo_app)
    with TestClient(demo_app, follow_redirects=False) as client:
        client.cookies.set("ecoplan_session", token)
        _get(client, "/status")
        assert _get(client, "/status").status_code == 200
        assert _counts(demo_app).get("kept") == 1, _counts(demo_app)
        with unit_of_work(demo_app.state.sessionmaker) as session:
            end_session(session, token)
        after = client.get("/status")  # no poll: the commit marked the stamp
    assert after.status_code in (303, 307)


def test_a_change_in_another_process_reaches_the_kept_public_page(demo_app):
    with TestClient(demo_app) as client:
        first = _get(client, "/public")
        token = client.cookies.get("ecoplan_csrf")
        assert token and token in first.text
        assert _get(client, "/public").text == first.text
        assert _counts(demo_app).get("kept") == 1, _counts(demo_app)
        _other_process(demo_app.state.settings.data_dir,
                       "from ecoplan.app.plans.models import Plan\n"
                       "plan = session.scalars(select(Plan)).first()\n"
                       "plan.title = plan.title + '（修订）'")
        demo_app.state.stamp.poll()
        page = client.get("/public")  # nobody computing the new page: this request computes it
    assert "（修订）" in page.text
    assert _counts(demo_app).get("changed", 0) >= 1 and "previous" not in _counts(demo_app)


def test_each_anonymous_visitor_sees_their_own_csrf_token(demo_app):
    with TestClient(demo_app) as one, TestClient(demo_app) as other:
        _get(one, "/public")
        kept = _get(one, "/public")
        fresh = _get(other, "/public")  # no cookie yet: answered kept, with a cookie of its own
        assert _counts(demo_app).get("kept") == 2, _counts(demo_app)
        mine, theirs = one.cookies.get("ecoplan_csrf"), other.cookies.get("ecoplan_csrf")
    assert mine and theirs and mine != theirs
    assert mine in kept.text and theirs in fresh.text and mine not in fresh.text
    assert "HttpOnly" in fresh.headers["set-cookie"] and "SameSite=lax" in fresh.headers["set-cookie"]


def test_a_flash_message_or_a_write_takes_the_normal_path(demo_app):
    token = _token(demo_app)
    with TestClient(demo_app, follow_redirects=False) as client:
        client.cookies.set("ecoplan_session", token)
        _get(client, "/status")
        client.cookies.set("ecoplan_flash", "%5B%5D")
        _get(client, "/status")
        assert "kept" not in _counts(demo_app)
        client.cookies.delete("ecoplan_flash")
        with unit_of_work(demo_app.state.sessionmaker) as session:  # a unit renamed here
            from ecoplan.app.units.models import Unit

            unit = session.scalars(select(Unit)).first()
            unit.name = unit.name + "甲"
        client.get("/status")
    assert "kept" not in _counts(demo_app)


def test_switched_off(tmp_path, demo_template):
    from ecoplan.app.main import create_app

    shutil.copytree(demo_template, tmp_path / "d")
    application = create_app(Settings(data_dir=tmp_path / "d", kept_responses=False))
    with TestClient(application) as client:
        assert client.get("/public").status_code == client.get("/public").status_code == 200
    assert _counts(application) == {}
    application.state.engine.dispose()


def test_ending_a_login_bumps_its_version_and_a_touch_does_not(db, settings, people):
    """On SQLite and PostgreSQL: what the stamp of every process reads."""
    other = make_engine(settings.effective_database_url)
    stamp = Stamp(other, lambda: 0, lambda: None)
    try:
        with unit_of_work(db) as s:
            login = start_session(s, s.get(User, people["viewer"]))
        stamp.poll()
        before = stamp.current()
        policy = SessionPolicy(idle=timedelta(minutes=120))
        with unit_of_work(db) as s:
            row = s.scalars(select(AuthSession)).one()
            row.expires_at = row.expires_at - timedelta(minutes=60)  # the next use touches it
        with unit_of_work(db) as s:
            touch_session(db, s.scalars(select(AuthSession)).one(), policy)
        stamp.poll()
        assert stamp.current()[0] == before[0]
        with unit_of_work(db) as s:
            end_session(s, login.token)
        stamp.poll()
        assert stamp.current()[0] != before[0]
        with unit_of_work(db) as s:
            from ecoplan.app.versions import read

            assert read(s, [ENDED]) == (1,)
    finally:
        other.dispose()


def test_fresh_until_is_when_a_touch_would_write():
    policy = SessionPolicy(idle=timedelta(minutes=120), absolute=timedelta(hours=12))
    start = datetime(2026, 1, 1, tzinfo=timezone.utc)

    class Row:
        created_at = start
        expires_at = start + timedelta(minutes=120)

    assert fresh_until(Row, policy) == start + timedelta(minutes=6)  # 120/20 minutes later
    Row.expires_at = start + timedelta(hours=12)  # at its absolute end: never touched again
    assert fresh_until(Row, policy) == start + timedelta(hours=12)


def test_a_commit_here_reads_the_stamp_again_at_once(db, settings, people):
    """On SQLite and PostgreSQL. A commit in this process that changes what the pages show
    leaves the stamp trusted, with the new versions, without waiting for the thread's next read:
    while it waited, every request for the kept pages took the normal path and none was kept
    (at 50 clients each approval queued them one behind another)."""
    other = make_engine(settings.effective_database_url)
    stamp = Stamp(other, lambda: 0, lambda: None)
    try:
        stamp.poll()
        before = stamp.current()
        with unit_of_work(db) as s:  # a unit renamed: what the overview shows
            from ecoplan.app.units.models import Unit

            unit = s.scalars(select(Unit)).first()
            unit.name = unit.name + "甲"
        after = stamp.current()  # no poll
        assert after is not None and after[1] is not None
        assert after[0] == before[0] and after[1] != before[1]
        with unit_of_work(db) as s:  # logins: the same
            end_session(s, start_session(s, s.get(User, people["viewer"])).token)
        ended = stamp.current()
        assert ended is not None and ended[1] is not None and ended[0] != after[0]
    finally:
        other.dispose()


def test_a_commit_here_computes_the_new_overview_before_it_answers(demo_app, monkeypatch):
    """The committing thread computes the overview of the new versions (``factory.rewarm``),
    so the next /status or /public only renders; a draft saved computes nothing."""
    from ecoplan.app.serving.factory import start_rewarming
    from ecoplan.app.status import dashboard
    from ecoplan.app.status.views import today
    from ecoplan.app.status.environment import store_for
    from ecoplan.app.units.models import Unit
    from ecoplan.app.versions import bump

    computed = []
    real = dashboard._overview
    monkeypatch.setattr(dashboard, "_overview", lambda *a: computed.append(1) or real(*a))
    store = store_for(demo_app.state.settings.data_dir)

    def overview() -> dict:  # what /status asks
        with unit_of_work(demo_app.state.sessionmaker) as session:
            return dashboard.overview(session, store=store, today=today())

    row = overview()["units"][0]
    stop = start_rewarming(demo_app)
    try:
        with unit_of_work(demo_app.state.sessionmaker) as session:  # a draft: nothing to do
            bump(session, ["progress_reports"])
        assert computed == [1]
        with unit_of_work(demo_app.state.sessionmaker) as session:  # a unit renamed
            unit = session.get(Unit, row["unit_id"])
            unit.name = name = unit.name + "甲"
        assert computed == [1, 1]
        data = overview()
        assert computed == [1, 1], "computed again"
        assert name in [u["name"] for u in data["units"]]
    finally:
        stop()
