"""Progress fixtures on top of the app fixtures (``tests/app/conftest.py``: SQLite and
PostgreSQL, one user per role): the gazetteer's units and the seed plan published."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from ecoplan.app.auth.models import User
from ecoplan.app.db import unit_of_work
from ecoplan.app.plans.demo import publish_seed_plan
from ecoplan.app.progress import todo
from ecoplan.app.units.models import Unit
from ecoplan.app.units.service import load_gazetteer_units
from ecoplan.config import Settings
from ecoplan.demo.build import DemoReport
from ecoplan.plan.gazetteer import load_gazetteer


@dataclass
class Env:
    settings: Settings
    app: object
    sessions: sessionmaker[Session]
    login_as: object

    def session(self):
        """One transaction, committed at the end like a request."""
        return unit_of_work(self.sessions)

    def user(self, session: Session, role: str) -> User:
        return session.scalars(select(User).where(User.username == role)).one()

    def unit(self, session: Session, name: str) -> Unit:
        return session.scalars(select(Unit).where(Unit.name == name)).one()

    def items(self, session: Session, unit_name: str) -> list[todo.TodoItem]:
        return todo.items_for(todo.published(session), self.unit(session, unit_name))


@pytest.fixture(scope="session")
def gazetteer():
    return load_gazetteer()


@pytest.fixture
def seeded(settings, app, db, people, login_as, gazetteer) -> Env:
    """The app with every unit of the gazetteer, one user per role, the seed plan published."""
    with unit_of_work(db) as session:
        load_gazetteer_units(session, gazetteer)
        publish_seed_plan(session, DemoReport())
    return Env(settings, app, db, login_as)
