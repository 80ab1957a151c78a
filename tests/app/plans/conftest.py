"""Plan fixtures on top of the app fixtures (``tests/app/conftest.py``: SQLite and PostgreSQL,
one user per role): the gazetteer's units, the hand-written mini plan, the published seed."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from app_env import Env

from ecoplan.app.db import unit_of_work
from ecoplan.app.plans.demo import publish_seed_plan
from ecoplan.app.units.service import load_gazetteer_units
from ecoplan.demo.build import DemoReport
from ecoplan.plan.gazetteer import load_gazetteer

DATA = Path(__file__).parent / "data"
UPLOAD_LIMIT = 200_000
"""Bytes; small so that a too-large upload is cheap to make (the seed is about 40 kB)."""


@pytest.fixture(scope="session")
def gazetteer():
    return load_gazetteer()


@pytest.fixture
def env(settings, app, db, people, login_as, gazetteer) -> Env:
    """The app with every unit of the gazetteer and one user per role; no plan yet."""
    with unit_of_work(db) as session:
        load_gazetteer_units(session, gazetteer)
    app.state.settings = replace(settings, max_upload_bytes=UPLOAD_LIMIT)
    return Env(app.state.settings, app, db, login_as)


@pytest.fixture
def seeded(env) -> Env:
    """As ``env``, with the seed plan published as version 1."""
    with env.session() as session:
        publish_seed_plan(session, DemoReport())
    return env


@pytest.fixture
def mini_plan() -> dict:
    """A hand-written ecoplan.plan/1 object: 2 tasks, 4 targets, an unknown unit, a warning;
    its texts are substrings of the seed document."""
    return json.loads((DATA / "mini_plan.json").read_text(encoding="utf-8"))
