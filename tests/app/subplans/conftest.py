"""Sub-plan fixtures: the app with the gazetteer's units and the seed plan published
(``seeded``), and the synthetic 武进区 sub-plan's bytes."""

from __future__ import annotations

import pytest
from app_env import Env, seed_city

from ecoplan.app.subplans.demo import SOURCE
from ecoplan.plan.gazetteer import load_gazetteer


@pytest.fixture(scope="session")
def gazetteer():
    return load_gazetteer()


@pytest.fixture
def seeded(app, settings, db, people, login_as, gazetteer) -> Env:
    """Every unit of the gazetteer, one user per role, the seed plan published as version 1."""
    seed_city(db, gazetteer)
    return Env(settings, app, db, login_as)


@pytest.fixture(scope="session")
def wujin() -> bytes:
    return SOURCE.read_bytes()
