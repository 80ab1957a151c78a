"""Plan fixtures: a migrated database with units and one account per role (built once, copied
for each test), clients logged in per role, the hand-written mini plan and the published seed."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from ecoplan.app.auth.deps import SESSION_COOKIE
from ecoplan.app.auth.models import ROLES, User
from ecoplan.app.auth.service import start_session
from ecoplan.app.db import make_sessionmaker, unit_of_work
from ecoplan.app.main import create_app
from ecoplan.app.plans.demo import publish_seed_plan
from ecoplan.app.setup import prepare_database
from ecoplan.config import Settings
from ecoplan.demo.build import DemoReport, create_accounts, load_units

DATA = Path(__file__).parent / "data"
DB_NAME = "ecoplan.sqlite3"


def _build(folder: Path, *, with_seed: bool) -> Path:
    engine = prepare_database(Settings(data_dir=folder))
    with unit_of_work(make_sessionmaker(engine)) as session:
        report = DemoReport()
        load_units(session, report)
        create_accounts(session, report)
        if with_seed:
            publish_seed_plan(session, report)
    engine.dispose()
    return folder / DB_NAME


@pytest.fixture(scope="session")
def empty_db(tmp_path_factory) -> Path:
    """Units and the demo accounts (usernames are the role names), no plan."""
    return _build(tmp_path_factory.mktemp("plans-empty"), with_seed=False)


@pytest.fixture(scope="session")
def seeded_db(tmp_path_factory) -> Path:
    """As ``empty_db`` plus the seed plan, published as version 1."""
    return _build(tmp_path_factory.mktemp("plans-seeded"), with_seed=True)


@dataclass
class Env:
    settings: Settings
    app: object
    sessions: sessionmaker[Session]

    def session(self):
        return unit_of_work(self.sessions)

    def user(self, session: Session, role: str) -> User:
        return session.scalars(select(User).where(User.username == role)).one()

    def client(self, role: str | None) -> TestClient:
        """A client logged in as the demo account of ``role`` (None: anonymous)."""
        client = TestClient(self.app)
        if role is None:
            return client
        with self.session() as session:
            login = start_session(session, self.user(session, role))
            csrf = login.record.csrf_token
        client.cookies.set(SESSION_COOKIE, login.token)
        client.headers["X-CSRF-Token"] = csrf
        return client


def _env(db: Path, tmp_path: Path):
    shutil.copy(db, tmp_path / DB_NAME)
    settings = Settings(data_dir=tmp_path, max_upload_bytes=200_000)
    app = create_app(settings)
    yield Env(settings, app, app.state.sessionmaker)
    app.state.engine.dispose()


@pytest.fixture
def env(empty_db, tmp_path):
    yield from _env(empty_db, tmp_path)


@pytest.fixture
def seeded(seeded_db, tmp_path):
    yield from _env(seeded_db, tmp_path)


@pytest.fixture
def mini_plan() -> dict:
    """A hand-written ecoplan.plan/1 object: 2 tasks, 4 targets, an unknown unit, a warning;
    its texts are substrings of the seed document."""
    return json.loads((DATA / "mini_plan.json").read_text(encoding="utf-8"))


@pytest.fixture
def roles() -> tuple[str, ...]:
    return ROLES
