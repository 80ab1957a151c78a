"""Progress fixtures on top of the app fixtures (``tests/app/conftest.py``: SQLite and
PostgreSQL, one user per role): the gazetteer's units and the seed plan published."""

from __future__ import annotations

import pytest
from app_env import Env

from ecoplan.app.auth.models import User
from ecoplan.app.db import unit_of_work
from ecoplan.app.plans.demo import publish_seed_plan
from ecoplan.app.progress import todo
from ecoplan.app.units.service import load_gazetteer_units
from ecoplan.demo.build import DemoReport
from ecoplan.plan.gazetteer import load_gazetteer


@pytest.fixture(scope="session")
def gazetteer():
    return load_gazetteer()


@pytest.fixture
def seeded(settings, app, db, people, login_as, gazetteer) -> Env:
    """The app with every unit of the gazetteer, one user per role, the seed plan published."""
    with unit_of_work(db) as session:
        load_gazetteer_units(session, gazetteer)
        publish_seed_plan(session, DemoReport())
        app.state.task3 = next(t.uid for t in todo.published(session).tasks if t.number == "3")
    return Env(settings, app, db, login_as)


@pytest.fixture
def other_reporter(seeded, password_hash):
    """``login_as``-like: a TestClient for a reporter of 市工业和信息化局 (cooperating on task 3)."""
    from ecoplan.app.auth.service import start_session

    with seeded.session() as session:
        user = User(username="gxj", display_name="工信局填报员", password_hash=password_hash,
                    role="reporter", unit=seeded.unit(session, "市工业和信息化局"), active=True,
                    failed_logins=0, version=1)
        session.add(user)
        session.flush()
        login = start_session(session, user)
    client = seeded.login_as(None)
    client.cookies.set("ecoplan_session", login.token)
    client.headers["X-CSRF-Token"] = login.record.csrf_token
    return client
