"""Sub-plan fixtures: the app with the gazetteer's units and the seed plan published
(``seeded``), and the synthetic 武进区 sub-plan's bytes."""

from __future__ import annotations

import pytest
from app_env import Env

from ecoplan.app.db import unit_of_work
from ecoplan.app.plans.demo import publish_seed_plan
from ecoplan.app.subplans.demo import SOURCE
from ecoplan.app.units.service import load_gazetteer_units
from ecoplan.demo.build import DemoReport
from ecoplan.plan.gazetteer import load_gazetteer


@pytest.fixture(scope="session")
def gazetteer():
    return load_gazetteer()


@pytest.fixture
def seeded(app, settings, db, people, login_as, gazetteer) -> Env:
    """Every unit of the gazetteer, one user per role, the seed plan published as version 1."""
    with unit_of_work(db) as session:
        load_gazetteer_units(session, gazetteer)
        publish_seed_plan(session, DemoReport())
    return Env(settings, app, db, login_as)


@pytest.fixture(scope="session")
def wujin() -> bytes:
    return SOURCE.read_bytes()
