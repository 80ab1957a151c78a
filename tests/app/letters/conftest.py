"""Fixtures of the cascade (letters, annual reports, funding): the gazetteer's units, the seed
plan published, the demo obligations (the districts' quotas) and the five hand-computed projects of ``tests/app/projects``."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from app_env import Env, seed_city

from ecoplan.app.db import unit_of_work
from ecoplan.app.obligations.demo import load_demo_obligations
from ecoplan.app.projects.importing import save
from ecoplan.demo.build import DemoReport
from ecoplan.plan.gazetteer import load_gazetteer

sys.path.insert(0, str(Path(__file__).parents[1] / "projects"))
from projects_data import PROJECTS  # noqa: E402


@pytest.fixture(scope="session")
def gazetteer():
    return load_gazetteer()


@pytest.fixture
def seeded(app, settings, db, people, login_as, gazetteer) -> Env:
    seed_city(db, gazetteer)
    with unit_of_work(db) as session:
        load_demo_obligations(session, DemoReport())
        for values in PROJECTS:
            save(session, dict(values), actor="test")
    return Env(settings, app, db, login_as)
