"""``Env``: the app under test with its settings, sessions and logged-in clients, shared by the
feature fixtures (``plans/conftest.py``, ``progress/conftest.py``) that build on the app
fixtures of ``tests/app/conftest.py``."""

from __future__ import annotations

import io

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from ecoplan.app.auth.models import User
from ecoplan.app.db import unit_of_work
from ecoplan.app.progress import todo
from ecoplan.app.units.models import Unit
from ecoplan.config import Settings


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

    def client(self, role: str | None):
        """A TestClient logged in as the user of ``role`` (None: anonymous)."""
        return self.login_as(role)

    def items(self, session: Session, unit_name: str) -> list[todo.TodoItem]:
        """The to-do items of the unit named ``unit_name`` in the published plan."""
        return todo.items_for(todo.published(session), self.unit(session, unit_name))


def seed_city(sessions, gazetteer) -> None:
    """Every unit of the gazetteer and the seed plan published as version 1."""
    from ecoplan.app.plans.demo import publish_seed_plan
    from ecoplan.app.units.service import load_gazetteer_units
    from ecoplan.demo.build import DemoReport

    with unit_of_work(sessions) as session:
        load_gazetteer_units(session, gazetteer)
        publish_seed_plan(session, DemoReport())


def docx_text(data: bytes) -> str:
    """A .docx's paragraphs, then its table cells, one a line (python-docx)."""
    from docx import Document

    doc = Document(io.BytesIO(data))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)
