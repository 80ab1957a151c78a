"""Status fixtures on top of the app fixtures (``tests/app/conftest.py``): the gazetteer's
units, the seed plan published, statuses evaluated on 2023-07-10 (June reports due 07-05);
``monitoring``: the demo's labelled synthetic monitoring data, built once per session."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from ecoplan.app.auth.models import User
from ecoplan.app.db import unit_of_work
from ecoplan.app.plans.demo import publish_seed_plan
from ecoplan.app.progress import service as progress
from ecoplan.app.progress import todo
from ecoplan.app.status.models import StatusSettings
from ecoplan.app.units.models import Unit
from ecoplan.app.units.service import load_gazetteer_units
from ecoplan.demo.build import DemoReport
from ecoplan.plan.gazetteer import load_gazetteer

AS_OF = dt.date(2023, 7, 10)


@dataclass
class Env:
    app: object
    sessions: sessionmaker[Session]
    login_as: object

    def session(self):
        return unit_of_work(self.sessions)

    def client(self, role: str | None):
        """A TestClient logged in as the user of ``role`` (None: anonymous)."""
        return self.login_as(role)

    def user(self, session: Session, role: str) -> User:
        return session.scalars(select(User).where(User.username == role)).one()

    def unit(self, session: Session, name: str) -> Unit:
        return session.scalars(select(Unit).where(Unit.name == name)).one()

    def item(self, session: Session, number: str, kind: str = "task", unit: str = "市生态环境局",
             nth: int = 0):
        items = todo.items_for(todo.published(session), self.unit(session, unit))
        return [i for i in items if i.number == number and i.kind == kind][nth]

    def report(self, number: str, *, kind: str = "task", period: str = "2023-06",
               approve: bool = True, unit: str = "市生态环境局", nth: int = 0, **values):
        """A report by ``unit`` on the ``nth`` ``kind`` item of task ``number``: saved,
        submitted and (by default) approved, like the pages do it."""
        with self.session() as s:
            item = self.item(s, number, kind, unit, nth)
            plan_id = todo.published(s).plan_id
            report = progress.save_report(
                s, actor=self.user(s, "reporter"), plan_id=plan_id,
                unit_id=self.unit(s, unit).id, item=item, period=period,
                values={"narrative": "推进中", **values})
            progress.submit(s, actor=self.user(s, "reporter"), report=report)
            if approve:
                progress.approve(s, actor=self.user(s, "leader"), report=report)
            return report.id


@pytest.fixture(scope="session")
def gazetteer():
    return load_gazetteer()


@pytest.fixture
def seeded(app, db, people, login_as, gazetteer) -> Env:
    with unit_of_work(db) as session:
        load_gazetteer_units(session, gazetteer)
        publish_seed_plan(session, DemoReport())
        session.add(StatusSettings(lag_points=10.0, severe_points=25.0, pace_mode="milestones",
                                   as_of=AS_OF, version=1))
    return Env(app, db, login_as)
